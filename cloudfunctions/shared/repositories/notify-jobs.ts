import type { JobStatus, NotifyJob, UnreachableReason } from '../../../types/notify';
import { isDuplicateKey } from './db-errors';
import { PAGE_LIMIT, Repository, type Where } from './repository';

/**
 * One message to one person for one event. Jobs are created a fan-out page at a time (one request per 100)
 * and claimed a batch at a time with a conditional update (status pending → claimed, stamped with the run):
 * of two overlapping runs, each job goes to exactly one, so nothing is sent twice.
 */
class NotifyJobRepository extends Repository<NotifyJob> {
  constructor() {
    super('notifyJobs');
  }

  /**
   * Inserts a page of jobs in one request. When another run inserted some of them first (a duplicate id refuses the
   * whole insert here; CloudBase may keep the ones before it), one read finds those and the rest go in one more
   * request. Returns how many were new.
   */
  async insertPage(jobs: NotifyJob[]): Promise<number> {
    let todo = jobs;
    for (let attempt = 0; todo.length > 0; attempt++) {
      try {
        await this.collection().add({ data: todo });
        return todo.length;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
      const existing = new Set((await this.byIds(todo.map((j) => j._id))).map((j) => j._id));
      todo = todo.filter((j) => !existing.has(j._id));
    }
    return 0;
  }

  private dueFilter(now: Date, urgentOnly: boolean): Where {
    const _ = this.command();
    return { status: 'pending', notBefore: _.lte(now), ...(urgentOnly ? { urgent: true } : {}) };
  }

  /** The batch of one due job (in `lane` when given), or null when nothing is due there. */
  async dueBatch(now: Date, urgentOnly: boolean, lane?: number): Promise<string | null> {
    const filter = lane === undefined ? this.dueFilter(now, urgentOnly) : { ...this.dueFilter(now, urgentOnly), lane };
    const job = await this.first(filter, { field: 'notBefore', direction: 'asc' });
    return job?.batch ?? null;
  }

  /** Claims the batch's due jobs for this run (one conditional update) and reads what it got (one read). */
  async claim(batch: string, runId: string, now: Date, urgentOnly: boolean): Promise<NotifyJob[]> {
    const claimed = await this.updateWhere({ ...this.dueFilter(now, urgentOnly), batch }, { status: 'claimed', runId, claimedAt: now });
    if (claimed === 0) return [];
    return this.page({ batch, runId, status: 'claimed' }, { limit: PAGE_LIMIT });
  }

  /** Ends these jobs with one outcome (one request for all of them). */
  async finish(ids: readonly string[], status: Exclude<JobStatus, 'pending' | 'claimed'>, reason: UnreachableReason | null, now: Date) {
    if (ids.length === 0) return;
    await this.updateWhere({ _id: this.command().in([...ids]) }, { status, reason, doneAt: now });
  }

  /** Puts a job back for a later try. */
  async retryLater(id: string, attempts: number, notBefore: Date): Promise<void> {
    await this.updateWhere({ _id: id, status: 'claimed' }, { status: 'pending', attempts, notBefore, runId: null, claimedAt: null });
  }

  /**
   * Claims older than `before` belong to a run that died mid-batch: whether their message went out is
   * unknown, so they end as 'interrupted' (never sent again: at most once beats a duplicate).
   */
  async abandonStale(before: Date, now: Date): Promise<number> {
    const _ = this.command();
    return this.updateWhere({ status: 'claimed', claimedAt: _.lt(before) }, { status: 'unreachable', reason: 'interrupted', doneAt: now });
  }

  /** How many jobs of the event in the org's subtree have this status. */
  countIn(eventId: string, orgId: string, status: JobStatus | JobStatus[]): Promise<number> {
    const s = Array.isArray(status) ? this.command().in(status) : status;
    return this.count({ eventId, orgPath: orgId, status: s });
  }

  /** The people of the org's subtree the event did not reach, in student-number order, up to `max`. */
  async unreachableIn(eventId: string, orgId: string, max: number): Promise<NotifyJob[]> {
    const out: NotifyJob[] = [];
    while (out.length < max) {
      const page = await this.page(
        { eventId, orgPath: orgId, status: 'unreachable' },
        { skip: out.length, limit: PAGE_LIMIT, order: { field: 'studentNo', direction: 'asc' } },
      );
      out.push(...page);
      if (page.length < PAGE_LIMIT) break;
    }
    return out.slice(0, max);
  }
}

export const notifyJobs = new NotifyJobRepository();
