import type { Org } from '../../types/models';
import type { OrgView } from '../../types/org';
import { db } from '../shared/cloud';
import { AppError, forbidden } from '../shared/errors';
import type { ActionContext } from '../shared/router';
import { updateWhere } from '../shared/repositories/bulk';
import { orgs } from '../shared/repositories/orgs';
import { CHILD_LEVEL, mustOrg, record, toOrgView } from './common';

const conflict = (message: string): AppError => new AppError('CONFLICT', message);
const isAdmin = (ctx: ActionContext): boolean => ctx.roles.includes('admin');

/** The level comes from the parent; siblings may not share a name; order is the sibling count. */
export async function createOrg(ctx: ActionContext, parentId: string, name: string): Promise<OrgView> {
  const parent = await mustOrg(parentId, ctx);
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
  const id = await orgs.insert(doc);
  const org: Org = { _id: id, ...doc };
  await record(ctx, 'createOrg', id, null, org, org);
  return toOrgView(org);
}

/** A branch secretary may rename the groups of their branch, not the branch itself. */
export async function renameOrg(ctx: ActionContext, orgId: string, name: string): Promise<OrgView> {
  const org = await mustOrg(orgId, ctx);
  const onlySecretary = !ctx.roles.includes('admin') && !ctx.roles.includes('generalSecretary');
  if (onlySecretary && org.level !== 'group') throw forbidden('团支部书记只能修改本支部团小组的名称');
  if (org.name === name) return toOrgView(org);
  if (org.parentId) {
    const clash = await orgs.first({ parentId: org.parentId, name, archived: false });
    if (clash && clash._id !== org._id) throw conflict(`同一上级下已有名为“${name}”的组织`);
  }
  await orgs.patch(org._id, { name });
  const after = { ...org, name };
  await record(ctx, 'renameOrg', org._id, { name: org.name }, { name }, org);
  return toOrgView(after);
}

/**
 * Moves an org under a new parent one level up. Every check comes before the first write; then the
 * subtree's ancestors and the members' orgPath/branchId are rewritten with where-updates (one request
 * per distinct new value, however many documents match).
 */
export async function moveOrg(ctx: ActionContext, orgId: string, newParentId: string): Promise<OrgView> {
  const org = await mustOrg(orgId, ctx);
  if (!org.parentId) throw new AppError('INVALID_ARGUMENT', '校团委不能移动', 'orgId');
  const parent = await mustOrg(newParentId);
  if (CHILD_LEVEL[parent.level] !== org.level) throw new AppError('INVALID_ARGUMENT', '新的上级组织必须正好高一级', 'newParentId');
  if (parent.archived) throw conflict('新的上级组织已归档');
  if (parent._id === org.parentId) return toOrgView(org);

  const _ = db().command;
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
  for (const g of groups.values()) {
    for (let i = 0; i < g.ids.length; i += 100) {
      await updateWhere('orgs', { _id: _.in(g.ids.slice(i, i + 100)) }, { ancestors: g.ancestors });
    }
  }

  let membersMoved = 0;
  if (org.level === 'group') {
    // Members of a group follow it into the new branch.
    membersMoved = await updateWhere('members', { groupId: org._id }, { branchId: parent._id, orgPath: newAncestors });
  } else {
    // Each branch in the moved subtree (or the org itself, when it is a branch): its members' path changes.
    const branches = [org, ...descendants].filter((o) => o.level === 'branch');
    for (const b of branches) {
      const path = b._id === org._id ? [...newAncestors, org._id] : [...newAncestors, ...b.ancestors.slice(depth), b._id];
      membersMoved += await updateWhere('members', { branchId: b._id }, { orgPath: path });
    }
  }

  // The org itself moves last: if the function dies halfway, repeating the move redoes every step
  // (each write sets absolute values, and levels fix the depth, so a rewritten descendant maps the same).
  await orgs.patch(org._id, { parentId: parent._id, ancestors: newAncestors });
  const after: Org = { ...org, parentId: parent._id, ancestors: newAncestors };
  await record(
    ctx,
    'moveOrg',
    org._id,
    { parentId: org.parentId, ancestors: org.ancestors },
    { parentId: parent._id, ancestors: newAncestors, descendants: descendants.length, membersMoved },
    after,
  );
  return toOrgView(after);
}

function refuseOwnCollege(ctx: ActionContext, org: Org): void {
  if (!org.parentId) throw new AppError('INVALID_ARGUMENT', '校团委不能归档', 'orgId');
  if (!isAdmin(ctx) && org.level === 'general') throw forbidden('团总支只能由校团委管理员归档或恢复');
}

/** Archive keeps the org and its history; an org with active children must be emptied first. */
export async function archiveOrg(ctx: ActionContext, orgId: string): Promise<OrgView> {
  const org = await mustOrg(orgId, ctx);
  refuseOwnCollege(ctx, org);
  if (org.archived) return toOrgView(org);
  const active = await orgs.count({ parentId: org._id, archived: false });
  if (active > 0) throw conflict(`该组织下还有 ${active} 个未归档的下级组织，请先归档或移走它们`);
  await orgs.patch(org._id, { archived: true });
  await record(ctx, 'archiveOrg', org._id, { archived: false }, { archived: true }, org);
  return toOrgView({ ...org, archived: true });
}

export async function restoreOrg(ctx: ActionContext, orgId: string): Promise<OrgView> {
  const org = await mustOrg(orgId, ctx);
  refuseOwnCollege(ctx, org);
  if (!org.archived) return toOrgView(org);
  const parent = org.parentId ? await mustOrg(org.parentId) : null;
  if (parent?.archived) throw conflict('上级组织已归档，请先恢复上级组织');
  await orgs.patch(org._id, { archived: false });
  await record(ctx, 'restoreOrg', org._id, { archived: true }, { archived: false }, org);
  return toOrgView({ ...org, archived: false });
}
