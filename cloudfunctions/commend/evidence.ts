/**
 * The evidence a nomination carries, read from the pledge and fulfilment records when someone opens it (the
 * branch attaches nothing): for a member, the 四带头 pledge, check-ins per item, activities attended and the
 * secretary's review; for a branch, its 四好 pledge, its activities, its review and the mass-evaluation result.
 */
import type { EvaluationResult, MemberEvidence, Nomination, OrgEvidence } from '../../types/commend';
import { GRADE_NAMES, type Activity, type Review } from '../../types/fulfil';
import { FOUR_LEADS } from '../../types/models';
import { activities } from '../shared/repositories/activities';
import { checkIns } from '../shared/repositories/check-ins';
import { memberPledgeId, memberPledges } from '../shared/repositories/member-pledges';
import { orgPledgeId, orgPledges } from '../shared/repositories/org-pledges';
import { reviewId, reviews } from '../shared/repositories/reviews';
import { iso } from '../shared/time';

/**
 * HOOK for the mass-evaluation domain (群众评议, issue 12): the published result of the latest evaluation that
 * covered this org in the campaign, or null. Until that domain lands it answers null and costs no request;
 * replace the body with a read through its repository (one request) when it does.
 */
export async function evaluationResultOf(_campaignId: string, _orgId: string): Promise<EvaluationResult | null> {
  return null;
}

const activityRefs = (list: Activity[]) =>
  [...list].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).map((a) => ({ id: a._id, title: a.title, date: a.date }));

const reviewOf = (r: Review | null) => (r ? { grade: GRADE_NAMES[r.grade], comment: r.comment, byName: r.byName } : null);

/** A member's evidence: four reads in parallel (pledge, check-ins, activities attended, review). */
export async function memberEvidence(n: Nomination): Promise<MemberEvidence> {
  const [pledge, mine, attended, review] = await Promise.all([
    memberPledges.byId(memberPledgeId(n.campaignId, n.roundKey, n.subjectId)),
    checkIns.ofMember(n.campaignId, n.roundKey, n.subjectId),
    activities.attendedBy(n.campaignId, n.roundKey, n.subjectId),
    reviews.byId(reviewId(n.campaignId, n.roundKey, n.subjectId)),
  ]);
  return {
    kind: 'member',
    signedAt: pledge ? iso(pledge.signedAt) : null,
    leads: FOUR_LEADS.map((lead) => ({
      lead,
      commitments: pledge?.items[lead] ?? [],
      checkIns: mine.filter((c) => c.lead === lead).length,
    })),
    activities: activityRefs(attended),
    review: reviewOf(review),
  };
}

/** A branch's evidence: three reads in parallel, and the mass-evaluation hook. */
export async function orgEvidence(n: Nomination): Promise<OrgEvidence> {
  const [pledge, own, review, evaluation] = await Promise.all([
    orgPledges.byId(orgPledgeId(n.campaignId, n.roundKey, n.subjectId)),
    activities.ofOrg(n.campaignId, n.roundKey, n.subjectId),
    reviews.byId(reviewId(n.campaignId, n.roundKey, n.subjectId)),
    evaluationResultOf(n.campaignId, n.subjectId),
  ]);
  return { kind: 'org', pledged: pledge !== null, activities: activityRefs(own), review: reviewOf(review), evaluation };
}
