/**
 * The verdict of WeChat's image check, pushed as a `wxa_media_check` event to this function (the
 * environment's message-push settings, cloudfunctions/message-push.json), for every domain's checked photos:
 * activities, check-ins, summaries (fulfil) and rectification answers (supervise). The trace id names the photo;
 * it was never sent to the app. A passed photo becomes visible to the org's tree; a risky one is deleted
 * from storage and marked for its author; one sent to manual review stays 审核中 (author and the org's
 * secretaries only) until a final verdict for the same trace arrives.
 *
 * The event can beat the post it belongs to (WeChat answers the trace id, the function still has to
 * write the activity). Neither side reads before it writes: the event handler parks an unmatched verdict
 * under its trace id and then looks for the photo again; the post writes its document and then reads the
 * parked verdicts of its photos. Whatever the timing, one of the two sees the other; when both do, the
 * audit key `media:<trace>:<check>` lets only one apply it.
 */
import type { Story } from '../../types/commend';
import type { Activity, CheckIn, PhotoCheck, StoredPhoto, Summary } from '../../types/fulfil';
import type { Rectification } from '../../types/supervise';
import { sdk } from '../shared/cloud';
import { log } from '../shared/log';
import { activities } from '../shared/repositories/activities';
import { checkIns } from '../shared/repositories/check-ins';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { mediaVerdicts } from '../shared/repositories/media-verdicts';
import { rectifications } from '../shared/repositories/rectifications';
import type { Repository } from '../shared/repositories/repository';
import { stories } from '../shared/repositories/stories';
import { summaries } from '../shared/repositories/summaries';
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

type Verdict = Exclude<PhotoCheck, 'pending'>;
const CHECK_OF: Record<string, Verdict> = { pass: 'pass', risky: 'rejected', review: 'review' };

/** A document holding checked photos, and the collection it lives in. */
type Owner =
  | { repo: Repository<Activity>; doc: Activity }
  | { repo: Repository<CheckIn>; doc: CheckIn }
  | { repo: Repository<Summary>; doc: Summary }
  | { repo: Repository<Story>; doc: Story }
  | { repo: Repository<Rectification>; doc: Rectification };

/** The owner's photos and their field: a rectification keeps them in its current answer, the others at the top. */
function photosOf(owner: Owner): { photos: StoredPhoto[]; path: string } {
  const doc = owner.doc;
  return 'inspectionId' in doc ? { photos: doc.answer?.photos ?? [], path: 'answer.photos' } : { photos: doc.photos, path: 'photos' };
}

export type Applied = { applied: boolean; check?: PhotoCheck };

/** Where a verdict may still change a photo: a pending one takes any verdict, one in review only a final one. */
function open(photo: { check: PhotoCheck }, check: Verdict): boolean {
  return photo.check === 'pending' || (photo.check === 'review' && check !== 'review');
}

async function ownerOf(traceId: string): Promise<Owner | null> {
  const [activity, checkIn, summary, story, rectification] = await Promise.all([
    activities.byTrace(traceId),
    checkIns.byTrace(traceId),
    summaries.byTrace(traceId),
    // 先进典型 photos (commend domain) are checked the same way; this function receives every verdict.
    stories.byTrace(traceId),
    rectifications.byTrace(traceId),
  ]);
  if (activity) return { repo: activities, doc: activity };
  if (checkIn) return { repo: checkIns, doc: checkIn };
  if (summary) return { repo: summaries, doc: summary };
  if (story) return { repo: stories, doc: story };
  if (rectification) return { repo: rectifications, doc: rectification };
  return null;
}

/**
 * Records one verdict on the photo of `owner` it names, or on its thumbnail (with its audit entry). A rejected
 * photo or thumbnail rejects both and deletes both files.
 */
