import type { PlanView } from '../../types/campaign';
import type { Org, Plan } from '../../types/models';
import { lineage } from '../../types/scope';
import { activeCampaign, mustLevel } from '../shared/campaign';
import { assertTextSafe } from '../shared/content-security';
import type { TargetContext } from '../shared/router';
import { planId, plans } from '../shared/repositories/plans';
import { serverTime } from '../shared/repositories/repository';
import { withAudit } from '../shared/repositories/unit-of-work';
import { withAncestors, withUrls } from './common';
import { iso } from '../shared/time';

export interface PlanInput {
  orgId: string;
  title: string;
  body: string;
  attachments: string[];
}

async function toViews(list: Plan[], names: Map<string, string>): Promise<PlanView[]> {
  const files = await withUrls(list.map((p) => p.attachments));
  return list.map((p, i) => ({
    id: p._id,
    orgId: p.orgId,
    orgName: names.get(p.orgId) ?? '',
    title: p.title,
    body: p.body,
    attachments: files[i],
    publishedAt: iso(p.publishedAt),
  }));
}

/** 动员部署: the committee's plan, or a general branch's hanging under the committee's. Republishing replaces it. */
export async function publishPlan(ctx: TargetContext, input: PlanInput): Promise<PlanView> {
  const org = ctx.target;
  mustLevel(org, ['committee', 'general'], '只有校团委和团总支发布实施方案');
  const campaign = await activeCampaign();
  await assertTextSafe([input.title, input.body], ctx.openid, 'body');

  const id = planId(campaign._id, org._id);
  const before = await plans.byId(id);
  const plan: Omit<Plan, 'publishedAt'> = {
    _id: id,
    campaignId: campaign._id,
    orgId: org._id,
    parentOrgId: org.parentId,
    title: input.title,
    body: input.body,
    attachments: input.attachments,
    publishedBy: ctx.openid,
  };
  await withAudit(ctx.openid, async (w) => {
    await w.put(plans, { ...plan, publishedAt: serverTime() });
    await w.audit({ action: 'publishPlan', target: id, before, after: plan, scope: org });
  });
  const [view] = await toViews([{ ...plan, publishedAt: new Date() }], new Map([[org._id, org.name]]));
  return view;
}

/** The org's plan and those of its ancestors, committee first. */
export async function listPlans(org: Org): Promise<PlanView[]> {
  const line = lineage(org);
  const [campaign, chain] = await Promise.all([activeCampaign(), withAncestors(org)]);
  const found = await plans.byIds(line.map((id) => planId(campaign._id, id)));
  const names = new Map(chain.map((o: Org) => [o._id, o.name]));
  found.sort((a, b) => line.indexOf(a.orgId) - line.indexOf(b.orgId));
  return toViews(found, names);
}
