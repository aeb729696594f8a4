import type { OrgPledgeView } from '../../types/campaign';
import type { FourGood, Org, OrgPledge } from '../../types/models';
import { lineage } from '../../types/scope';
import { activeCampaign, mustLevel, mustRound } from '../shared/campaign';
import { AppError, forbidden } from '../shared/errors';
import { assertTextSafe } from '../shared/content-security';
import type { TargetContext } from '../shared/router';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { orgPledgeId, orgPledges } from '../shared/repositories/org-pledges';
import { withAudit } from '../shared/repositories/unit-of-work';
import { withAncestors } from './common';
import { iso, today } from '../shared/time';

export interface OrgPledgeInput {
  orgId: string;
  roundKey: string;
  items: Record<FourGood, string>;
}

function toView(p: OrgPledge, orgName: string): OrgPledgeView {
  return {
    id: p._id,
    orgId: p.orgId,
    orgName,
    roundKey: p.roundKey,
    items: p.items,
    late: p.late,
    version: p.version,
    submittedAt: iso(p.submittedAt),
  };
}

/**
 * 四好: a general branch's pledge by its general secretary, a branch's by its secretary (the admin may
 * write either). After the round's deadline it is still accepted, marked late. An edit keeps the earlier
 * version in history under the same id. Each version is written once: its audit entry's id names the
 * version, so of two people editing the same version (or submitting the first) one gets CONFLICT.
 */
export async function submitOrgPledge(ctx: TargetContext, input: OrgPledgeInput): Promise<OrgPledgeView> {
  const org = ctx.target;
  mustLevel(org, ['general', 'branch'], '只有团总支和团支部作出“四好”承诺');
  const own = org.level === 'general' ? 'generalSecretary' : 'secretary';
  if (!ctx.roles.includes('admin') && !ctx.roles.includes(own)) {
    throw forbidden(org.level === 'general' ? '团总支的承诺由团总支书记提交' : '团支部的承诺由团支部书记提交');
  }
  const campaign = await activeCampaign();
  const round = mustRound(campaign, input.roundKey);
  await assertTextSafe(Object.values(input.items), ctx.openid, 'items');

  const id = orgPledgeId(campaign._id, round.key, org._id);
  const before = await orgPledges.byId(id);
  const now = new Date();
  const late = today() > round.deadline;
  const next: OrgPledge = {
    _id: id,
    campaignId: campaign._id,
    roundKey: round.key,
    orgId: org._id,
    orgAncestors: org.ancestors,
    items: input.items,
    late,
    version: (before?.version ?? 0) + 1,
    history: before ? [...before.history, { items: before.items, at: before.submittedAt, by: before.submittedBy }] : [],
    submittedBy: ctx.openid,
    submittedAt: now,
  };
  try {
    await withAudit(ctx.openid, async (w) => {
      await w.put(orgPledges, next);
      await w.audit({
        action: 'submitOrgPledge',
        target: id,
        before: before && { items: before.items, version: before.version, late: before.late },
        after: { items: next.items, version: next.version, late },
        scope: org,
        once: `orgPledge:${id}:v${next.version}`,
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '承诺已被他人修改，请刷新后重试');
    throw err;
  }
  return toView(next, org.name);
}

/** The pledges of the org and its ancestors for the round, root first: public to the subtree. */
export async function listOrgPledges(org: Org, roundKey: string): Promise<OrgPledgeView[]> {
  const campaign = await activeCampaign();
  const round = mustRound(campaign, roundKey);
  const line = lineage(org);
  const [chain, found] = await Promise.all([
    withAncestors(org),
    orgPledges.byIds(line.map((id) => orgPledgeId(campaign._id, round.key, id))),
  ]);
  const names = new Map(chain.map((o) => [o._id, o.name]));
  found.sort((a, b) => line.indexOf(a.orgId) - line.indexOf(b.orgId));
  return found.map((p) => toView(p, names.get(p.orgId) ?? ''));
}

/** Every version of the org's pledge for the round, newest first. */
export async function orgPledgeHistory(org: Org, roundKey: string): Promise<{ items: Record<FourGood, string>; at: string }[]> {
  const campaign = await activeCampaign();
  const round = mustRound(campaign, roundKey);
  const pledge = await orgPledges.byId(orgPledgeId(campaign._id, round.key, org._id));
  if (!pledge) return [];
  return [
    { items: pledge.items, at: iso(pledge.submittedAt) },
    ...[...pledge.history].reverse().map((h) => ({ items: h.items, at: iso(h.at) })),
  ];
}
