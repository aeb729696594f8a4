import type { Campaign, Org, OrgLevel, PledgeRound } from '../../types/models';
import { AppError } from './errors';
import { campaigns } from './repositories/campaigns';

export const NO_CAMPAIGN = '暂无进行中的活动';

/**
 * The campaign running now, for an action that needs one: NOT_FOUND when there is none. Where "none"
 * is an answer rather than a refusal (a scanned QR code of a past campaign), read `campaigns.active()`,
 * which returns null.
 */
export async function activeCampaign(): Promise<Campaign> {
  const campaign = await campaigns.active();
  if (!campaign) throw new AppError('NOT_FOUND', NO_CAMPAIGN);
  return campaign;
}

/** The round a payload names, of this campaign: refused naming 承诺轮次 when the campaign has none such. */
export function mustRound(campaign: Campaign, roundKey: string): PledgeRound {
  const round = campaign.rounds.find((r) => r.key === roundKey);
  if (!round) throw new AppError('INVALID_ARGUMENT', '承诺轮次：本次活动没有这一轮承诺', 'roundKey');
  return round;
}

/** An action of the campaign that only some levels of the tree take part in; `why` tells the others. */
export function mustLevel(org: Org, levels: readonly OrgLevel[], why: string): void {
  if (!levels.includes(org.level)) throw new AppError('INVALID_ARGUMENT', why, 'orgId');
}
