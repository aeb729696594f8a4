import type { Grade, Review, ReviewView } from '../../types/fulfil';
import type { Member, Org, OrgLevel } from '../../types/models';
import { mustLevel } from '../shared/campaign';
import { iso } from '../shared/time';
import { assertTextSafe } from '../shared/content-security';
import { AppError, forbidden } from '../shared/errors';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { reviewId, reviews } from '../shared/repositories/reviews';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { LoadedContext, TargetContext } from '../shared/router';
import { campaignRound, nameOf } from './common';

export interface ReviewInput {
  roundKey: string;
  grade: Grade;
  comment: string;
}

export function toReviewView(r: Review): ReviewView {
  return {
    grade: r.grade,
    comment: r.comment,
    byName: r.byName,
    at: iso(r.at),
    version: r.version,
    history: [...r.history].reverse().map((h) => ({ grade: h.grade, comment: h.comment, byName: h.byName, at: iso(h.at) })),
  };
}

/**
 * Writes a review; an edit keeps the earlier version in its history. Each version is written once (its
 * audit entry's id names it), so of two reviewers editing the same version one gets CONFLICT.
 */
async function save(
  ctx: TargetContext,
  subject: Review['subject'],
  subjectId: string,
  scopeId: string,
  scope: Org,
  input: ReviewInput,
): Promise<ReviewView> {
  const [{ campaign, round }, caller] = await Promise.all([campaignRound(input.roundKey), ctx.caller()]);
  await assertTextSafe([input.comment], ctx.openid, 'comment');
  const id = reviewId(campaign._id, round.key, subjectId);
  const before = await reviews.byId(id);
  const next: Review = {
    _id: id,
    campaignId: campaign._id,
    roundKey: round.key,
    subject,
    subjectId,
    scopeId,
    grade: input.grade,
    comment: input.comment,
    version: (before?.version ?? 0) + 1,
    history: before
      ? [...before.history, { grade: before.grade, comment: before.comment, by: before.by, byName: before.byName, at: before.at }]
      : [],
    by: ctx.openid,
    byName: nameOf(caller),
    at: new Date(),
  };
  try {
    await withAudit(ctx.openid, async (w) => {
      await w.put(reviews, next);
      await w.audit({
        action: subject === 'member' ? 'reviewMember' : 'reviewOrg',
        target: id,
        before: before && { grade: before.grade, comment: before.comment, version: before.version },
        after: { grade: next.grade, comment: next.comment, version: next.version },
        scope,
        once: `review:${id}:v${next.version}`,
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '点评已被他人修改，请刷新后重试');
    throw err;
  }
  return toReviewView(next);
}

/** The branch secretary reviews a member of the branch (the router checked the grant covers the member's branch). */
export function reviewMember(ctx: LoadedContext<Member>, input: ReviewInput): Promise<ReviewView> {
  return save(ctx, 'member', ctx.loaded._id, ctx.loaded.branchId, ctx.target, input);
}

/**
 * Who reviews (and comments on the summary of) an org of this level: its general branch (or the committee)
 * reviews a branch; the committee reviews a general branch.
 */
export function mayReviewOrg(level: OrgLevel, roles: readonly string[]): boolean {
  if (level === 'branch') return roles.includes('generalSecretary') || roles.includes('admin');
  if (level === 'general') return roles.includes('admin');
  return false;
}

export function reviewOrg(ctx: TargetContext, input: ReviewInput): Promise<ReviewView> {
  const org = ctx.target;
  mustLevel(org, ['branch', 'general'], '组织：只点评团支部和团总支');
  if (!mayReviewOrg(org.level, ctx.roles)) throw forbidden(org.level === 'general' ? '团总支由校团委点评' : '团支部由所在团总支点评');
  if (!org.parentId) throw new AppError('INVALID_ARGUMENT', '组织：没有上级组织', 'orgId');
  return save(ctx, 'org', org._id, org.parentId, org, input);
}
