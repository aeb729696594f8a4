import {
  FEED_PAGE,
  activityFolder,
  activityThumbFolder,
  type Activity,
  type ActivityContent,
  type ActivityView,
  type FeedView,
  type PostActivityInput,
} from '../../types/fulfil';
import { lineage } from '../../types/scope';
import { mustLevel } from '../shared/campaign';
import { iso, today } from '../shared/time';
import type { Caller } from '../shared/caller';
import { assertTextSafe } from '../shared/content-security';
import { AppError } from '../shared/errors';
import { activities } from '../shared/repositories/activities';
import { members } from '../shared/repositories/members';
import { serverTime } from '../shared/repositories/repository';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { LoadedContext, TargetContext } from '../shared/router';
import { campaignRound, isSecretaryOver, mustNotBeFuture, nameOf } from './common';
import { applyEarlyVerdicts } from './media-check';
import { checkPhotos, checkThumbs, photoUrls, removedOf, submitPhotos, toPhotoViews, visiblePhotos } from './photos';

/** The fields the secretary wrote, from a payload or a stored activity: what is stored and shown of them. */
function contentOf({ title, date, place, body, goods, leads }: ActivityContent): ActivityContent {
  return { title, date, place, body, goods, leads };
}

/** An activity as this caller may see it. */
function toView(a: Activity, caller: Caller, urls: Map<string, string>): ActivityView {
  const manageable = isSecretaryOver(caller, a.orgPath);
  const seesHidden = manageable || a.postedBy === caller.openid;
  return {
    id: a._id,
    orgId: a.orgId,
    orgName: a.orgName,
    roundKey: a.roundKey,
    ...contentOf(a),
    attendees: a.attendees,
    photos: toPhotoViews(visiblePhotos(a.photos, seesHidden), urls),
    removed: seesHidden ? removedOf(a.photos) : null,
    archived: a.archived,
    postedByName: a.postedByName,
    postedAt: iso(a.postedAt),
    manageable,
  };
}

export async function activityViews(list: Activity[], caller: Caller): Promise<ActivityView[]> {
  const urls = await photoUrls(
    list.map((a) => visiblePhotos(a.photos, isSecretaryOver(caller, a.orgPath) || a.postedBy === caller.openid)),
  );
  return list.map((a) => toView(a, caller, urls));
}

/**
 * 践诺: a secretary posts an activity of the org with photos the app already uploaded to the org's
 * folder, each with the thumbnail the phone made for lists (older apps send none). Every photo and
 * thumbnail is checked (folder, bytes, size) and sent to WeChat's image check before the
 * activity is written, so it is created only when all its photos are in storage; until a photo passes,
 * only the author and the org's secretaries see it. A verdict that beat the write is applied right after it.
 */
export async function postActivity(ctx: TargetContext, input: PostActivityInput): Promise<ActivityView> {
  const org = ctx.target;
  mustLevel(org, ['committee', 'general', 'branch'], '组织：团小组的活动请以所在团支部的名义发布');
  mustNotBeFuture(input.date, today());
  const [{ campaign, round }, attendees, caller] = await Promise.all([
    campaignRound(input.roundKey),
    input.attendeeIds.length ? members.byIds(input.attendeeIds) : Promise.resolve([]),
    ctx.caller(),
  ]);
  const outsider = input.attendeeIds.find((id) => !attendees.some((m) => m._id === id && m.orgPath.includes(org._id)));
  if (outsider) throw new AppError('INVALID_ARGUMENT', '参加人员：有人不是本组织的团员，请重新选择', 'attendeeIds');
  await Promise.all([
    assertTextSafe([input.title, input.place, input.body], ctx.openid, 'body'),
    checkPhotos(input.photos, activityFolder(org._id)),
    input.thumbs ? checkThumbs(input.thumbs, input.photos, activityThumbFolder(org._id)) : undefined,
  ]);
  const { photos, urls } = await submitPhotos(input.photos, ctx.openid, input.thumbs);

  const doc: Omit<Activity, '_id' | 'postedAt'> = {
    campaignId: campaign._id,
    roundKey: round.key,
    orgId: org._id,
    orgPath: lineage(org),
    orgName: org.name,
    ...contentOf(input),
    attendees: input.attendeeIds.map((id) => ({ id, name: attendees.find((m) => m._id === id)?.name ?? '' })),
    photos,
    archived: false,
    postedBy: ctx.openid,
    postedByName: nameOf(caller),
  };
  // One write: the activity is its own creation record (who, when, what; see activities.post).
  const id = await activities.post({ ...doc, postedAt: serverTime() });
  const saved: Activity = { _id: id, ...doc, postedAt: new Date() };
  await applyEarlyVerdicts({ repo: activities, doc: saved });
  return toView(saved, caller, urls);
}

/**
 * The feed of an org: its activities and its subtree's, newest first, a page at a time. Someone who is
 * only a member sees the activities of the orgs on their own path (students' photos stay in their tree).
 */
export async function feed(ctx: TargetContext, cursor: string | undefined): Promise<FeedView> {
  const caller = await ctx.caller();
  const onlyMember = ctx.roles.every((r) => r === 'member');
  const before = cursor ? new Date(cursor) : null;
  if (before && Number.isNaN(before.getTime())) throw new AppError('INVALID_ARGUMENT', '分页位置格式不正确', 'cursor');
  const page = await activities.feedPage(ctx.target._id, {
    before,
    limit: FEED_PAGE,
    orgIds: onlyMember ? [...(caller.member?.orgPath ?? [])] : undefined,
  });
  const items = await activityViews(page, caller);
  return { items, cursor: page.length === FEED_PAGE ? iso(page[page.length - 1].postedAt) : null };
}

/** Archives an activity: it leaves the feed but stays evidence in reports (activities are never deleted). */
export async function archiveActivity(ctx: LoadedContext<Activity>): Promise<{ archived: true }> {
  const a = ctx.loaded;
  if (a.archived) return { archived: true };
  await withAudit(ctx.openid, async (w) => {
    await w.patch(activities, a._id, { archived: true });
    await w.audit({ action: 'archiveActivity', target: a._id, before: { archived: false }, after: { archived: true }, scope: a.orgPath });
  });
  return { archived: true };
}
