import type { BindAttempts, Member, Org } from '../../types/models';
import type { BindResult } from '../../types/account';
import { AppError } from '../shared/errors';
import { normaliseInviteCode } from '../shared/invite-code';
import type { ActionContext } from '../shared/router';
import { bindAttempts, isLocked, minutesLeft } from '../shared/repositories/bind-attempts';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { roles } from '../shared/repositories/roles';
import { staff } from '../shared/repositories/staff';
import { withAudit } from '../shared/repositories/unit-of-work';

/** One message for a wrong name and an unknown number: a guesser learns nothing. */
export const MISMATCH = '学号或姓名与花名册不一致';
const INVALID_CODE = '邀请码无效或已被使用';
const STAFF_BOUND = '你的微信已绑定工作人员账号';

/** The audit id of a binding change from this revision: two changes from one state cannot both land. */
export const bindingKey = (member: Pick<Member, '_id' | 'bindingRev'>): string => `binding:${member._id}:${member.bindingRev ?? 0}`;

const lockedError = (doc: BindAttempts | null, now: number): AppError =>
  new AppError('RATE_LIMITED', `尝试次数过多，请 ${minutesLeft(doc, now)} 分钟后再试`);

/** Refuses while locked; returns the attempts document for the failure path. */
export async function guard(openid: string): Promise<BindAttempts | null> {
  const doc = await bindAttempts.byId(openid);
  const now = Date.now();
  if (isLocked(doc, now)) throw lockedError(doc, now);
  return doc;
}

/** Counts the failure, then answers with `error` (or RATE_LIMITED when a parallel guess got the lock first). */
async function fail(openid: string, attempts: BindAttempts | null, error: AppError): Promise<never> {
  const now = Date.now();
  const outcome = await bindAttempts.recordFailure(openid, attempts, now);
  if (outcome === 'locked') throw lockedError(await bindAttempts.byId(openid), now);
  throw error;
}

export async function secretaryName(branchId: string): Promise<string | null> {
  const grant = await roles.first({ orgId: branchId, role: 'secretary' });
  return grant?.name ?? null;
}

export const boundElsewhere = (name: string | null): AppError =>
  new AppError('CONFLICT', `该学号已被其他微信绑定。如非本人操作，请联系团支部书记${name ? ` ${name} ` : ''}解绑后重新绑定`);

/** Reads the roster entry for a number + name, counting a mismatch as a failed attempt. */
export async function matchEntry(openid: string, studentNo: string, name: string, attempts: BindAttempts | null): Promise<Member> {
  const member = await members.first({ studentNo });
  if (!member || member.name !== name) return fail(openid, attempts, new AppError('INVALID_ARGUMENT', MISMATCH));
  return member;
}

/**
 * Binds the caller's WeChat identity to a roster entry: the entry, the openid mirrored on its grants
 * and the audit entry in one transaction. Two people racing for one entry both write the audit entry
 * of the same binding revision; the second fails with a duplicate key. A caller already bound
 * elsewhere is refused by the unique openid index.
 */
export async function bind(ctx: ActionContext, studentNo: string, name: string): Promise<BindResult> {
  const openid = ctx.openid;
  const [attempts, member] = await Promise.all([guard(openid), members.first({ studentNo })]);
  if (!member || member.name !== name) return fail(openid, attempts, new AppError('INVALID_ARGUMENT', MISMATCH));

  const branch = orgs.byId(member.branchId);
  branch.catch(() => undefined);
  if (member.openid === openid) return result(member, await branch, attempts, openid);
  if (member.openid) throw boundElsewhere(await secretaryName(member.branchId));

  const grants = await roles.ofHolder(member._id);
  try {
    await withAudit(openid, async (w) => {
      await w.patch(members, member._id, { openid, bindingRev: (member.bindingRev ?? 0) + 1 });
      for (const g of grants) await w.patch(roles, g._id, { openid });
      await w.audit({
        action: 'bind',
        target: member._id,
        before: { openid: null },
        after: { openid },
        scope: member.orgPath,
        once: bindingKey(member),
      });
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // Either someone bound this entry a moment ago, or this WeChat is bound to another entry.
    const mine = await members.byOpenid(openid);
    if (mine && mine._id !== member._id) throw new AppError('CONFLICT', `你的微信已绑定学号 ${mine.studentNo}，不能再绑定其他学号`);
    throw boundElsewhere(await secretaryName(member.branchId));
  }
  return result(member, await branch, attempts, openid);
}

async function result(member: Member, branch: Org | null, attempts: BindAttempts | null, openid: string): Promise<BindResult> {
  if (attempts) await bindAttempts.reset(openid);
  return { memberId: member._id, name: member.name, branchName: branch?.name ?? '' };
}

/** Staff join with their one-time invite code; wrong codes count like wrong names. */
export async function redeemInvite(ctx: ActionContext, rawCode: string): Promise<{ name: string; title: string }> {
  const openid = ctx.openid;
  const code = normaliseInviteCode(rawCode);
  const [attempts, account, mine] = await Promise.all([guard(openid), staff.byInviteCode(code), staff.byOpenid(openid)]);
  if (!account) return fail(openid, attempts, new AppError('INVALID_ARGUMENT', INVALID_CODE));
  if (mine) throw new AppError('CONFLICT', STAFF_BOUND);
  const grants = await roles.ofHolder(account._id);
  try {
    await withAudit(openid, async (w) => {
      await w.patch(staff, account._id, { openid, inviteCode: null });
      for (const g of grants) await w.patch(roles, g._id, { openid });
      // A code is redeemed once: two people typing it at the same moment write the same audit id.
      await w.audit({
        action: 'redeemInvite',
        target: account._id,
        before: { openid: null, inviteCode: code },
        after: { openid, inviteCode: null },
        once: `redeemInvite:${account._id}:${code}`,
      });
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    throw new AppError('CONFLICT', (await staff.byOpenid(openid)) ? STAFF_BOUND : INVALID_CODE);
  }
  if (attempts) await bindAttempts.reset(openid);
  return { name: account.name, title: account.title };
}
