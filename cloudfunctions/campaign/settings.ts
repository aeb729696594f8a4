import { timelineProblems, type CampaignInput, type CampaignView } from '../../types/campaign';
import type { Campaign } from '../../types/models';
import { AppError } from '../shared/errors';
import { assertTextSafe } from '../shared/content-security';
import type { ActionContext } from '../shared/router';
import { campaigns } from '../shared/repositories/campaigns';
import { withAudit } from '../shared/repositories/unit-of-work';
import { toCampaignView } from './common';

/**
 * Creates or updates the single active campaign. The whole timeline is checked first; the first problem
 * is refused with its field and reason, and nothing is written.
 */
export async function saveCampaign(ctx: ActionContext, input: CampaignInput): Promise<CampaignView> {
  const [problem] = timelineProblems(input);
  if (problem) throw new AppError('INVALID_ARGUMENT', `campaign.${problem.field}：${problem.reason}`, `campaign.${problem.field}`);
  await assertTextSafe([input.title, ...input.phases.map((p) => p.name), ...input.rounds.map((r) => r.theme)], ctx.openid, 'campaign');

  const existing = await campaigns.active();
  const id = existing?._id ?? `campaign-${(await campaigns.count({})) + 1}`;
  const doc: Campaign = { _id: id, ...input, active: true };
  await withAudit(ctx.openid, async (w) => {
    await w.put(campaigns, doc);
    await w.audit({ action: 'saveCampaign', target: id, before: existing, after: doc });
  });
  return toCampaignView(doc);
}
