/**
 * 承诺–践诺: each pledge item beside its evidence and its review. A member's report puts their 四带头
 * commitments beside their check-ins and the activities they attended; a branch's puts its 四好 pledge
 * beside its activities and lists every member with their evidence per item and their grade.
 * Check-ins of a branch are counted by an aggregate (one request for any number), not read.
 */
import { type Activity, type ActivityRef, type MemberReport, type MemberRow, type OrgReport, type Review } from '../../types/fulfil';
import { FOUR_GOODS, FOUR_LEADS, type FourLead, type Member } from '../../types/models';
import { forbidden } from '../shared/errors';
import { activities } from '../shared/repositories/activities';
import { checkIns } from '../shared/repositories/check-ins';
import { memberPledgeId, memberPledges } from '../shared/repositories/member-pledges';
import { members } from '../shared/repositories/members';
import { orgPledgeId, orgPledges } from '../shared/repositories/org-pledges';
import { reviewId, reviews } from '../shared/repositories/reviews';
import type { LoadedContext, TargetContext } from '../shared/router';
import { mustLevel } from '../shared/campaign';
import { iso } from '../shared/time';
import { checkInViews } from './check-ins';
import { campaignRound, isSecretaryOver } from './common';
import { checkOf } from './photos';
import { mayReviewOrg, toReviewView } from './reviews';

const ref = (a: Activity): ActivityRef => ({
  id: a._id,
  title: a.title,
  date: a.date,
  photoCount: a.photos.filter((p) => checkOf(p) === 'pass').length,
});
const byDateDesc = (a: { date: string }, b: { date: string }) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0);

/** A member's own report, their secretaries', their general branch's, the committee's, or a leader's over them. */
export async function memberReport(ctx: LoadedContext<Member>, roundKey: string): Promise<MemberReport> {
  const m = ctx.loaded;
  const staff = ctx.roles.some((r) => r !== 'member');
  if (!staff && m.openid !== ctx.openid) throw forbidden('只能查看本人的践诺记录');
  const [{ campaign, round }, caller] = await Promise.all([campaignRound(roundKey), ctx.caller()]);
  const [pledge, mine, attended, review] = await Promise.all([
    memberPledges.byId(memberPledgeId(campaign._id, round.key, m._id)),
    checkIns.ofMember(campaign._id, round.key, m._id),
    activities.attendedBy(campaign._id, round.key, m._id),
    reviews.byId(reviewId(campaign._id, round.key, m._id)),
  ]);
  const seesHidden = m.openid === ctx.openid || isSecretaryOver(caller, m.orgPath);
  const views = await checkInViews(mine, () => seesHidden);
  const counted = [...attended].sort(byDateDesc);
  return {
    member: { id: m._id, name: m.name, studentNo: m.studentNo, isCadre: m.isCadre, post: m.post },
    branchId: m.branchId,
    branchName: ctx.target.name,
    roundKey: round.key,
    theme: round.theme,
    signedAt: pledge ? iso(pledge.signedAt) : null,
    leads: FOUR_LEADS.map((lead) => ({
      lead,
      commitments: pledge?.items[lead] ?? [],
      checkIns: views.filter((v) => v.lead === lead),
      activities: counted.filter((a) => a.leads.includes(lead)).map(ref),
    })),
    review: review ? toReviewView(review) : null,
    canReview: ctx.roles.includes('secretary'),
  };
}

function evidenceOf(memberId: string, checkInCounts: Map<string, number>, orgActivities: Activity[]): Record<FourLead, number> {
  const out = Object.fromEntries(FOUR_LEADS.map((l) => [l, checkInCounts.get(`${memberId}:${l}`) ?? 0])) as Record<FourLead, number>;
  for (const a of orgActivities) if (a.attendees.some((x) => x.id === memberId)) for (const l of a.leads) out[l] += 1;
  return out;
}

/**
 * A branch's (or general branch's) report. Reads, for a branch of 60: the campaign, its pledge, its
 * activities, its members, their pledges, their check-ins and the reviews of the branch and its members
 * (one query over both levels), each in parallel and 100 a request.
 */
export async function orgReport(ctx: TargetContext, roundKey: string): Promise<OrgReport> {
  const org = ctx.target;
  mustLevel(org, ['general', 'branch'], '组织：只有团总支和团支部有“四好”承诺');
  const { campaign, round } = await campaignRound(roundKey);
  const isBranch = org.level === 'branch';
  const roster = isBranch ? await members.allIn({ branchId: org._id }) : [];
  const [pledge, ownActivities, pledges, checkInCounts, reviewList] = await Promise.all([
    orgPledges.byId(orgPledgeId(campaign._id, round.key, org._id)),
    activities.ofOrg(campaign._id, round.key, org._id),
    isBranch ? memberPledges.ofBranch(campaign._id, round.key, org._id) : Promise.resolve([]),
    isBranch ? checkIns.countsOfBranch(campaign._id, round.key, org._id, roster.length) : Promise.resolve(new Map<string, number>()),
    reviews.inScopes(campaign._id, round.key, org.parentId ? [org._id, org.parentId] : [org._id]),
  ]);
  const signed = new Set(pledges.map((p) => p.memberId));
  const grades = new Map(reviewList.map((r: Review) => [r.subjectId, r]));
  const own = grades.get(org._id);
  const sorted = [...ownActivities].sort(byDateDesc);
  const rows: MemberRow[] = roster.map((m) => ({
    id: m._id,
    name: m.name,
    studentNo: m.studentNo,
    isCadre: m.isCadre,
    signed: signed.has(m._id),
    evidence: evidenceOf(m._id, checkInCounts, ownActivities),
    grade: grades.get(m._id)?.grade ?? null,
  }));
  rows.sort((a, b) => Number(b.isCadre) - Number(a.isCadre) || a.studentNo.localeCompare(b.studentNo));
  return {
    org: { id: org._id, name: org.name, level: isBranch ? 'branch' : 'general' },
    roundKey: round.key,
    theme: round.theme,
    goods: FOUR_GOODS.map((good) => ({
      good,
      pledge: pledge?.items[good] ?? null,
      activities: sorted.filter((a) => a.goods.includes(good)).map(ref),
    })),
    members: rows,
    review: own ? toReviewView(own) : null,
    canReview: mayReviewOrg(org.level, ctx.roles),
  };
}
