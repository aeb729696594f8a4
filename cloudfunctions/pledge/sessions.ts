/** Signing sessions: the branch's QR code for a round, opened, rotated and closed by its secretary. */
import { randomInt } from 'node:crypto';
import type { Org, SignSession } from '../../types/models';
import { SESSION_KEY_LENGTH, SIGN_PAGE, sceneOf, type SessionView } from '../../types/pledge';
import { lineage } from '../../types/scope';
import { sdk } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { audit } from '../shared/repositories/audit';
import { orgs } from '../shared/repositories/orgs';
import { isDuplicateKey, signSessions } from '../shared/repositories/sign-sessions';
import { tempFileURLs, uploadFile } from '../shared/storage';
import { activeCampaign, roundOf } from './common';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MAX_KEY_ATTEMPTS = 5;

/** 12 characters from the crypto RNG: 62^12 ≈ 3×10^21 keys, so a guessed code names nothing. */
export function newKey(length = SESSION_KEY_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export function assertBranch(org: Org | null): Org {
  if (!org) throw new AppError('NOT_FOUND', '组织不存在');
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
  };
}

async function qrPng(key: string): Promise<Buffer> {
  const res = (await sdk().openapi.wxacode.getUnlimited({ scene: sceneOf(key), page: SIGN_PAGE, checkPath: false })) as {
    buffer?: unknown;
  };
  if (!Buffer.isBuffer(res.buffer)) throw new Error('wxacode.getUnlimited returned no image');
  return res.buffer;
}

/** A new open session with a fresh key; a key collision (unique index) draws another key. */
async function createSession(campaignId: string, roundKey: string, branchId: string, openedBy: string): Promise<SignSession> {
  for (let attempt = 1; ; attempt++) {
    const key = newKey();
    const _id = `ss-${newKey(16)}`;
    const qrFileID = await uploadFile(`pledge-qr/${_id}.png`, await qrPng(key));
    const session: SignSession = { _id, key, campaignId, roundKey, branchId, status: 'open', openedBy, createdAt: new Date(), qrFileID };
    try {
      await signSessions.insert(session);
      return session;
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= MAX_KEY_ATTEMPTS) throw err;
    }
  }
}

/**
 * Two secretaries opening at once each create a session; both then keep the earliest open one and close
 * the rest, so only one QR code of a branch and round ever stays valid.
 */
async function settleOpen(created: SignSession): Promise<SignSession> {
  const open = await signSessions.allOpen(created.campaignId, created.roundKey, created.branchId);
  const winner = open[0] ?? created;
  if (winner._id !== created._id) await signSessions.closeIfOpen(created._id);
  return winner;
}

export async function openSession(p: { branchId: string; roundKey: string }, branchOrg: Org | null, actor: string): Promise<SessionView> {
  const branch = assertBranch(branchOrg);
  const campaign = await activeCampaign();
  if (!campaign) throw new AppError('NOT_FOUND', '当前没有进行中的活动');
  const round = roundOf(campaign, p.roundKey);
  const existing = await signSessions.openOf(campaign._id, round.key, branch._id);
  if (existing) return viewOf(existing, branch, round.theme);
  const created = await createSession(campaign._id, round.key, branch._id, actor);
  const session = await settleOpen(created);
  if (session._id !== created._id) return viewOf(session, branch, round.theme);
  await audit.record({
    actor,
    action: 'pledge.openSession',
    target: session._id,
    before: null,
    after: { key: session.key, branchId: branch._id, roundKey: round.key, status: 'open' },
    scope: lineage(branch),
  });
  return viewOf(session, branch, round.theme);
}

export async function rotateSession(session: SignSession, branchOrg: Org | null, actor: string): Promise<SessionView> {
  const branch = assertBranch(branchOrg);
  const campaign = await activeCampaign();
  if (!campaign || campaign._id !== session.campaignId) throw new AppError('CONFLICT', '该签署属于已结束的活动，无法更换二维码');
  const round = roundOf(campaign, session.roundKey);
  if (!(await signSessions.closeIfOpen(session._id))) throw new AppError('CONFLICT', '该二维码已关闭或已被更换，请刷新后重试');
  const next = await settleOpen(await createSession(campaign._id, round.key, branch._id, actor));
  await audit.record({
    actor,
    action: 'pledge.rotateSession',
    target: session._id,
    before: { key: session.key, status: 'open' },
    after: { status: 'closed', replacedBy: next._id, key: next.key },
    scope: lineage(branch),
  });
  return viewOf(next, branch, round.theme);
}

export async function closeSession(session: SignSession, branchOrg: Org | null, actor: string): Promise<{ closed: true }> {
  const branch = branchOrg ?? (await orgs.byId(session.branchId));
  if (await signSessions.closeIfOpen(session._id)) {
    await audit.record({
      actor,
      action: 'pledge.closeSession',
      target: session._id,
      before: { key: session.key, status: 'open' },
      after: { status: 'closed' },
      scope: branch ? lineage(branch) : [session.branchId],
    });
  }
  return { closed: true };
}
