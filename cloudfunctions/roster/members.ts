/** Reading the roster of a subtree and marking cadres. */
import type { Member, Org } from '../../types/models';
import type { MemberView } from '../../types/roster';
import { AppError } from '../shared/errors';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { LoadedContext } from '../shared/router';

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

/** Members of an org's subtree: a branch or above by the member's path, a group by the member's group. */
export function subtreeWhere(org: Org): Record<string, unknown> {
  return org.level === 'group' ? { groupId: org._id } : { orgPath: org._id };
}

export async function listMembers(
  org: Org,
  p: { keyword?: string; skip?: number; limit?: number },
): Promise<{ items: MemberView[]; total: number; nextSkip: number | null }> {
  const limit = Math.min(p.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const skip = p.skip ?? 0;
  const { items: page, total } = await members.search(subtreeWhere(org), (p.keyword ?? '').trim(), { skip, limit });
  const items = await viewsOf(page);
  return { items, total, nextSkip: skip + page.length < total ? skip + page.length : null };
}

/** The member was read by the action's target() and reaches here as ctx.loaded. */
export async function setCadre(ctx: LoadedContext<Member>, p: { isCadre: boolean; post: string | null }): Promise<MemberView> {
  const member = ctx.loaded;
  const post = p.isCadre ? p.post : null;
  if (p.isCadre && !post) throw new AppError('INVALID_ARGUMENT', '职务：请填写职务', 'post');
  if (member.isCadre !== p.isCadre || member.post !== post) {
    await withAudit(ctx.openid, async (w) => {
      await w.patch(members, member._id, { isCadre: p.isCadre, post });
      await w.audit({
        action: 'roster.setCadre',
        target: member._id,
        before: { isCadre: member.isCadre, post: member.post },
        after: { isCadre: p.isCadre, post },
        scope: member.orgPath,
      });
    });
  }
  const [view] = await viewsOf([{ ...member, isCadre: p.isCadre, post }]);
  return view;
}
