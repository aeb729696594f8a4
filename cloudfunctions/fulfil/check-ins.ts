import { checkInFolder, type CheckIn, type CheckInInput, type CheckInView } from '../../types/fulfil';
import { iso, today } from '../shared/time';
import { assertTextSafe } from '../shared/content-security';
import { AppError } from '../shared/errors';
import type { ActionContext } from '../shared/router';
import { activities } from '../shared/repositories/activities';
import { memberPledgeId, memberPledges } from '../shared/repositories/member-pledges';
import { serverTime } from '../shared/repositories/repository';
import { checkIns } from '../shared/repositories/check-ins';
import { withAudit } from '../shared/repositories/unit-of-work';
import { campaignRound, mustNotBeFuture } from './common';
import { applyEarlyVerdicts } from './media-check';
import { checkPhotos, photoUrls, removedOf, submitPhotos, toPhotoViews, visiblePhotos } from './photos';

/** Check-ins as a caller sees them: hidden photos only for the member themself or their secretaries. */
export async function checkInViews(
  list: CheckIn[],
  seesHidden: (c: CheckIn) => boolean,
  known?: Map<string, string>,
): Promise<CheckInView[]> {
  const shown = list.map((c) => visiblePhotos(c.photos, seesHidden(c)));
  const urls = known ?? (await photoUrls(shown));
  return list.map((c, i) => ({
    id: c._id,
    lead: c.lead,
    text: c.text,
    date: c.date,
    photos: toPhotoViews(shown[i], urls),
    removed: seesHidden(c) ? removedOf(c.photos) : null,
    activityId: c.activityId,
    activityTitle: c.activityTitle,
    at: iso(c.at),
  }));
}

/**
 * A member records what they did under one of their own 四带头 items of the round: they must have signed
 * the pledge; the activity named, if any, must be one of their own orgs'. Photos come from the member's
 * own folder and are checked like activity photos.
 */
export async function checkIn(ctx: ActionContext, input: CheckInInput): Promise<CheckInView> {
  const caller = await ctx.caller();
  const member = caller.member;
  if (!member) throw new AppError('NOT_BOUND', '请先完成实名绑定');
  mustNotBeFuture(input.date, today());
  const { campaign, round } = await campaignRound(input.roundKey);
  const [pledge, activity] = await Promise.all([
    memberPledges.byId(memberPledgeId(campaign._id, round.key, member._id)),
    input.activityId ? activities.byId(input.activityId) : Promise.resolve(null),
  ]);
  if (!pledge) throw new AppError('CONFLICT', '你还没有签署本轮“四带头”承诺，签署后才能打卡');
  const commitments = pledge.items[input.lead] ?? [];
  if (commitments.length === 0) throw new AppError('INVALID_ARGUMENT', '承诺事项：你在这一项下没有承诺', 'lead');
  if (input.activityId && (!activity || activity.archived || !member.orgPath.includes(activity.orgId))) {
    throw new AppError('INVALID_ARGUMENT', '参加的活动：只能选择本组织的活动', 'activityId');
  }
  await Promise.all([
    assertTextSafe([input.text], ctx.openid, 'text'),
    checkPhotos(input.photos, checkInFolder(member.branchId, member._id)),
  ]);
  const { photos, urls } = await submitPhotos(input.photos, ctx.openid);
  const doc: Omit<CheckIn, '_id' | 'at'> = {
    campaignId: campaign._id,
    roundKey: round.key,
    memberId: member._id,
    branchId: member.branchId,
    orgPath: member.orgPath,
    lead: input.lead,
    text: input.text,
    date: input.date,
    photos,
    activityId: activity?._id ?? null,
    activityTitle: activity?.title ?? null,
    postedBy: ctx.openid,
  };
  const id = await withAudit(ctx.openid, async (w) => {
    const inserted = await w.insert(checkIns, { ...doc, at: serverTime() });
    await w.audit({ action: 'checkIn', target: inserted, before: null, after: { lead: doc.lead, date: doc.date }, scope: member.orgPath });
    return inserted;
  });
  const saved: CheckIn = { _id: id, ...doc, at: new Date() };
  await applyEarlyVerdicts({ repo: checkIns, doc: saved });
  const [view] = await checkInViews([saved], () => true, urls);
  return view;
}
