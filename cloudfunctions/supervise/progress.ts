/** 我的联系点: a leader's contact points, each with its progress in the current round, in one call. */
import { roundOn } from '../../types/campaign';
import { FOUR_GOODS } from '../../types/models';
import type { ContactPointsView, ContactProgress } from '../../types/supervise';
import { contactProgress } from '../shared/repositories/contact-progress';
import { campaigns } from '../shared/repositories/campaigns';
import type { ActionContext } from '../shared/router';
import { iso, today } from '../shared/time';
import { isOverdue } from './common';

/**
 * HOOK for 群众评议: the published evaluation result of each org, e.g. "满意率 92%". The evaluation domain is not
 * merged yet, so this answers nothing and costs no request; when it lands, read its published results for these
 * orgs here with one query (the screen's 5th request, within the goal of 6).
 */
export async function evaluationResults(orgIds: readonly string[]): Promise<Map<string, { label: string }>> {
  void orgIds;
  return new Map();
}

/**
 * Requests for any number of contact points (≤ 50): the caller (2, loaded by the router), the active campaign (1),
 * one aggregate for every org's progress and its open rectifications (1); evaluation results (0 today, 1 later).
 */
export async function contactPoints(ctx: ActionContext): Promise<ContactPointsView> {
  const caller = await ctx.caller();
  const orgIds = [...new Set(caller.grants.filter((g) => g.role === 'leader').map((g) => g.orgId))];
  const day = today();
  const campaign = await campaigns.active();
  const round = campaign ? roundOn(campaign.rounds, day) : null;
  const [rows, evaluations] = await Promise.all([
    contactProgress.ofOrgs(orgIds, campaign?._id ?? '', round?.key ?? ''),
    evaluationResults(orgIds),
  ]);
  const byId = new Map(rows.map((r) => [r._id, r]));
  const points: ContactProgress[] = [];
  for (const id of orgIds) {
    const r = byId.get(id);
    if (!r) continue; // an org deleted since the grant
    const pledge = r.pledge[0];
    const overdue = r.rectifications.filter((x) => isOverdue(x, day)).sort((a, b) => a.deadline.localeCompare(b.deadline));
    points.push({
      orgId: id,
      name: r.name,
      level: r.level,
      pledge: pledge
        ? { submittedAt: iso(pledge.submittedAt), late: pledge.late, goods: FOUR_GOODS.filter((g) => Boolean(pledge.items?.[g])) }
        : null,
      memberCount: r.memberCount,
      signedCount: r.signedCount,
      activityCount: r.activityCount,
      reviewedCount: r.reviewedCount,
      review: r.review[0] ? { grade: r.review[0].grade } : null,
      evaluation: evaluations.get(id) ?? null,
      lastInspection: r.lastInspection[0] ?? null,
      openRectifications: r.rectifications.length,
      overdue: overdue.map((x) => ({
        id: x._id,
        inspectionId: x.inspectionId,
        finding: x.finding,
        orgId: x.orgId,
        orgName: x.orgName,
        deadline: x.deadline,
        responsibleName: x.responsible.name,
        status: x.status,
        overdue: true,
        escalated: x.escalatedTo !== null,
        answer: null,
        history: [],
        inspectorName: x.inspectorName,
        canAnswer: false,
        canReview: false,
      })),
    });
  }
  return { roundKey: round?.key ?? null, roundTheme: round?.theme ?? null, points };
}
