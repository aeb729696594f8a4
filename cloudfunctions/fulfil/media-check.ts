/**
 * The verdict of WeChat's image check, pushed as a `wxa_media_check` event to this function (the
 * environment's message-push settings, cloudfunctions/message-push.json). The trace id names the photo;
 * it was never sent to the app, so an event naming no pending photo changes nothing. A passed photo
 * becomes visible to the org's tree; a risky one is deleted from storage and marked for its author; one
 * sent to review stays hidden.
 */
import type { PhotoCheck, StoredPhoto } from '../../types/fulfil';
import { log } from '../shared/log';
import { activities } from '../shared/repositories/activities';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { checkIns } from '../shared/repositories/check-ins';
import { summaries } from '../shared/repositories/summaries';
import { stories } from '../shared/repositories/stories';
import { withAudit } from '../shared/repositories/unit-of-work';
import { deleteFiles } from '../shared/storage';

export interface MediaCheckEvent {
  Event: 'wxa_media_check';
  trace_id: string;
  result?: { suggest?: unknown; label?: unknown };
}

export function isMediaCheckEvent(event: unknown): event is MediaCheckEvent {
  if (!event || typeof event !== 'object') return false;
  const e = event as Record<string, unknown>;
  return e.Event === 'wxa_media_check' && typeof e.trace_id === 'string' && !('action' in e);
}

const CHECK_OF: Record<string, PhotoCheck> = { pass: 'pass', risky: 'rejected', review: 'review' };

/** Applies one verdict; answers what it did (the platform ignores the answer; logs and tests read it). */
export async function onMediaCheck(event: MediaCheckEvent): Promise<{ applied: boolean; check?: PhotoCheck }> {
  const suggest = typeof event.result?.suggest === 'string' ? event.result.suggest : '';
  const check = CHECK_OF[suggest];
  const label = Number(event.result?.label);
  const traceId = event.trace_id;
  if (!check) {
    log('error', 'media.verdict.unknown', { traceId, suggest });
    return { applied: false };
  }
  const [activity, checkIn, summary, story] = await Promise.all([
    activities.byTrace(traceId),
    checkIns.byTrace(traceId),
    summaries.byTrace(traceId),
    // 先进典型 photos (commend domain) are checked the same way; this function receives every verdict.
    stories.byTrace(traceId),
  ]);
  const owner = activity ?? checkIn ?? summary ?? story;
  if (!owner) {
    log('info', 'media.verdict.unmatched', { traceId });
    return { applied: false };
  }
  const index = owner.photos.findIndex((p: StoredPhoto) => p.traceId === traceId);
  const photo = owner.photos[index];
  if (photo.check !== 'pending') return { applied: false, check: photo.check };
  const changes: Record<string, unknown> = { [`photos.${index}.check`]: check };
  if (check === 'rejected') changes[`photos.${index}.label`] = Number.isFinite(label) ? label : 21000;
  try {
    await withAudit('wxa_media_check', async (w) => {
      if (activity) await w.patch(activities, activity._id, changes);
      else if (checkIn) await w.patch(checkIns, checkIn._id, changes);
      else if (summary) await w.patch(summaries, summary._id, changes);
      else await w.patch(stories, owner._id, changes);
      await w.audit({
        action: 'mediaCheck',
        target: owner._id,
        before: { fileID: photo.fileID, check: photo.check },
        after: { check, label: Number.isFinite(label) ? label : null },
        scope: owner.orgPath,
        once: `media:${traceId}`,
      });
    });
  } catch (err) {
    // The same verdict delivered twice: the first one counted.
    if (isDuplicateKey(err)) return { applied: false, check: photo.check };
    throw err;
  }
  // A rejected photo leaves storage once the verdict is recorded (a failed delete leaves it unreferenced).
  if (check === 'rejected')
    await deleteFiles([photo.fileID]).catch((err: unknown) => log('error', 'media.delete.failed', { traceId, err: String(err) }));
  return { applied: true, check };
}
