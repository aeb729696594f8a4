/** Document shapes as stored in the cloud database. Dates travel as ISO strings to the app. */

export const ORG_LEVELS = ['committee', 'general', 'branch', 'group'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const ORG_LEVEL_NAMES: Record<OrgLevel, string> = {
  committee: '校团委',
  general: '团总支',
  branch: '团支部',
  group: '团小组',
};

export interface Org {
  _id: string;
  name: string;
  level: OrgLevel;
  /** null only for the committee (the root). */
  parentId: string | null;
  /** Ids of every ancestor, root first; lets a subtree be found with one query. */
  ancestors: string[];
  archived: boolean;
  order: number;
}

export interface Member {
  _id: string;
  studentNo: string;
  name: string;
  /** The branch the member belongs to. */
  branchId: string;
  groupId: string | null;
  /** Ancestors of the branch plus the branch: scope checks need no extra read. */
  orgPath: string[];
  isLeagueMember: boolean;
  isCadre: boolean;
  /** Cadre post, e.g. 团支书 / 组织委员, when isCadre. */
  post: string | null;
  /** WeChat identity bound to this roster entry; at most one. */
  openid: string | null;
  /**
   * How many times the binding changed (bind or release; absent = 0). The change from revision n writes
   * the audit entry `binding:<member>:<n>`, so of two racing changes from the same state one wins.
   */
  bindingRev?: number;
}

export const ROLES = ['admin', 'generalSecretary', 'secretary', 'leader', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  admin: '校团委管理员',
  generalSecretary: '团总支书记',
  secretary: '团支部书记',
  leader: '领导小组成员',
  member: '团员',
};

/**
 * A role held over an org's subtree (leaders: one grant per contact point). The holder is a roster
 * member (`m-…`) or a staff account (`s-…`); `openid` mirrors the holder's binding so that loading the
 * caller's grants is one query. It is null until the holder binds (members) or redeems an invite (staff).
 */
export interface RoleGrant {
  _id: string;
  role: Exclude<Role, 'member'>;
  orgId: string;
  holderId: string;
  /** Display name of the holder, for lists and whoami. */
  name: string;
  openid: string | null;
}

/** Teachers and officials who hold roles but are on no student roster; they join with an invite code. */
export interface Staff {
  _id: string;
  name: string;
  /** e.g. 学院团总支书记, 校团委副书记 */
  title: string;
  openid: string | null;
  /** One-time code the person enters to bind their WeChat identity; null once redeemed. */
  inviteCode: string | null;
}

/** Failed binding attempts of one WeChat identity, to stop guessing other people's numbers. */
export interface BindAttempts {
  _id: string; // the openid
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

/** A person whose roster entry is bound to someone else asks the branch secretary to release it. */
export interface ReleaseRequest {
  _id: string;
  memberId: string;
  branchId: string;
  requesterOpenid: string;
  note: string;
  status: 'open' | 'done';
  createdAt: Date;
}

/** One import of a roster file: previewed (dry run), then committed chunk by chunk. */
export interface ImportJob {
  _id: string;
  scopeOrgId: string;
  fileID: string;
  fileName: string;
  createdBy: string;
  status: 'previewed' | 'committing' | 'done';
  total: number;
  valid: number;
  errorCount: number;
  /** The first errors, for the report; errorCount has them all. */
  errors: ImportRowError[];
  /** Sample rows of the template, skipped (jobs before the count have none). */
  samples?: number;
  chunkCount: number;
  /** Index of the next chunk to write: an interrupted commit resumes here. */
  cursor: number;
  created: number;
  updated: number;
  unchanged: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ImportRowError {
  /** Row number as the spreadsheet shows it (header is row 1). */
  row: number;
  studentNo: string | null;
  reason: string;
}

/** A validated roster row, ready to write: the member's roster fields, where the row stands, what it changes. */
export interface RosterRow extends Pick<
  Member,
  'studentNo' | 'name' | 'branchId' | 'groupId' | 'orgPath' | 'isLeagueMember' | 'isCadre' | 'post'
> {
  row: number;
  change: 'create' | 'update' | 'unchanged';
}

export interface ImportChunk {
  _id: string; // `${jobId}-${index}`
  jobId: string;
  index: number;
  rows: RosterRow[];
}

export const STAGES = ['mobilize', 'pledge', 'review', 'evaluate', 'commend'] as const;
export type StageKey = (typeof STAGES)[number];

export const STAGE_NAMES: Record<StageKey, string> = {
  mobilize: '动员部署',
  pledge: '公开承诺',
  review: '点评总结',
  evaluate: '群众评议',
  commend: '评比表彰',
};

/** Dates are calendar days in Asia/Shanghai, 'YYYY-MM-DD', both ends inclusive. */
export interface StageWindow {
  key: StageKey;
  start: string;
  end: string;
}

/** A phase of the campaign, e.g. toward the Party's 90th anniversary. */
export interface Phase {
  key: string;
  name: string;
  start: string;
  end: string;
}

export interface PledgeRound {
  key: string;
  theme: string;
  start: string;
  /** Last day to sign; later org pledges are accepted but marked late, later member signatures refused. */
  deadline: string;
}

/** How much a 四带头 pledge must say: cadres pledge to a higher standard than ordinary members. */
export interface PledgeRule {
  /** Commitments required under each of the four leads. */
  itemsPerLead: number;
  /** Minimum characters of each commitment. */
  minLength: number;
}

export interface PledgeRules {
  member: PledgeRule;
  cadre: PledgeRule;
}

export interface Campaign {
  _id: string;
  title: string;
  phases: Phase[];
  stages: StageWindow[];
  rounds: PledgeRound[];
  rules: PledgeRules;
  active: boolean;
}

export const FOUR_GOODS = ['organisation', 'education', 'activities', 'feedback'] as const;
export type FourGood = (typeof FOUR_GOODS)[number];
export const FOUR_GOOD_NAMES: Record<FourGood, string> = {
  organisation: '组织建设好',
  education: '团员教育好',
  activities: '活动开展好',
  feedback: '团员青年反映好',
};

export const FOUR_LEADS = ['conviction', 'study', 'results', 'morals'] as const;
export type FourLead = (typeof FOUR_LEADS)[number];
export const FOUR_LEAD_NAMES: Record<FourLead, string> = {
  conviction: '带头坚定信念',
  study: '带头刻苦学习',
  results: '带头争创佳绩',
  morals: '带头弘扬新风',
};

/** 动员部署: an org's implementation plan; a general branch's hangs under the committee's. */
export interface Plan {
  _id: string; // `${campaignId}:${orgId}`
  campaignId: string;
  orgId: string;
  parentOrgId: string | null;
  title: string;
  body: string;
  attachments: string[]; // fileIDs
  publishedBy: string;
  publishedAt: Date;
}

export interface Meeting {
  _id: string;
  campaignId: string;
  orgId: string;
  date: string;
  place: string;
  attendance: number;
  summary: string;
  photos: string[]; // fileIDs
  recordedBy: string;
  recordedAt: Date;
}

/** 四好: one pledge per org and round; edits keep the earlier versions. */
export interface OrgPledge {
  _id: string; // `${campaignId}:${roundKey}:${orgId}`
  campaignId: string;
  roundKey: string;
  orgId: string;
  orgAncestors: string[];
  items: Record<FourGood, string>;
  late: boolean;
  version: number;
  history: { items: Record<FourGood, string>; at: Date; by: string }[];
  submittedBy: string;
  submittedAt: Date;
}

/** A branch's 四带头 signing session; its QR code carries only the short random key. */
export interface SignSession {
  _id: string;
  /** ≤ 16 chars of [A-Za-z0-9]; the QR scene is `k=<key>`. */
  key: string;
  campaignId: string;
  roundKey: string;
  branchId: string;
  status: 'open' | 'closed';
  openedBy: string;
  createdAt: Date;
  qrFileID: string;
  /** 自动更换: this key is replaced every minute and ages out (types/pledge.ts ROTATE_EVERY_MS). */
  auto?: boolean;
  /** Set when an automatic rotation replaced this key: it keeps working for KEY_GRACE_MS after. */
  replacedAt?: Date;
}

export type Signature = { kind: 'image'; fileID: string } | { kind: 'name'; name: string };

/** 四带头: one per member and round (the id makes a second signature replace the first). */
export interface MemberPledge {
  _id: string; // `${campaignId}:${roundKey}:${memberId}`
  campaignId: string;
  roundKey: string;
  branchId: string;
  memberId: string;
  name: string;
  isCadre: boolean;
  items: Record<FourLead, string[]>;
  signature: Signature;
  signedAt: Date;
}

export interface AuditEntry {
  _id: string;
  at: Date;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  /** The org touched and its ancestors, so an org's audit log covers its subtree with one query. */
  scope?: string[];
}
