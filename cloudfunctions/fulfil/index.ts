import { z } from 'zod';
import { GRADES, MAX_ACTIVITY_PHOTOS, MAX_CHECKIN_PHOTOS, type Activity } from '../../types/fulfil';
import { ERROR_MESSAGES } from '../../types/errors';
import { FIELDS } from '../../types/fields';
import { FOUR_GOODS, FOUR_LEADS, type Member, type Role } from '../../types/models';
import { dayOf, idOf, memberId, orgId, roundKey, text, textOf } from '../shared/fields';
import { activities } from '../shared/repositories/activities';
import { members } from '../shared/repositories/members';
import { action, createMain, targetOf, type ActionContext, type ActionTable, type Found } from '../shared/router';
import { AppError } from '../shared/errors';
import { archiveActivity, feed, postActivity } from './activities';
import { checkIn } from './check-ins';
import { SECRETARY_ROLES } from './common';
import { isMediaCheckEvent, onMediaCheck } from './media-check';
import { memberReport, orgReport } from './reports';
import { reviewMember, reviewOrg } from './reviews';
import { attend, attendanceCode } from './attendance';
import { exportOrgReport } from './report-export';
import { commentSummary, compiledSummaries, listSummaries, submitSummary } from './summaries';

const EVERYONE: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader', 'member'];
const STAFF: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader'];

const day = dayOf('日期');
const fileID = text('照片', { max: 512 }).refine((s) => s.startsWith('cloud://'), '格式不正确');
const thumbID = text('缩略图', { max: 512 }).refine((s) => s.startsWith('cloud://'), '格式不正确');
const photos = (max: number) => z.array(fileID).max(max, `最多 ${max} 张`).describe('照片');
const grade = z.enum(GRADES).describe('评定等级');
const comment = textOf(FIELDS.comment);
const activityId = idOf('活动');

/** The activity an archive names: its org is the target, the activity reaches the handler as ctx.loaded. */
const activityTarget = (p: { activityId: string }) => targetOf(activities, p.activityId, '活动', (a: Activity) => a.orgId);
/** The member a review or a report names: their branch is the target. */
const memberTarget = (p: { memberId: string }) => targetOf(members, p.memberId, '团员', (m) => m.branchId);
/** The member a report names, or the caller themself when it names none. */
const reportTarget = async (p: { memberId?: string }, ctx: ActionContext): Promise<Found<Member>> => {
  if (p.memberId) return memberTarget({ memberId: p.memberId });
  const { member } = await ctx.caller();
  if (!member) throw new AppError('NOT_BOUND', ERROR_MESSAGES.NOT_BOUND);
  return { orgId: member.branchId, doc: member };
};

/**
 * 践诺 and 评诺: activities with photos posted by secretaries, members' check-ins, reviews up the tree
 * and the 承诺–践诺 report. The function also receives the `wxa_media_check` events that carry the
 * verdicts of WeChat's image check (see media-check.ts).
 */
