import type { Org } from '../../types/models';
import type { OrgView } from '../../types/org';
import { AppError, forbidden } from '../shared/errors';
import type { TargetContext } from '../shared/router';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { withAudit } from '../shared/repositories/unit-of-work';
import { CHILD_LEVEL, toOrgView } from './common';

const conflict = (message: string): AppError => new AppError('CONFLICT', message);
const isAdmin = (ctx: TargetContext): boolean => ctx.roles.includes('admin');

/** The level comes from the parent; siblings may not share a name; order is the sibling count. */
export async function createOrg(ctx: TargetContext, name: string): Promise<OrgView> {
  const parent = ctx.target;
  const level = CHILD_LEVEL[parent.level];
  if (!level) throw new AppError('INVALID_ARGUMENT', '团小组下不能再设下级组织', 'parentId');
  if (parent.archived) throw conflict('上级组织已归档，不能新建下级组织');
  const siblings = await orgs.all({ parentId: parent._id });
  if (siblings.some((s) => !s.archived && s.name === name)) throw conflict(`同一上级下已有名为“${name}”的组织`);
  const doc: Omit<Org, '_id'> = {
    name,
    level,
    parentId: parent._id,
    ancestors: [...parent.ancestors, parent._id],
    archived: false,
    order: siblings.reduce((max, s) => Math.max(max, s.order + 1), 0),
  };
  const org = await withAudit(ctx.openid, async (w) => {
    const created: Org = { _id: await w.insert(orgs, doc), ...doc };
    await w.audit({ action: 'createOrg', target: created._id, before: null, after: created, scope: created });
    return created;
  });
  return toOrgView(org);
}

/** A branch secretary may rename the groups of their branch, not the branch itself. */
export async function renameOrg(ctx: TargetContext, name: string): Promise<OrgView> {
  const org = ctx.target;
  const onlySecretary = !ctx.roles.includes('admin') && !ctx.roles.includes('generalSecretary');
  if (onlySecretary && org.level !== 'group') throw forbidden('团支部书记只能修改本支部团小组的名称');
  if (org.name === name) return toOrgView(org);
  if (org.parentId) {
    const clash = await orgs.first({ parentId: org.parentId, name, archived: false });
    if (clash && clash._id !== org._id) throw conflict(`同一上级下已有名为“${name}”的组织`);
  }
  await withAudit(ctx.openid, async (w) => {
    await w.patch(orgs, org._id, { name });
    await w.audit({ action: 'renameOrg', target: org._id, before: { name: org.name }, after: { name }, scope: org });
  });
  return toOrgView({ ...org, name });
}

/**
 * Moves an org under a new parent one level up. Every check comes before the first write; then the
 * subtree's ancestors and the members' orgPath/branchId are rewritten with where-updates (one request
 * per distinct new value, however many documents match). Those rewrites are derived data and cannot
 * join a transaction (CloudBase runs where-updates outside one); the move itself, the org's own
 * document, is written last together with its audit record.
 */
export async function moveOrg(ctx: TargetContext, newParentId: string): Promise<OrgView> {
  const org = ctx.target;
  if (!org.parentId) throw new AppError('INVALID_ARGUMENT', '校团委不能移动', 'orgId');
  const parent = await orgs.mustById(newParentId, '组织');
  if (CHILD_LEVEL[parent.level] !== org.level) throw new AppError('INVALID_ARGUMENT', '新的上级组织必须正好高一级', 'newParentId');
  if (parent.archived) throw conflict('新的上级组织已归档');
  if (parent._id === org.parentId) return toOrgView(org);

  const newAncestors = [...parent.ancestors, parent._id];
  const depth = org.ancestors.length;
  const descendants = await orgs.all({ ancestors: org._id });

  // Descendants keep the part of their ancestors from this org down; group them by the new value.
  const groups = new Map<string, { ancestors: string[]; ids: string[] }>();
  for (const d of descendants) {
    const next = [...newAncestors, ...d.ancestors.slice(depth)];
    const key = next.join('/');
    const g = groups.get(key) ?? { ancestors: next, ids: [] };
    g.ids.push(d._id);
    groups.set(key, g);
  }
  for (const g of groups.values()) await orgs.setAncestors(g.ids, g.ancestors);

  let membersMoved = 0;
  if (org.level === 'group') {
    // Members of a group follow it into the new branch.
    membersMoved = await members.moveGroup(org._id, parent._id, newAncestors);
  } else {
    // Each branch in the moved subtree (or the org itself, when it is a branch): its members' path changes.
    const branches = [org, ...descendants].filter((o) => o.level === 'branch');
    for (const b of branches) {
      const path = b._id === org._id ? [...newAncestors, org._id] : [...newAncestors, ...b.ancestors.slice(depth), b._id];
      membersMoved += await members.setBranchPath(b._id, path);
    }
  }

  // The org itself moves last: if the function dies halfway, repeating the move redoes every step
  // (each write sets absolute values, and levels fix the depth, so a rewritten descendant maps the same).
  const after: Org = { ...org, parentId: parent._id, ancestors: newAncestors };
  await withAudit(ctx.openid, async (w) => {
    await w.patch(orgs, org._id, { parentId: parent._id, ancestors: newAncestors });
    await w.audit({
      action: 'moveOrg',
      target: org._id,
      before: { parentId: org.parentId, ancestors: org.ancestors },
      after: { parentId: parent._id, ancestors: newAncestors, descendants: descendants.length, membersMoved },
      scope: after,
    });
  });
  return toOrgView(after);
}

function refuseOwnCollege(ctx: TargetContext, org: Org): void {
  if (!org.parentId) throw new AppError('INVALID_ARGUMENT', '校团委不能归档', 'orgId');
  if (!isAdmin(ctx) && org.level === 'general') throw forbidden('团总支只能由校团委管理员归档或恢复');
}

/** Archive keeps the org and its history; an org with active children must be emptied first. */
export async function archiveOrg(ctx: TargetContext): Promise<OrgView> {
  const org = ctx.target;
  refuseOwnCollege(ctx, org);
  if (org.archived) return toOrgView(org);
  const active = await orgs.count({ parentId: org._id, archived: false });
  if (active > 0) throw conflict(`该组织下还有 ${active} 个未归档的下级组织，请先归档或移走它们`);
  await setArchived(ctx, org, true);
  return toOrgView({ ...org, archived: true });
}

export async function restoreOrg(ctx: TargetContext): Promise<OrgView> {
  const org = ctx.target;
  refuseOwnCollege(ctx, org);
  if (!org.archived) return toOrgView(org);
  const parent = org.parentId ? await orgs.mustById(org.parentId, '组织') : null;
  if (parent?.archived) throw conflict('上级组织已归档，请先恢复上级组织');
  await setArchived(ctx, org, false);
  return toOrgView({ ...org, archived: false });
}

function setArchived(ctx: TargetContext, org: Org, archived: boolean): Promise<void> {
  return withAudit(ctx.openid, async (w) => {
    await w.patch(orgs, org._id, { archived });
    await w.audit({
      action: archived ? 'archiveOrg' : 'restoreOrg',
      target: org._id,
      before: { archived: !archived },
      after: { archived },
      scope: org,
    });
  });
}
