/** Signing sessions: the branch's QR code for a round, opened, rotated and closed by its secretary. */
import { randomInt } from 'node:crypto';
import type { Org, SignSession } from '../../types/models';
import { ROTATE_EVERY_MS, SESSION_KEY_LENGTH, SIGN_PAGE, sceneOf, type SessionView } from '../../types/pledge';
import { activeCampaign } from '../shared/campaign';
import { sdk } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { campaigns } from '../shared/repositories/campaigns';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { serverTime } from '../shared/repositories/repository';
import { signSessions } from '../shared/repositories/sign-sessions';
import { withAudit, type Work } from '../shared/repositories/unit-of-work';
import type { LoadedContext, TargetContext } from '../shared/router';
import { tempFileURLs, uploadFile } from '../shared/storage';
import { fireEvent } from '../shared/notify';
import { roundOf } from './common';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MAX_KEY_ATTEMPTS = 5;
const CLOSED_ALREADY = '该二维码已关闭或已被更换，请刷新后重试';

/** 12 characters from the crypto RNG: 62^12 ≈ 3×10^21 keys, so a guessed code names nothing. */
export function newKey(length = SESSION_KEY_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export function assertBranch(org: Org): Org {
  if (org.level !== 'branch') throw new AppError('INVALID_ARGUMENT', '签署二维码只能由团支部生成', 'branchId');
  return org;
}

async function viewOf(session: SignSession, branch: Org, theme: string): Promise<SessionView> {
  const [url] = await tempFileURLs([session.qrFileID]);
  if (!url) throw new AppError('INTERNAL', '二维码图片获取失败，请稍后再试');
  return {
    id: session._id,
    key: session.key,
    scene: sceneOf(session.key),
    page: SIGN_PAGE,
    branchId: branch._id,
    branchName: branch.name,
    roundKey: session.roundKey,
    theme,
    status: session.status,
    qr: { fileID: session.qrFileID, url },
    auto: session.auto === true,
    issuedAt: new Date(session.createdAt).toISOString(),
  };
}

async function qrPng(key: string): Promise<Buffer> {
  const res = (await sdk().openapi.wxacode.getUnlimited({ scene: sceneOf(key), page: SIGN_PAGE, checkPath: false })) as {
    buffer?: unknown;
  };
  if (!Buffer.isBuffer(res.buffer)) throw new Error('wxacode.getUnlimited returned no image');
  return res.buffer;
}

/** A session closes once: opening it again, rotating it and closing it all write this audit id. */
const closedKey = (sessionId: string): string => `signSession-closed:${sessionId}`;

/** Closes an open session in the change `w` is writing. */
async function close(
  w: Work,
  session: SignSession,
  branch: Org,
  action: string,
  after: Record<string, unknown> = {},
  also: Partial<Pick<SignSession, 'replacedAt'>> = {},
): Promise<void> {
  await w.patch(signSessions, session._id, { status: 'closed', closedAt: serverTime(), ...also });
  await w.audit({
    action,
    target: session._id,
    before: { key: session.key, status: 'open' },
    after: { status: 'closed', ...after },
    scope: branch,
    once: closedKey(session._id),
  });
}

/**
 * A new open session with a fresh key, written with `alsoWrite` (the audit of opening, or the closing
 * of the session it replaces) in one transaction; a key collision (unique index) draws another key.
 */
async function createSession(
  actor: string,
  fields: Pick<SignSession, 'campaignId' | 'roundKey' | 'branchId'> & { auto?: boolean },
  alsoWrite: (w: Work, session: SignSession) => Promise<void>,
): Promise<SignSession> {
  for (let attempt = 1; ; attempt++) {
    const key = newKey();
    const _id = `ss-${newKey(16)}`;
    const qrFileID = await uploadFile(`pledge-qr/${_id}.png`, await qrPng(key));
    // The function's clock is the server's: the issue time a scan later measures the key's age against.
    const session: SignSession = { _id, key, ...fields, status: 'open', openedBy: actor, createdAt: new Date(), qrFileID };
    try {
      await withAudit(actor, async (w) => {
        await w.insert(signSessions, session);
        await alsoWrite(w, session);
      });
      return session;
    } catch (err) {
      // The key index said no: draw another key. Any other duplicate (a closing that raced) goes up.
      const keyTaken = isDuplicateKey(err) && (await signSessions.byKey(key)) !== null;
      if (!keyTaken || attempt >= MAX_KEY_ATTEMPTS) throw err;
    }
  }
}

/**
 * Two secretaries opening at once each create a session; both then keep the earliest open one and close
 * the rest, so only one QR code of a branch and round ever stays valid.
 */
async function settleOpen(created: SignSession, branch: Org, actor: string): Promise<SignSession> {
  const open = await signSessions.allOpen(created.campaignId, created.roundKey, created.branchId);
  const winner = open[0] ?? created;
  if (winner._id !== created._id) {
    try {
      await withAudit(actor, (w) => close(w, created, branch, 'pledge.closeSession', { reason: 'duplicate', keptSession: winner._id }));
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return winner;
}

export async function openSession(ctx: TargetContext, roundKey: string): Promise<SessionView> {
  const branch = assertBranch(ctx.target);
  const campaign = await activeCampaign();
  const round = roundOf(campaign, roundKey);
  const existing = await signSessions.openOf(campaign._id, round.key, branch._id);
  if (existing) return viewOf(existing, branch, round.theme);
  const fields = { campaignId: campaign._id, roundKey: round.key, branchId: branch._id };
  const created = await createSession(ctx.openid, fields, (w, session) =>
    w.audit({
      action: 'pledge.openSession',
      target: session._id,
      before: null,
      after: { key: session.key, branchId: branch._id, roundKey: round.key, status: 'open' },
      scope: branch,
    }),
  );
  const caller = await ctx.caller();
  // Members of the branch who have not signed yet hear that signing is open (once per branch and round).
  await fireEvent({
    kind: 'signingOpen',
    key: `${campaign._id}:${round.key}:${branch._id}`,
    title: `${branch.name} · ${round.theme}`,
    values: {
      thing1: '签署“四带头”承诺',
      thing2: branch.name,
      name3: caller.member?.name ?? caller.grants[0]?.name ?? '团支部书记',
      time4: new Date().toISOString(),
    },
    audience: { orgId: branch._id, unsigned: { campaignId: campaign._id, roundKey: round.key } },
    org: branch,
  });
  return viewOf(await settleOpen(created, branch, ctx.openid), branch, round.theme);
}

/** Closes the session and opens its successor in one transaction; the old QR code stops working at once. */
export async function rotateSession(ctx: LoadedContext<SignSession>): Promise<SessionView> {
  const old = ctx.loaded;
  const branch = assertBranch(ctx.target);
  const { campaignId, roundKey, theme } = await roundOfOpen(old);
  // A manual change keeps 自动更换 as it was; the old key stops at once either way (no grace).
  const next = await replaceOrConflict(() =>
    createSession(ctx.openid, { campaignId, roundKey, branchId: branch._id, auto: old.auto === true }, (w, session) =>
      close(w, old, branch, 'pledge.rotateSession', { replacedBy: session._id, key: session.key }),
    ),
  );
  return viewOf(await settleOpen(next, branch, ctx.openid), branch, theme);
}

/** The rotate/auto actions need the running campaign's round of the session, and the session open. */
async function roundOfOpen(old: SignSession): Promise<{ campaignId: string; roundKey: string; theme: string }> {
  const campaign = await campaigns.active();
  if (!campaign || campaign._id !== old.campaignId) throw new AppError('CONFLICT', '该签署属于已结束的活动，无法更换二维码');
  const round = roundOf(campaign, old.roundKey);
  if (old.status !== 'open') throw new AppError('CONFLICT', CLOSED_ALREADY);
  return { campaignId: campaign._id, roundKey: round.key, theme: round.theme };
}

/**
 * 自动更换 on: a fresh automatic key replaces the one on screen at once (an old screenshot dies now);
 * off: the key on screen stays valid until it is changed or signing ends.
 */
export async function setAutoRotate(ctx: LoadedContext<SignSession>, auto: boolean): Promise<SessionView> {
  const old = ctx.loaded;
  const branch = assertBranch(ctx.target);
  const { campaignId, roundKey, theme } = await roundOfOpen(old);
  if (!auto) {
    if (old.auto) {
      await withAudit(ctx.openid, async (w) => {
        await w.patch(signSessions, old._id, { auto: false });
        await w.audit({ action: 'pledge.setAutoRotate', target: old._id, before: { auto: true }, after: { auto: false }, scope: branch });
      });
    }
    return viewOf({ ...old, auto: false }, branch, theme);
  }
  if (old.auto) return viewOf(old, branch, theme);
  const next = await replaceOrConflict(() =>
    createSession(ctx.openid, { campaignId, roundKey, branchId: branch._id, auto: true }, (w, session) =>
      close(w, old, branch, 'pledge.setAutoRotate', { replacedBy: session._id, key: session.key, auto: true }),
    ),
  );
  return viewOf(await settleOpen(next, branch, ctx.openid), branch, theme);
}

/**
 * Called by the open session page every few seconds: an automatic key ROTATE_EVERY_MS old is replaced,
 * the old one closed with replacedAt (its grace starts now). Two pages ticking at once: one replaces,
 * the other gets the session open now.
 */
export async function tickSession(ctx: LoadedContext<SignSession>): Promise<SessionView> {
  const old = ctx.loaded;
  const branch = assertBranch(ctx.target);
  const campaign = await campaigns.active();
  const round = campaign && campaign._id === old.campaignId ? campaign.rounds.find((r) => r.key === old.roundKey) : undefined;
  if (!campaign || !round) throw new AppError('CONFLICT', '该签署属于已结束的活动');
  const current = async (): Promise<SessionView> => {
    const open = await signSessions.openOf(old.campaignId, old.roundKey, old.branchId);
    if (!open) throw new AppError('CONFLICT', '签名已结束');
    return viewOf(open, branch, round.theme);
  };
  if (old.status !== 'open') return current();
  if (!old.auto || Date.now() - new Date(old.createdAt).getTime() < ROTATE_EVERY_MS) return viewOf(old, branch, round.theme);
  try {
    const next = await createSession(
      ctx.openid,
      { campaignId: campaign._id, roundKey: round.key, branchId: branch._id, auto: true },
      (w, session) => close(w, old, branch, 'pledge.autoRotate', { replacedBy: session._id, key: session.key }, { replacedAt: new Date() }),
    );
    return viewOf(await settleOpen(next, branch, ctx.openid), branch, round.theme);
  } catch (err) {
    if (isDuplicateKey(err)) return current();
    throw err;
  }
}

async function replaceOrConflict(make: () => Promise<SignSession>): Promise<SignSession> {
  try {
    return await make();
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', CLOSED_ALREADY);
    throw err;
  }
}

export async function closeSession(ctx: LoadedContext<SignSession>): Promise<{ closed: true }> {
  const session = ctx.loaded;
  if (session.status === 'open') {
    try {
      await withAudit(ctx.openid, (w) => close(w, session, ctx.target, 'pledge.closeSession'));
    } catch (err) {
      // Someone closed or rotated it a moment ago: closed either way.
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return { closed: true };
}
