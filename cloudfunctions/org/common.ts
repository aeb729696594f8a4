import type { Member, Org, OrgLevel, RoleGrant, Staff } from '../../types/models';
import type { GrantView, OrgView } from '../../types/org';
import { lineage } from '../../types/scope';
import type { ActionContext } from '../shared/router';
import { AppError, notFound } from '../shared/errors';
import { audit } from '../shared/repositories/audit';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { staff } from '../shared/repositories/staff';

/** committee → general → branch → group; a group has no children. */
export const CHILD_LEVEL: Record<OrgLevel, OrgLevel | null> = {
  committee: 'general',
  general: 'branch',
  branch: 'group',
  group: null,
};

export function toOrgView(org: Org): OrgView {
  return { id: org._id, name: org.name, level: org.level, parentId: org.parentId, archived: org.archived };
}

export function toGrantView(grant: RoleGrant, orgName: string): GrantView {
  return {
    id: grant._id,
    role: grant.role,
    orgId: grant.orgId,
    orgName,
    holderId: grant.holderId,
    name: grant.name,
    active: grant.openid !== null && grant.openid !== undefined,
  };
}

/** The org, reusing the router's read when it is the action's target. */
export async function mustOrg(orgId: string, ctx?: ActionContext): Promise<Org> {
  if (ctx?.target?._id === orgId) return ctx.target;
  const org = await orgs.byId(orgId);
  if (!org) throw notFound('组织');
  return org;
}

/** A role holder: a roster member (m-…) or a staff account (s-…). */
export type Holder = { kind: 'member'; doc: Member } | { kind: 'staff'; doc: Staff };

export async function mustHolder(holderId: string): Promise<Holder> {
  if (holderId.startsWith('m-')) {
    const doc = await members.byId(holderId);
    if (doc) return { kind: 'member', doc };
  } else if (holderId.startsWith('s-')) {
    const doc = await staff.byId(holderId);
    if (doc) return { kind: 'staff', doc };
  } else {
    throw new AppError('INVALID_ARGUMENT', 'holderId：应为团员编号（m-…）或工作人员编号（s-…）', 'holderId');
  }
  throw notFound('人员');
}

/** One audit line per change: who (openid), what, which document, before and after, and where in the tree. */
export function record(
  ctx: ActionContext,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
  org?: Pick<Org, '_id' | 'ancestors'>,
): Promise<void> {
  return audit.record({ actor: ctx.openid, action, target, before, after, ...(org ? { scope: lineage(org) } : {}) });
}

/** Per-invocation memo, so a target() lookup and its handler share one read. */
const memos = new WeakMap<ActionContext, Map<string, Promise<unknown>>>();
export function memo<T>(ctx: ActionContext, key: string, load: () => Promise<T>): Promise<T> {
  let m = memos.get(ctx);
  if (!m) memos.set(ctx, (m = new Map()));
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) m.set(key, (p = load()));
  return p;
}
