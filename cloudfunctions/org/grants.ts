import type { Org, OrgLevel, RoleGrant } from '../../types/models';
import type { AssignableRole, GrantView, LeaderView } from '../../types/org';
import { db } from '../shared/cloud';
import { AppError, forbidden, notFound } from '../shared/errors';
import type { ActionContext } from '../shared/router';
import { isDuplicateKey, removeWhere } from '../shared/repositories/bulk';
import { orgs } from '../shared/repositories/orgs';
import { roles } from '../shared/repositories/roles';
import { memo, mustHolder, mustOrg, record, toGrantView } from './common';

/** Where each role may be held. */
const ROLE_LEVELS: Record<AssignableRole, readonly OrgLevel[]> = {
  admin: ['committee'],
  generalSecretary: ['general'],
  secretary: ['branch'],
  leader: ['general', 'branch', 'group'],
};
const LEVEL_WORDS: Record<AssignableRole, string> = {
  admin: '校团委',
  generalSecretary: '团总支',
  secretary: '团支部',
  leader: '团总支、团支部或团小组',
};
/** One holder per org: assigning hands over. */
const SINGLE_HOLDER: readonly AssignableRole[] = ['secretary', 'generalSecretary'];

type GrantDoc = Omit<RoleGrant, '_id'>;

/** The grant a revokeRole call names, read once for both the router's target and the handler. */
export function grantFor(ctx: ActionContext, grantId: string): Promise<RoleGrant> {
  return memo(ctx, `grant:${grantId}`, async () => {
    const grant = await roles.byId(grantId);
    if (!grant) throw notFound('任命');
    return grant;
  });
}

/**
 * Gives a role on an org. Secretary and general secretary are one per org: the existing grant document
 * is overwritten with the new holder (one write, so there is never a moment with two holders or none),
 * and the old holder's next call no longer finds it. A general secretary may appoint branch secretaries only.
 */
export async function assignRole(ctx: ActionContext, orgId: string, role: AssignableRole, holderId: string): Promise<GrantView> {
  if (!ctx.roles.includes('admin') && role !== 'secretary') throw forbidden('团总支书记只能任命本学院的团支部书记');
  const [org, holder] = await Promise.all([mustOrg(orgId, ctx), mustHolder(holderId)]);
  if (!ROLE_LEVELS[role].includes(org.level)) throw new AppError('INVALID_ARGUMENT', `该角色只能设在${LEVEL_WORDS[role]}`, 'role');
  if (org.archived) throw new AppError('CONFLICT', '组织已归档，不能任命');

  const existing = await roles.all({ orgId: org._id, role });
  const same = existing.find((g) => g.holderId === holderId);
  const next: GrantDoc = { role, orgId: org._id, holderId, name: holder.doc.name, openid: holder.doc.openid ?? null };

  if (!SINGLE_HOLDER.includes(role)) {
    if (same) return toGrantView(same, org.name);
    const id = await insertGrant(next);
    await record(ctx, 'assignRole', id, null, next, org);
    return toGrantView({ _id: id, ...next }, org.name);
  }

  if (same && existing.length === 1) return toGrantView(same, org.name);
  // Keep one document (the new holder's if present, else the first); remove any others.
  const keep = same ?? existing[0];
  const others = existing.filter((g) => g !== keep).map((g) => g._id);
  if (others.length > 0) await removeWhere('roles', { _id: db().command.in(others) });
  let id: string;
  if (keep) {
    await roles.put({ _id: keep._id, ...next });
    id = keep._id;
  } else {
    id = await insertGrant(next);
  }
  await record(
    ctx,
    'assignRole',
    id,
    existing.length > 0 ? existing.map((g) => ({ id: g._id, holderId: g.holderId, name: g.name })) : null,
    { id, ...next },
    org,
  );
  return toGrantView({ _id: id, ...next }, org.name);
}

async function insertGrant(doc: GrantDoc): Promise<string> {
  try {
    return await roles.insert(doc);
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '此人已担任该职务');
    throw err;
  }
}

export async function revokeRole(ctx: ActionContext, grantId: string): Promise<{ revoked: true }> {
  const grant = await grantFor(ctx, grantId);
  if (!ctx.roles.includes('admin') && grant.role !== 'secretary') throw forbidden('团总支书记只能撤销本学院团支部书记的任命');
  await removeWhere('roles', { _id: grant._id });
  // The grant's org is the action's target: the router has already read it.
  await record(ctx, 'revokeRole', grant._id, grant, null, ctx.target ?? undefined);
  return { revoked: true };
}

/** Replaces a leader's contact points: grants added and removed so that exactly these remain. */
export async function setContactPoints(ctx: ActionContext, holderId: string, orgIds: string[]): Promise<LeaderView> {
  const wanted = [...new Set(orgIds)];
  const [holder, found, current] = await Promise.all([mustHolder(holderId), orgs.byIds(wanted), roles.all({ holderId, role: 'leader' })]);
  const byId = new Map(found.map((o) => [o._id, o]));
  for (const id of wanted) {
    const org = byId.get(id);
    if (!org) throw notFound('组织');
    if (!ROLE_LEVELS.leader.includes(org.level)) throw new AppError('INVALID_ARGUMENT', '联系点应为团总支、团支部或团小组', 'orgIds');
  }
  const have = new Set(current.map((g) => g.orgId));
  const toRemove = current.filter((g) => !wanted.includes(g.orgId)).map((g) => g._id);
  const toAdd = wanted.filter((id) => !have.has(id));
  if (toRemove.length > 0) await removeWhere('roles', { _id: db().command.in(toRemove) });
  for (const orgId of toAdd) {
    await insertGrant({ role: 'leader', orgId, holderId, name: holder.doc.name, openid: holder.doc.openid ?? null });
  }
  await record(
    ctx,
    'setContactPoints',
    holderId,
    current.map((g) => g.orgId),
    wanted,
  );
  return { holderId, name: holder.doc.name, contactPoints: wanted.map((id) => ({ orgId: id, orgName: (byId.get(id) as Org).name })) };
}

/** Every leader with their contact points: two reads. */
export async function leadingGroup(): Promise<LeaderView[]> {
  const grants = await roles.all({ role: 'leader' });
  const names = new Map((await orgs.byIds(grants.map((g) => g.orgId))).map((o) => [o._id, o.name]));
  const byHolder = new Map<string, LeaderView>();
  for (const g of grants) {
    const view = byHolder.get(g.holderId) ?? { holderId: g.holderId, name: g.name, contactPoints: [] };
    view.contactPoints.push({ orgId: g.orgId, orgName: names.get(g.orgId) ?? '（已删除的组织）' });
    byHolder.set(g.holderId, view);
  }
  return [...byHolder.values()].sort((a, b) => a.holderId.localeCompare(b.holderId));
}
