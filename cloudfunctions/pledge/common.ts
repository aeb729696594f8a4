/** What every pledge action needs: the campaign's rounds, and the session a scanned QR code names. */
import type { Campaign, Member, PledgeRound, SignSession } from '../../types/models';
import { QR_STALE, SIGN_WINDOW_MS, keyOfScene, keyState } from '../../types/pledge';
import { AppError } from '../shared/errors';
import { campaigns } from '../shared/repositories/campaigns';
import { signSessions } from '../shared/repositories/sign-sessions';
import { members } from '../shared/repositories/members';
import { memberPledges } from '../shared/repositories/member-pledges';

export function roundOf(campaign: Campaign, roundKey: string): PledgeRound {
  const round = campaign.rounds.find((r) => r.key === roundKey);
  if (!round) throw new AppError('NOT_FOUND', '承诺轮次不存在', 'roundKey');
  return round;
}

export const QR_INVALID = '二维码无效';
export const QR_EXPIRED = '该二维码已失效，请向团支部书记索取最新二维码';

/** The key of a scanned scene, or NOT_FOUND for anything that is not one of our scenes. */
export function keyOf(scene: string): string {
  const key = keyOfScene(scene);
  if (!key) throw new AppError('NOT_FOUND', QR_INVALID, 'scene');
  return key;
}

export interface Scanned {
  session: SignSession;
  campaign: Campaign;
  round: PledgeRound;
  /** The caller's roster entry (null: not bound). */
  member: Member | null;
}

/**
 * The session, the campaign and the caller, read in parallel (three requests), then checked in the
 * order a person can act on: unknown code, dead code, not bound, wrong branch. No campaign running is
 * an answer here (the code is dead), not a refusal: hence campaigns.active(), which returns null.
 * An automatic key (自动更换) is measured by its age on the server clock (types/pledge.ts keyState); a
 * replaced one inside its grace also needs the branch's signing still open (one more read). Signing
 * (`purpose: 'sign'`) allows SIGN_WINDOW_MS more, for the member who scanned in time and is still writing.
 */
export async function resolveScan(scene: string, openid: string, purpose: 'scan' | 'sign' = 'scan'): Promise<Scanned> {
  const key = keyOf(scene);
  const [session, campaign, member] = await Promise.all([signSessions.byKey(key), campaigns.active(), members.byOpenid(openid)]);
  if (!session) throw new AppError('NOT_FOUND', QR_INVALID, 'scene');
  const round = campaign && campaign._id === session.campaignId ? campaign.rounds.find((r) => r.key === session.roundKey) : undefined;
  if (!campaign || !round) throw new AppError('CONFLICT', QR_EXPIRED, 'scene');
  const state = keyState(session, Date.now(), purpose === 'sign' ? SIGN_WINDOW_MS : 0);
  if (state === 'stale') throw new AppError('CONFLICT', QR_STALE, 'scene');
  if (state === 'closed') throw new AppError('CONFLICT', QR_EXPIRED, 'scene');
  if (state === 'replaced' && !(await signSessions.openOf(session.campaignId, session.roundKey, session.branchId))) {
    throw new AppError('CONFLICT', QR_EXPIRED, 'scene');
  }
  if (!member) return { session, campaign, round, member: null };
  if (member.branchId !== session.branchId) throw new AppError('FORBIDDEN', '你不是该团支部的团员');
  return { session, campaign, round, member };
}

/** Cadres of the branch who have not signed this round (two requests: the cadres, one count). */
export async function cadresPending(campaignId: string, roundKey: string, branchId: string): Promise<number> {
  const cadres = await members.all({ branchId, isCadre: true }, { field: 'studentNo', direction: 'asc' });
  if (cadres.length === 0) return 0;
  const signed = await memberPledges.countSigned(
    campaignId,
    roundKey,
    cadres.map((c) => c._id),
  );
  return cadres.length - signed;
}
