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

/** A role held over an org's subtree (leaders: over one contact point each). */
export interface RoleGrant {
  _id: string;
  openid: string;
  /** Display name of the holder: staff such as college secretaries are not on any student roster. */
  name: string;
  role: Exclude<Role, 'member'>;
  orgId: string;
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
}