async function apply(owner: Owner, traceId: string, check: Verdict, label: number | null): Promise<Applied> {
  const { photos, path } = photosOf(owner);
  const index = photos.findIndex((p) => p.traceId === traceId || p.thumb?.traceId === traceId);
  const photo = photos[index];
  const slot = photo?.thumb?.traceId === traceId ? photo.thumb : photo;
  if (!photo || !slot || photo.check === 'rejected' || photo.thumb?.check === 'rejected' || !open(slot, check)) {
    return { applied: false, check: slot?.check };
  }
  const changes: Record<string, unknown> = { [slot === photo ? `${path}.${index}.check` : `${path}.${index}.thumb.check`]: check };
  if (check === 'rejected') {
    changes[`${path}.${index}.check`] = check;
    changes[`${path}.${index}.label`] = label ?? 21000;
    if (photo.thumb) changes[`${path}.${index}.thumb.check`] = check;
  }
  try {
    await withAudit('wxa_media_check', async (w) => {
      await w.patch(owner.repo as Repository<{ _id: string }>, owner.doc._id, changes);
      await w.audit({
        action: 'mediaCheck',
        target: owner.doc._id,
        before: { fileID: slot.fileID, check: slot.check },
        after: { check, label },
        scope: owner.doc.orgPath,
        once: `media:${traceId}:${check}`,
      });
    });
  } catch (err) {
    // The same verdict delivered twice, or applied by the post and the event both: the first one counted.
    if (isDuplicateKey(err)) return { applied: false, check };
    throw err;
  }
  slot.check = check;
  if (check === 'rejected') {
    photo.check = check;
    photo.label = label ?? 21000;
    if (photo.thumb) photo.thumb.check = check;
    // A rejected photo leaves storage once the verdict is recorded (a failed delete leaves it unreferenced).
    const files = photo.thumb ? [photo.fileID, photo.thumb.fileID] : [photo.fileID];
    await deleteFiles(files).catch((err: unknown) => log('error', 'media.delete.failed', { traceId, err: String(err) }));
  }
  return { applied: true, check };
}

/** An app can call this function too: a real verdict never comes from a mini-program client (SOURCE wx_client). */
function fromClient(): boolean {
  const source = sdk().getWXContext().SOURCE ?? '';
  return /(^|,)wx_(client|devtools|localdebug)/.test(source);
}

/** Applies one pushed verdict; answers what it did (the platform ignores the answer; logs and tests read it). */
export async function onMediaCheck(event: MediaCheckEvent): Promise<Applied> {
  const suggest = typeof event.result?.suggest === 'string' ? event.result.suggest : '';
  const check = CHECK_OF[suggest];
  const raw = Number(event.result?.label);
  const label = Number.isFinite(raw) ? raw : null;
  const traceId = event.trace_id;
  if (!check) {
    log('error', 'media.verdict.unknown', { traceId, suggest });
    return { applied: false };
  }
  let owner = await ownerOf(traceId);
  if (!owner) {
    // A trace id is never sent to the app, so a client naming one names nothing; only a pushed event is parked.
    if (fromClient()) {
      log('info', 'media.verdict.from_client', { traceId });
      return { applied: false };
    }
    // Early: the post holding this photo is not saved yet. Park the verdict, then look once more (the post
    // may have written and read between the two).
    await mediaVerdicts.keep({ _id: traceId, check, label, at: new Date() });
    owner = await ownerOf(traceId);
    if (!owner) {
      log('info', 'media.verdict.parked', { traceId, check });
      return { applied: false, check };
    }
  }
  return apply(owner, traceId, check, label);
}

/**
 * After a post's write: applies the verdicts that arrived before it (one read for all its photos, none
 * when it has none). Updates the owner's photos in place so the answer shows them.
 */
export async function applyEarlyVerdicts(owner: Owner): Promise<void> {
  const traces = photosOf(owner).photos.flatMap((p) => (p.thumb ? [p.traceId, p.thumb.traceId] : [p.traceId]));
  if (traces.length === 0) return;
  for (const v of await mediaVerdicts.byIds(traces)) await apply(owner, v._id, v.check, v.label);
}
