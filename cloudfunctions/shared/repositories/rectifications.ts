import type { Rectification } from '../../../types/supervise';
import { cond, PAGE_LIMIT, Repository } from './repository';

/** Still waiting on the responsible person: what the timer reminds about and escalates. */
export const WAITING: Rectification['status'][] = ['open', 'returned'];

class RectificationRepository extends Repository<Rectification> {
  constructor() {
    super('rectifications');
  }

  /** Rectifications of an org's subtree, earliest deadline first, 100 per request. */
  inScope(orgId: string, statuses: readonly Rectification['status'][] | null): Promise<Rectification[]> {
    return this.all({ orgPath: orgId, ...(statuses ? { status: cond.oneOf(statuses) } : {}) }, { field: 'deadline', direction: 'asc' });
  }

  /** The next 100 waiting ones whose deadline is before `day` and that were not escalated yet (the timer's walk). */
  overdueBatch(day: string): Promise<Rectification[]> {
    return this.page(
      { status: cond.oneOf(WAITING), deadline: this.command().lt(day), escalatedTo: null },
      { limit: PAGE_LIMIT, order: { field: 'deadline', direction: 'asc' } },
    );
  }

  /** The rectification whose current answer holds the photo with this media-check trace id. */
  byTrace(traceId: string): Promise<Rectification | null> {
    return this.first({ 'answer.photos.traceId': traceId });
  }

  /** Not accepted yet (open, answered, returned) per org: 进度看板's count. */
  tallyOpen(): Promise<{ key: Record<string, string | null>; n: number }[]> {
    return this.tally({ status: cond.oneOf(['open', 'answered', 'returned']) }, { org: 'orgId' });
  }

  /** Waiting ones whose deadline is before `day`, per org (escalated or not): 进度看板's overdue count. */
  tallyOverdue(day: string): Promise<{ key: Record<string, string | null>; n: number }[]> {
    return this.tally({ status: cond.oneOf(WAITING), deadline: this.command().lt(day) }, { org: 'orgId' });
  }

  /** Waiting ones due between these days (inclusive), 100 per request: their reminders. */
  dueBetween(from: string, to: string): Promise<Rectification[]> {
    return this.all({ status: cond.oneOf(WAITING), deadline: this.command().and(this.command().gte(from), this.command().lte(to)) });
  }
}

export const rectifications = new RectificationRepository();
