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

/** A validated roster row, ready to write. */
export interface RosterRow {
  row: number;
  studentNo: string;
  name: string;
  branchId: string;
  groupId: string | null;
  orgPath: string[];
  isLeagueMember: boolean;
  isCadre: boolean;
  post: string | null;
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

export interface StageWindow {
  key: StageKey;
  start: string;
  end: string;
}

export interface PledgeRound {
  key: string;
  theme: string;
  start: string;
  deadline: string;
}

export interface Campaign {
  _id: string;
  title: string;
  stages: StageWindow[];
  rounds: PledgeRound[];
  active: boolean;
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
