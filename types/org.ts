import type { OrgLevel, Role } from './models';

/** The org domain: the tree, roles, staff accounts, the leading group and the audit log. */

export interface OrgView {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  archived: boolean;
}

export interface OrgNodeView extends OrgView {
  /** Active (not archived) child orgs. */
  childCount: number;
}

export interface OrgDetail {
  org: OrgView;
  /** From the committee down to the parent. */
  ancestors: OrgView[];
  children: OrgNodeView[];
  /** Members of the whole subtree. */
  memberCount: number;
  roles: GrantView[];
}

export interface GrantView {
  id: string;
  role: Exclude<Role, 'member'>;
  orgId: string;
  orgName: string;
  holderId: string;
  name: string;
  /** False while the holder has not bound their WeChat identity yet. */
  active: boolean;
}

export interface StaffView {
  id: string;
  name: string;
  title: string;
  bound: boolean;
  /** Shown only to whoever manages staff, until redeemed. */
  inviteCode: string | null;
}

export interface LeaderView {
  holderId: string;
  name: string;
  contactPoints: { orgId: string; orgName: string }[];
}

export interface AuditView {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

/** Roles the org actions can grant (member is implied by the roster). */
export type AssignableRole = 'admin' | 'generalSecretary' | 'secretary' | 'leader';

export interface OrgApi {
  /** An org with its direct children, ancestors, member count and role holders. */
  detail: { payload: { orgId: string; includeArchived?: boolean }; result: OrgDetail };
  /** The orgs the caller may start browsing from: the committee for admins, their colleges, branches, contact points. */
  roots: { payload: Record<string, never>; result: OrgView[] };
  createOrg: { payload: { parentId: string; name: string }; result: OrgView };
  renameOrg: { payload: { orgId: string; name: string }; result: OrgView };
  moveOrg: { payload: { orgId: string; newParentId: string }; result: OrgView };
  /** Archive keeps history; an org is never deleted once it has members or history. */
  archiveOrg: { payload: { orgId: string }; result: OrgView };
  restoreOrg: { payload: { orgId: string }; result: OrgView };
  /** Secretary and general secretary are one per org: assigning hands over (the old holder loses it at once). */
  assignRole: { payload: { orgId: string; role: AssignableRole; holderId: string }; result: GrantView };
  revokeRole: { payload: { grantId: string }; result: { revoked: true } };
  createStaff: { payload: { name: string; title: string }; result: StaffView };
  listStaff: { payload: Record<string, never>; result: StaffView[] };
  /** Replaces a leader's contact points. */
  setContactPoints: { payload: { holderId: string; orgIds: string[] }; result: LeaderView };
  leadingGroup: { payload: Record<string, never>; result: LeaderView[] };
  auditLog: { payload: { orgId: string; skip?: number }; result: { items: AuditView[]; nextSkip: number | null } };
}
