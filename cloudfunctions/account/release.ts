import type { ReleaseRequestView } from '../../types/account';
import type { Member, Org } from '../../types/models';
import { db } from '../shared/cloud';
import { AppError, notFound } from '../shared/errors';
import type { ActionContext } from '../shared/router';
import { audit } from '../shared/repositories/audit';
import { bindAttempts, isLocked, minutesLeft } from '../shared/repositories/bind-attempts';
import { updateWhere } from '../shared/repositories/bulk';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { releaseRequests } from '../shared/repositories/release-requests';
import { matchEntry, secretaryName } from './bind';

/** The member a release names, read once for the router's target and the handler. */
const memos = new WeakMap<ActionContext, Promise<Member>>();
export function memberFor(ctx: ActionContext, memberId: string): Promise<Member> {
  let p = memos.get(ctx);
  if (!p) {
    p = members.byId(memberId).then((m) => {
      if (!m) throw notFound('团员');
      return m;
    });
    memos.set(ctx, p);
  }
  return p;
}

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
  const attempts = await bindAttempts.byId(openid);
  const now = Date.now();
  if (isLocked(attempts, now)) throw new AppError('RATE_LIMITED', `尝试次数过多，请 ${minutesLeft(attempts, now)} 分钟后再试`);
  const member = await matchEntry(openid, studentNo, name, attempts);
  if (!member.openid) throw new AppError('CONFLICT', '该学号尚未被绑定，可以直接绑定');
  if (member.openid === openid) throw new AppError('CONFLICT', '该学号已绑定到你的微信');
  const [open, secretary] = await Promise.all([
    releaseRequests.first({ memberId: member._id, requesterOpenid: openid, status: 'open' }),
    secretaryName(member.branchId),
  ]);
  if (!open) {
    const doc = {
      memberId: member._id,
      branchId: member.branchId,
      requesterOpenid: openid,
      note,
      status: 'open' as const,
      createdAt: db().serverDate(),
    };
    const id = (await db().collection('releaseRequests').add({ data: doc })) as { _id: string };
    await audit.record({
      actor: openid,
      action: 'requestRelease',
      target: member._id,
      before: null,
      after: { requestId: id._id, note },
      scope: [...member.orgPath],
    });
  }
  return { requested: true, secretaryName: secretary };
}

/** Frees a roster entry: the member's binding and the mirror on their grants; open requests close. */
export async function release(ctx: ActionContext, memberId: string): Promise<{ released: true }> {
  const member = await memberFor(ctx, memberId);
  if (member.openid) {
    await updateWhere('members', { _id: member._id, openid: member.openid }, { openid: null });
    await updateWhere('roles', { holderId: member._id }, { openid: null });
  }
  const closed = await updateWhere('releaseRequests', { memberId: member._id, status: 'open' }, { status: 'done' });
  await audit.record({
    actor: ctx.openid,
    action: 'release',
    target: member._id,
    before: { openid: member.openid },
    after: { openid: null, requestsClosed: closed },
    scope: [...member.orgPath],
  });
  return { released: true };
}

/** Open requests in the org's subtree, oldest first. */
export async function listReleaseRequests(org: Org): Promise<ReleaseRequestView[]> {
  const _ = db().command;
  let branchIds: string[];
  if (org.level === 'branch') branchIds = [org._id];
  else if (org.level === 'group') branchIds = org.parentId ? [org.parentId] : [];
  else branchIds = (await orgs.all({ ancestors: org._id, level: 'branch' })).map((b) => b._id);
  const requests: { _id: string; memberId: string; note: string; createdAt: Date }[] = [];
  for (let i = 0; i < branchIds.length; i += 100) {
    requests.push(
      ...(await releaseRequests.all(
        { branchId: _.in(branchIds.slice(i, i + 100)), status: 'open' },
        { field: 'createdAt', direction: 'asc' },
      )),
    );
  }
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
