import type { BindAttempts, Member, Org } from '../../types/models';
import type { BindResult } from '../../types/account';
import { AppError } from '../shared/errors';
import { normaliseInviteCode } from '../shared/invite-code';
import type { ActionContext } from '../shared/router';
import { audit } from '../shared/repositories/audit';
import { bindAttempts, isLocked, minutesLeft } from '../shared/repositories/bind-attempts';
import { isDuplicateKey, updateWhere } from '../shared/repositories/bulk';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { roles } from '../shared/repositories/roles';
import { staff } from '../shared/repositories/staff';

/** One message for a wrong name and an unknown number: a guesser learns nothing. */
export const MISMATCH = '学号或姓名与花名册不一致';
const INVALID_CODE = '邀请码无效或已被使用';

const lockedError = (doc: BindAttempts | null, now: number): AppError =>
  new AppError('RATE_LIMITED', `尝试次数过多，请 ${minutesLeft(doc, now)} 分钟后再试`);

/** Refuses while locked; returns the attempts document for the failure path. */
async function guard(openid: string): Promise<BindAttempts | null> {
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
 * Binds the caller's WeChat identity to a roster entry. Reads (attempts, the entry, the caller's own
 * entry) run in parallel; the write is conditional on the entry being unbound, so a race binds once.
 */
export async function bind(ctx: ActionContext, studentNo: string, name: string): Promise<BindResult> {
  const openid = ctx.openid;
  const [attempts, member, mine] = await Promise.all([guard(openid), members.first({ studentNo }), members.byOpenid(openid)]);
  const now = Date.now();
  if (isLocked(attempts, now)) throw lockedError(attempts, now);
  if (!member || member.name !== name) return fail(openid, attempts, new AppError('INVALID_ARGUMENT', MISMATCH));

  const branch = orgs.byId(member.branchId);
  branch.catch(() => undefined);
  if (member.openid === openid) return result(member, await branch, attempts, openid);
  if (member.openid) throw boundElsewhere(await secretaryName(member.branchId));
  if (mine) throw new AppError('CONFLICT', `你的微信已绑定学号 ${mine.studentNo}，不能再绑定其他学号`);

  let updated: number;
  try {
    updated = await updateWhere('members', { _id: member._id, openid: null }, { openid });
  } catch (err) {
    // The unique openid index: the same person bound another entry a moment ago.
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '你的微信已绑定其他学号');
    throw err;
  }
  if (updated !== 1) throw boundElsewhere(await secretaryName(member.branchId));
  await updateWhere('roles', { holderId: member._id }, { openid });
  await audit.record({
    actor: openid,
    action: 'bind',
    target: member._id,
    before: { openid: null },
    after: { openid },
    scope: [...member.orgPath],
  });
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
  if (mine) throw new AppError('CONFLICT', '你的微信已绑定工作人员账号');
  let updated: number;
  try {
    updated = await updateWhere('staff', { _id: account._id, inviteCode: code, openid: null }, { openid, inviteCode: null });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '你的微信已绑定工作人员账号');
    throw err;
  }
  if (updated !== 1) throw new AppError('CONFLICT', INVALID_CODE);
  await updateWhere('roles', { holderId: account._id }, { openid });
  await audit.record({
    actor: openid,
    action: 'redeemInvite',
    target: account._id,
    before: { openid: null, inviteCode: code },
    after: { openid, inviteCode: null },
  });
  if (attempts) await bindAttempts.reset(openid);
  return { name: account.name, title: account.title };
}
