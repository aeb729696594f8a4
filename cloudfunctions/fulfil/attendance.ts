/**
 * 签到码: the secretary shows an activity's QR code (the pledge signing pattern: a 小程序码 whose 32-character scene
 * carries a short random key), members of the org scan it and are recorded as attendees, so the activity counts as
 * evidence for their 四带头 items. The code is made once per activity and reused; a second scan changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { ATTEND_PAGE, attendKeyOfScene, attendSceneOf, type Activity, type AttendanceCode, type AttendResult } from '../../types/fulfil';
import { sdk } from '../shared/cloud';
import { AppError, notFound } from '../shared/errors';
import { activities } from '../shared/repositories/activities';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { ActionContext, LoadedContext } from '../shared/router';
import { tempFileURLs, uploadFile } from '../shared/storage';

/** 12 characters (72 random bits): a guessed code names nothing. */
const newKey = (): string => randomBytes(9).toString('base64url');

async function qrPng(key: string): Promise<Buffer> {
  const res = (await sdk().openapi.wxacode.getUnlimited({ scene: attendSceneOf(key), page: ATTEND_PAGE, checkPath: false })) as {
    buffer?: unknown;
  };
  if (!Buffer.isBuffer(res.buffer)) throw new Error('wxacode.getUnlimited returned no image');
  return res.buffer;
}

export async function attendanceCode(ctx: LoadedContext<Activity>): Promise<AttendanceCode> {
  let a = ctx.loaded;
  if (a.archived) throw new AppError('CONFLICT', '活动已归档，不能再签到');
  if (!a.attendKey || !a.attendQrFileID) {
    const key = newKey();
    const qr = await uploadFile(`fulfil-qr/${a._id}-${key}.png`, await qrPng(key));
    try {
      await withAudit(ctx.openid, async (w) => {
        await w.patch(activities, a._id, { attendKey: key, attendQrFileID: qr });
        // Made once: a second secretary opening it at the same moment keeps the first code.
        await w.audit({
          action: 'attendanceCode',
          target: a._id,
          before: null,
          after: { key },
          scope: a.orgPath,
          once: `attend-code:${a._id}`,
        });
      });
      a = { ...a, attendKey: key, attendQrFileID: qr };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      a = await activities.mustById(a._id, '活动');
    }
  }
  const [url] = await tempFileURLs([a.attendQrFileID ?? '']);
  if (!url || !a.attendKey) throw new AppError('INTERNAL', '二维码图片获取失败，请稍后再试');
  return {
    activityId: a._id,
    title: a.title,
    orgName: a.orgName,
    date: a.date,
    scene: attendSceneOf(a.attendKey),
    page: ATTEND_PAGE,
    qr: { fileID: a.attendQrFileID ?? '', url },
    attendees: a.attendees.length,
  };
}

/** A member of the activity's org (or its subtree) scanned its 签到码: they join its attendees, once. */
export async function attend(ctx: ActionContext, scene: string): Promise<AttendResult> {
  const key = attendKeyOfScene(scene);
  const { member } = await ctx.caller();
  if (!member) throw new AppError('NOT_BOUND', '请先完成实名绑定');
  const activity = key ? await activities.byAttendKey(key) : null;
  if (!activity) throw notFound('签到码');
  if (activity.archived) throw new AppError('CONFLICT', '活动已归档，不能再签到');
  if (!member.orgPath.includes(activity.orgId)) throw new AppError('FORBIDDEN', '这是其他组织的活动，不能签到');
  const result = { activityId: activity._id, title: activity.title, orgName: activity.orgName, date: activity.date };
  if (activity.attendees.some((x) => x.id === member._id)) return { ...result, already: true };
  try {
    await withAudit(ctx.openid, async (w) => {
      await w.patch(activities, activity._id, activities.attendeeAdded({ id: member._id, name: member.name }));
      await w.audit({
        action: 'attend',
        target: activity._id,
        before: null,
        after: { memberId: member._id },
        scope: activity.orgPath,
        once: `attend:${activity._id}:${member._id}`,
      });
    });
  } catch (err) {
    // Scanned twice at once: the first one counted.
    if (isDuplicateKey(err)) return { ...result, already: true };
    throw err;
  }
  return { ...result, already: false };
}
