import type { Activity, Attendee } from '../../../types/fulfil';
import { cond, PAGE_LIMIT, Repository, type Where, type Writable } from './repository';

class ActivityRepository extends Repository<Activity> {
  constructor() {
    super('activities');
  }

  /**
   * One page of a feed: activities of the org and its subtree (their path holds the org), not archived,
   * newest first, before the cursor (a posting time). `orgIds` narrows it to those orgs (a member sees
   * only the orgs on their own path).
   */
  feedPage(orgId: string, opts: { before: Date | null; limit: number; orgIds?: readonly string[] }): Promise<Activity[]> {
    const filter: Record<string, unknown> = { orgPath: orgId, archived: false };
    if (opts.before) filter.postedAt = this.command().lt(opts.before);
    if (opts.orgIds) filter.orgId = cond.oneOf(opts.orgIds);
    return this.page(filter, { limit: Math.min(opts.limit, PAGE_LIMIT), order: { field: 'postedAt', direction: 'desc' } });
  }

  /** The org's own activities in a round (archived ones stay evidence), 100 per request. */
  ofOrg(campaignId: string, roundKey: string, orgId: string): Promise<Activity[]> {
    return this.all({ campaignId, roundKey, orgId });
  }

  /** Activities of a round the member attended, 100 per request. */
  attendedBy(campaignId: string, roundKey: string, memberId: string): Promise<Activity[]> {
    return this.all({ campaignId, roundKey, 'attendees.id': memberId });
  }

  /**
   * A new activity, written alone (one request): the document is its own creation record (who posted it,
   * when, what), so it takes no separate audit entry; later changes (archive, verdicts) are audited.
   */
  async post(doc: Writable<Omit<Activity, '_id'>>): Promise<string> {
    const res = (await this.collection().add({ data: doc })) as { _id: string };
    return res._id;
  }

  /** The activity whose 签到码 carries this key. */
  byAttendKey(key: string): Promise<Activity | null> {
    return this.first({ attendKey: key });
  }

  /** The change that appends one attendee, atomically (two scans at once both land). */
  attendeeAdded(attendee: Attendee): Partial<Activity> {
    return { attendees: this.command().push([attendee]) as unknown as Attendee[] };
  }

  /** The activity holding the photo (or the photo's thumbnail) a content-check verdict names: one request. */
  byTrace(traceId: string): Promise<Activity | null> {
    // A top-level `or` of two paths: the SDK takes the command where it takes a filter.
    const either = this.command().or([{ 'photos.traceId': traceId }, { 'photos.thumb.traceId': traceId }]) as unknown as Where;
    return this.first(either);
  }
}

export const activities = new ActivityRepository();
