import type { Campaign } from '../../types/models';
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
