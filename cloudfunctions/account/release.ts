import type { ReleaseRequestView } from '../../types/account';
import type { Member, Org, ReleaseRequest } from '../../types/models';
import { AppError } from '../shared/errors';
import type { ActionContext, LoadedContext } from '../shared/router';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { releaseRequests } from '../shared/repositories/release-requests';
import { serverTime } from '../shared/repositories/repository';
import { roles } from '../shared/repositories/roles';
import { withAudit } from '../shared/repositories/unit-of-work';
import { bindingKey, guard, matchEntry, secretaryName } from './bind';

/**
 * Someone finds their entry bound to another WeChat: they prove number + name (counted like a bind
 * attempt) and leave a request for the branch secretary. Asking twice leaves one open request.
 */
export async function requestRelease(
  ctx: ActionContext,
  studentNo: string,
  name: string,
  note: string,
): Promise<{ requested: true; secretaryName: string | null }> {
  const openid = ctx.openid;
  const attempts = await guard(openid);
  const member = await matchEntry(openid, studentNo, name, attempts);
  if (!member.openid) throw new AppError('CONFLICT', '该学号尚未被绑定，可以直接绑定');
  if (member.openid === openid) throw new AppError('CONFLICT', '该学号已绑定到你的微信');
  const [open, secretary] = await Promise.all([
    releaseRequests.first({ memberId: member._id, requesterOpenid: openid, status: 'open' }),
    secretaryName(member.branchId),
  ]);
  if (!open) {
    await withAudit(openid, async (w) => {
      const id = await w.insert(releaseRequests, {
        memberId: member._id,
        branchId: member.branchId,
        requesterOpenid: openid,
        note,
        status: 'open',
        createdAt: serverTime(),
      });
      await w.audit({ action: 'requestRelease', target: member._id, before: null, after: { requestId: id, note }, scope: member.orgPath });
    });
  }
  return { requested: true, secretaryName: secretary };
}

/**
 * Frees a roster entry: the member's binding, the mirror on their grants and their open requests, with
 * the audit entry, in one transaction. The member was read by the action's target() (ctx.loaded).
 */
export async function release(ctx: LoadedContext<Member>): Promise<{ released: true }> {
  const member = ctx.loaded;
  const [grants, open] = await Promise.all([member.openid ? roles.ofHolder(member._id) : [], releaseRequests.openOfMember(member._id)]);
  try {
    await withAudit(ctx.openid, async (w) => {
      if (member.openid) {
        await w.patch(members, member._id, { openid: null, bindingRev: (member.bindingRev ?? 0) + 1 });
        for (const g of grants) await w.patch(roles, g._id, { openid: null });
      }
      for (const r of open) await w.patch(releaseRequests, r._id, { status: 'done' });
      await w.audit({
        action: 'release',
        target: member._id,
        before: { openid: member.openid },
        after: { openid: null, requestsClosed: open.length },
        scope: member.orgPath,
        ...(member.openid ? { once: bindingKey(member) } : {}),
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '该团员的绑定刚被他人修改，请刷新后重试');
    throw err;
  }
  return { released: true };
}

/** Open requests in the org's subtree, oldest first. */
export async function listReleaseRequests(org: Org): Promise<ReleaseRequestView[]> {
  let branchIds: string[];
  if (org.level === 'branch') branchIds = [org._id];
  else if (org.level === 'group') branchIds = org.parentId ? [org.parentId] : [];
  else branchIds = (await orgs.all({ ancestors: org._id, level: 'branch' })).map((b) => b._id);
  const requests: ReleaseRequest[] = await releaseRequests.openOfBranches(branchIds);
  const people = new Map((await members.byIds(requests.map((r) => r.memberId))).map((m) => [m._id, m]));
  const views = requests.map((r) => {
    const m = people.get(r.memberId);
    return {
      id: r._id,
      memberId: r.memberId,
      studentNo: m?.studentNo ?? '',
      name: m?.name ?? '',
      note: r.note,
      createdAt: new Date(r.createdAt).toISOString(),
    };
  });
  // A group's view shows only the requests of its own members.
  return org.level === 'group' ? views.filter((v) => people.get(v.memberId)?.groupId === org._id) : views;
}
