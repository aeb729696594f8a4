import type { Org, OrgLevel, RoleGrant } from '../../types/models';
import type { AssignableRole, GrantView, LeaderView } from '../../types/org';
import { AppError, forbidden, notFound } from '../shared/errors';
import type { ActionContext, LoadedContext, TargetContext } from '../shared/router';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { orgs } from '../shared/repositories/orgs';
import { roles } from '../shared/repositories/roles';
import { withAudit } from '../shared/repositories/unit-of-work';
import { mustHolder, toGrantView } from './common';

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

/** The unique grant index (holder, role, org) refused a second copy. */
async function refusingDuplicates<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '此人已担任该职务');
    throw err;
  }
}

/**
 * Gives a role on an org. Secretary and general secretary are one per org: the existing grant document
 * is overwritten with the new holder (one write, so there is never a moment with two holders or none),
 * and the old holder's next call no longer finds it. A general secretary may appoint branch secretaries only.
 */
export async function assignRole(ctx: TargetContext, role: AssignableRole, holderId: string): Promise<GrantView> {
  if (!ctx.roles.includes('admin') && role !== 'secretary') throw forbidden('团总支书记只能任命本学院的团支部书记');
  const org = ctx.target;
  const holder = await mustHolder(holderId);
  if (!ROLE_LEVELS[role].includes(org.level)) throw new AppError('INVALID_ARGUMENT', `该角色只能设在${LEVEL_WORDS[role]}`, 'role');
  if (org.archived) throw new AppError('CONFLICT', '组织已归档，不能任命');

  const existing = await roles.all({ orgId: org._id, role });
  const same = existing.find((g) => g.holderId === holderId);
  const next: GrantDoc = { role, orgId: org._id, holderId, name: holder.doc.name, openid: holder.doc.openid ?? null };

  if (!SINGLE_HOLDER.includes(role)) {
    if (same) return toGrantView(same, org.name);
    const id = await refusingDuplicates(() =>
      withAudit(ctx.openid, async (w) => {
        const inserted = await w.insert(roles, next);
        await w.audit({ action: 'assignRole', target: inserted, before: null, after: next, scope: org });
        return inserted;
      }),
    );
    return toGrantView({ _id: id, ...next }, org.name);
  }

  if (same && existing.length === 1) return toGrantView(same, org.name);
  // Keep one document (the new holder's if present, else the first); remove any others.
  const keep = same ?? existing[0];
  const id = await refusingDuplicates(() =>
    withAudit(ctx.openid, async (w) => {
      for (const g of existing) if (g !== keep) await w.remove(roles, g._id);
      const kept = keep ? keep._id : await w.insert(roles, next);
      if (keep) await w.put(roles, { _id: kept, ...next });
      await w.audit({
        action: 'assignRole',
        target: kept,
        before: existing.length > 0 ? existing.map((g) => ({ id: g._id, holderId: g.holderId, name: g.name })) : null,
        after: { id: kept, ...next },
        scope: org,
      });
      return kept;
    }),
  );
  return toGrantView({ _id: id, ...next }, org.name);
}

/** The grant was read by the action's target() and reaches here as ctx.loaded; its org is ctx.target. */
export async function revokeRole(ctx: LoadedContext<RoleGrant>): Promise<{ revoked: true }> {
  const grant = ctx.loaded;
  if (!ctx.roles.includes('admin') && grant.role !== 'secretary') throw forbidden('团总支书记只能撤销本学院团支部书记的任命');
  await withAudit(ctx.openid, async (w) => {
    await w.remove(roles, grant._id);
    await w.audit({ action: 'revokeRole', target: grant._id, before: grant, after: null, scope: ctx.target });
  });
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
  const toRemove = current.filter((g) => !wanted.includes(g.orgId));
  const toAdd = wanted.filter((id) => !have.has(id));
  await refusingDuplicates(() =>
    withAudit(ctx.openid, async (w) => {
      for (const g of toRemove) await w.remove(roles, g._id);
      for (const orgId of toAdd) {
        await w.insert(roles, { role: 'leader', orgId, holderId, name: holder.doc.name, openid: holder.doc.openid ?? null });
      }
      await w.audit({ action: 'setContactPoints', target: holderId, before: current.map((g) => g.orgId), after: wanted });
    }),
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