export const actions: ActionTable<'fulfil'> = {
  postActivity: action({
    schema: z
      .object({
        orgId,
        roundKey,
        title: textOf(FIELDS.activityTitle),
        date: day,
        place: textOf(FIELDS.place),
        body: textOf(FIELDS.activityBody),
        goods: z.array(z.enum(FOUR_GOODS)).max(FOUR_GOODS.length).describe('践行的“四好”承诺'),
        leads: z.array(z.enum(FOUR_LEADS)).max(FOUR_LEADS.length).describe('对应的“四带头”事项'),
        attendeeIds: z.array(memberId).max(300).describe('参加人员'),
        photos: photos(MAX_ACTIVITY_PHOTOS),
        thumbs: z.array(thumbID).max(MAX_ACTIVITY_PHOTOS, `最多 ${MAX_ACTIVITY_PHOTOS} 张`).describe('缩略图').optional(),
      })
      .strict(),
    access: SECRETARY_ROLES,
    target: (p) => p.orgId,
    handler: (p, ctx) => postActivity(ctx, p),
  }),
  feed: action({
    schema: z.object({ orgId, cursor: text('分页位置', { max: 40 }).optional() }).strict(),
    access: EVERYONE,
    target: (p) => p.orgId,
    handler: (p, ctx) => feed(ctx, p.cursor),
  }),
  archiveActivity: action({
    schema: z.object({ activityId }).strict(),
    access: SECRETARY_ROLES,
    target: activityTarget,
    handler: (_p, ctx) => archiveActivity(ctx),
  }),
  checkIn: action({
    schema: z
      .object({
        roundKey,
        lead: z.enum(FOUR_LEADS).describe('承诺事项'),
        text: textOf(FIELDS.checkInText),
        date: day,
        photos: photos(MAX_CHECKIN_PHOTOS),
        activityId: activityId.nullable(),
      })
      .strict(),
    // A member checks in for themself: the caller's own roster entry, no target in the payload.
    access: ['member'],
    handler: (p, ctx) => checkIn(ctx, p),
  }),
  reviewMember: action({
    schema: z.object({ memberId, roundKey, grade, comment }).strict(),
    access: ['secretary'],
    target: memberTarget,
    handler: (p, ctx) => reviewMember(ctx, p),
  }),
  reviewOrg: action({
    schema: z.object({ orgId, roundKey, grade, comment }).strict(),
    access: ['generalSecretary', 'admin'],
    target: (p) => p.orgId,
    handler: (p, ctx) => reviewOrg(ctx, p),
  }),
  memberReport: action({
    schema: z.object({ memberId: memberId.optional(), roundKey }).strict(),
    access: EVERYONE,
    target: reportTarget,
    handler: (p, ctx) => memberReport(ctx, p.roundKey),
  }),
  orgReport: action({
    schema: z.object({ orgId, roundKey }).strict(),
    access: STAFF,
    target: (p) => p.orgId,
    handler: (p, ctx) => orgReport(ctx, p.roundKey),
  }),
  submitSummary: action({
    schema: z.object({ orgId, roundKey, text: textOf(FIELDS.summaryText), photos: photos(MAX_ACTIVITY_PHOTOS) }).strict(),
    access: SECRETARY_ROLES,
    target: (p) => p.orgId,
    handler: (p, ctx) => submitSummary(ctx, p),
  }),
  commentSummary: action({
    schema: z.object({ orgId, roundKey, comment }).strict(),
    access: ['generalSecretary', 'admin'],
    target: (p) => p.orgId,
    handler: (p, ctx) => commentSummary(ctx, p),
  }),
  summaries: action({
    schema: z.object({ orgId, roundKey }).strict(),
    access: STAFF,
    target: (p) => p.orgId,
    handler: (p, ctx) => listSummaries(ctx, p.roundKey),
  }),
  compiledSummaries: action({
    schema: z.object({ orgId, roundKey }).strict(),
    access: ['admin', 'generalSecretary'],
    target: (p) => p.orgId,
    handler: (p, ctx) => compiledSummaries(ctx, p.roundKey),
  }),
  attendanceCode: action({
    schema: z.object({ activityId }).strict(),
    access: SECRETARY_ROLES,
    target: activityTarget,
    handler: (_p, ctx) => attendanceCode(ctx),
  }),
  attend: action({
    schema: z.object({ scene: text('签到码', { max: 32 }) }).strict(),
    // A member records themself: the org comes from the scanned code, checked in the handler.
    access: ['member'],
    handler: (p, ctx) => attend(ctx, p.scene),
  }),
  exportOrgReport: action({
    schema: z.object({ orgId, roundKey }).strict(),
    access: STAFF,
    target: (p) => p.orgId,
    handler: (p, ctx) => exportOrgReport(ctx, p.roundKey),
  }),
};

const route = createMain('fulfil', actions);

/** App calls go through the router; the platform's image-check events are answered beside it. */
export async function main(event: unknown): Promise<unknown> {
  if (isMediaCheckEvent(event)) return onMediaCheck(event);
  return route(event as Parameters<typeof route>[0]);
}
