/** Reading the roster of a subtree and marking cadres. */
import type { Member, Org } from '../../types/models';
import type { MemberView } from '../../types/roster';
import { db } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { audit } from '../shared/repositories/audit';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export function toView(m: Member, byId: Map<string, Org>): MemberView {
  return {
    id: m._id,
    studentNo: m.studentNo,
    name: m.name,
    branchId: m.branchId,
    branchName: byId.get(m.branchId)?.name ?? '',
    groupId: m.groupId,
    groupName: m.groupId ? (byId.get(m.groupId)?.name ?? null) : null,
    isLeagueMember: m.isLeagueMember,
    isCadre: m.isCadre,
    post: m.post,
    bound: Boolean(m.openid),
  };
}

/** Branch and group names of these members, in one request per 100 orgs. */
export async function viewsOf(list: Member[]): Promise<MemberView[]> {
  const ids = list.flatMap((m) => [m.branchId, ...(m.groupId ? [m.groupId] : [])]);
  const byId = new Map<string, Org>();
  if (ids.length > 0) for (const o of await orgs.byIds(ids)) byId.set(o._id, o);
  return list.map((m) => toView(m, byId));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Members of an org's subtree: a branch or above by the member's path, a group by the member's group. */
export async function subtreeWhere(orgId: string): Promise<Record<string, unknown>> {
  const org = await orgs.byId(orgId);
  if (!org) throw new AppError('NOT_FOUND', '组织不存在');
  return org.level === 'group' ? { groupId: orgId } : { orgPath: orgId };
}

export async function listMembers(p: { orgId: string; keyword?: string; skip?: number; limit?: number }): Promise<{
  items: MemberView[];
  total: number;
  nextSkip: number | null;
}> {
  const limit = Math.min(p.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const skip = p.skip ?? 0;
  const keyword = (p.keyword ?? '').trim();
  const where = await subtreeWhere(p.orgId);
  if (keyword) {
    // Digits search the student number from its start; anything else is part of a name.
    if (/^\d+$/.test(keyword)) where.studentNo = db().RegExp({ regexp: `^${keyword}` });
    else where.name = db().RegExp({ regexp: escapeRegExp(keyword) });
  }
  const [page, total] = await Promise.all([
    members.page(where, { skip, limit, order: { field: 'studentNo', direction: 'asc' } }),
    members.count(where),
  ]);
  const items = await viewsOf(page);
  return { items, total, nextSkip: skip + page.length < total ? skip + page.length : null };
}

export async function setCadre(member: Member, p: { isCadre: boolean; post: string | null }, actor: string): Promise<MemberView> {
  const post = p.isCadre ? p.post : null;
  if (p.isCadre && !post) throw new AppError('INVALID_ARGUMENT', '请填写职务', 'post');
  if (member.isCadre !== p.isCadre || member.post !== post) {
    await members.patch(member._id, { isCadre: p.isCadre, post });
    await audit.record({
      actor,
      action: 'roster.setCadre',
      target: member._id,
      before: { isCadre: member.isCadre, post: member.post },
      after: { isCadre: p.isCadre, post },
    });
  }
  const [view] = await viewsOf([{ ...member, isCadre: p.isCadre, post }]);
  return view;
}
