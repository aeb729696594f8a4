/** 限期整改: the responsible secretary answers with text and photos; the inspector accepts or sends it back. */
import type { Org } from '../../types/models';
import { rectificationFolder, type Rectification, type RectificationFilter, type RectificationView } from '../../types/supervise';
import type { Caller } from '../shared/caller';
import { AppError, forbidden } from '../shared/errors';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { rectifications, WAITING } from '../shared/repositories/rectifications';
import { serverTime } from '../shared/repositories/repository';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { LoadedContext } from '../shared/router';
import { tempUrlMap } from '../shared/storage';
import { today } from '../shared/time';
import { applyEarlyVerdicts } from '../fulfil/media-check';
import { checkPhotos, submitPhotos } from '../fulfil/photos';
import { isOverdue, isResponsible, isReviewer, nameOf, toRectificationView } from './common';

const CHANGED = '整改状态已变化，请刷新后重试';

async function views(list: Rectification[], caller: Caller): Promise<RectificationView[]> {
  const urls = await tempUrlMap(list.flatMap((r) => (r.answer?.photos ?? []).filter((p) => p.check !== 'rejected').map((p) => p.fileID)));
  return list.map((r) => toRectificationView(r, caller, urls));
}

/** An org's subtree: the waiting and answered ones, only the overdue ones (escalations), or all. */
export async function listRectifications(org: Org, filter: RectificationFilter, caller: Caller): Promise<RectificationView[]> {
  const statuses = filter === 'all' ? null : filter === 'overdue' ? WAITING : (['open', 'answered', 'returned'] as const);
  let list = await rectifications.inScope(org._id, statuses);
  if (filter === 'overdue') list = list.filter((r) => isOverdue(r, today()));
  return views(list, caller);
}

export async function rectificationView(ctx: LoadedContext<Rectification>): Promise<RectificationView> {
  const [view] = await views([ctx.loaded], await ctx.caller());
  return view;
}

/**
 * Of two racing changes from the same state, one wins: each names its step (`rect:<id>:<history length>`) as the
 * audit entry's id, so the second fails with a duplicate key and its write is rolled back.
 */
async function change(ctx: LoadedContext<Rectification>, next: Partial<Rectification> & Pick<Rectification, 'history'>, action: string) {
  const r = ctx.loaded;
  try {
    await withAudit(ctx.openid, async (w) => {
      // The whole document is written (an update would merge into `answer` field by field, and it may be null).
      const { closedAt, answer, ...rest } = next;
      await w.put(rectifications, {
        ...r,
        ...rest,
        // Nested dates cannot take serverDate() through put's typing; the function's clock is the server's.
        answer: answer ?? r.answer,
        closedAt: closedAt ? serverTime() : r.closedAt,
      });
      await w.audit({
        action,
        target: r._id,
        before: { status: r.status },
        after: { status: next.status },
        scope: r.orgPath,
        once: `rect:${r._id}:${r.history.length}`,
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', CHANGED);
    throw err;
  }
}

export async function answerRectification(ctx: LoadedContext<Rectification>, text: string, photoIds: string[]): Promise<RectificationView> {
  const r = ctx.loaded;
  const caller = await ctx.caller();
  if (!isResponsible(caller, r)) throw forbidden('只有整改责任人（本组织书记）可以回复整改情况');
  if (!WAITING.includes(r.status)) throw new AppError('CONFLICT', r.status === 'accepted' ? '整改已通过验收' : '整改情况已提交，等待验收');
  await checkPhotos(photoIds, rectificationFolder(r.orgId));
  const { photos } = await submitPhotos(photoIds, ctx.openid);
  const byName = nameOf(caller);
  const now = new Date();
  const history = [...r.history, { kind: 'answer' as const, text, byName, at: now }];
  await change(ctx, { status: 'answered', answer: { text, photos, byName, at: now }, history }, 'answerRectification');
  const saved: Rectification = { ...r, status: 'answered', answer: { text, photos, byName, at: now }, history };
  // A verdict that beat this write was parked by fulfil's media-check handler: apply it now (as a post does).
  await applyEarlyVerdicts({ repo: rectifications, doc: saved });
  return rectificationView({ ...ctx, loaded: saved });
}

export async function reviewRectification(
  ctx: LoadedContext<Rectification>,
  decision: 'accept' | 'return',
  comment: string,
): Promise<RectificationView> {
  const r = ctx.loaded;
  const caller = await ctx.caller();
  if (!isReviewer(caller, r)) throw forbidden('只有记录该问题的检查人或校团委可以验收');
  if (r.status !== 'answered') throw new AppError('CONFLICT', r.status === 'accepted' ? '整改已通过验收' : '责任人尚未提交整改情况');
  const now = new Date();
  const status = decision === 'accept' ? 'accepted' : 'returned';
  const history = [...r.history, { kind: decision, text: comment, byName: nameOf(caller), at: now }];
  await change(ctx, { status, history, ...(decision === 'accept' ? { closedAt: now } : {}) }, 'reviewRectification');
  return rectificationView({ ...ctx, loaded: { ...r, status, history, closedAt: decision === 'accept' ? now : null } });
}
