import { timelineProblems, type CampaignInput, type CampaignView } from '../../types/campaign';
import { STAGE_NAMES, type Campaign } from '../../types/models';
import { AppError } from '../shared/errors';
import { assertTextSafe } from '../shared/content-security';
import type { ActionContext } from '../shared/router';
import { campaigns } from '../shared/repositories/campaigns';
import { withAudit } from '../shared/repositories/unit-of-work';
import { toCampaignView } from './common';

/** The Chinese name of the item a timeline problem is about: 'stages.2.start' → 点评总结阶段. */
export function timelineLabel(field: string, input: CampaignInput): string {
  const [list, index] = field.split('.');
  const i = Number(index);
  if (list === 'stages') return Number.isInteger(i) ? `${STAGE_NAMES[input.stages[i]?.key] ?? `第 ${i + 1} 个`}阶段` : '活动阶段';
  if (list === 'rounds') return Number.isInteger(i) ? `第 ${i + 1} 轮承诺` : '承诺轮次';
  if (list === 'phases') return Number.isInteger(i) ? `第 ${i + 1} 期（${input.phases[i]?.name ?? ''}）` : '活动分期';
  if (list === 'rules') return '团干部承诺标准';
  return '活动设置';
}

/**
 * Creates or updates the single active campaign. The whole timeline is checked first; the first problem
 * is refused with its field and reason, and nothing is written.
 */
export async function saveCampaign(ctx: ActionContext, input: CampaignInput): Promise<CampaignView> {
  const [problem] = timelineProblems(input);
  if (problem) {
    throw new AppError('INVALID_ARGUMENT', `${timelineLabel(problem.field, input)}：${problem.reason}`, `campaign.${problem.field}`);
  }
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
