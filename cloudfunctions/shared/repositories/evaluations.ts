import type { Evaluation } from '../../../types/evaluate';
import { cond, Repository, type Order } from './repository';

const NEWEST: Order = { field: 'opensAt', direction: 'desc' };
/** A list shows the most recent evaluations; older ones stay reachable by their id. */
const LISTED = 50;

class EvaluationRepository extends Repository<Evaluation> {
  constructor() {
    super('evaluations');
  }

  /** Evaluations a member of these orgs votes in (their org path), newest first. */
  forElectorate(orgPath: readonly string[]): Promise<Evaluation[]> {
    return this.page({ electorateOrgs: cond.oneOf(orgPath) }, { limit: LISTED, order: NEWEST });
  }

  /** Evaluations organised in or aimed at these orgs' subtrees (a staff member's grants), newest first. */
  inScope(orgIds: readonly string[]): Promise<Evaluation[]> {
    return this.page({ scope: cond.oneOf(orgIds) }, { limit: LISTED, order: NEWEST });
  }

  /** Every tallied evaluation (the roll-up's timer picks each org's latest), 100 per request. */
  closed(): Promise<Evaluation[]> {
    return this.all({ state: 'closed' });
  }

  /** Untallied evaluations whose window ended by `endedBy`, oldest first: what the timer closes. */
  due(endedBy: Date, limit: number): Promise<Evaluation[]> {
    return this.page(
      { state: 'pending', closesAt: this.command().lte(endedBy) },
      { limit, order: { field: 'closesAt', direction: 'asc' } },
    );
  }

  /** Untallied evaluations that have opened and still owe their last reminder, soonest to close first. */
  started(now: Date, limit: number): Promise<Evaluation[]> {
    const _ = this.command();
    return this.page(
      { state: 'pending', opensAt: _.lte(now), reminded: _.neq('evaluationClosing') },
      { limit, order: { field: 'closesAt', direction: 'asc' } },
    );
  }

  /** Records that a reminder was fired (plain bookkeeping: the event's own id makes firing idempotent). */
  async markReminded(id: string, kind: string): Promise<void> {
    await this.updateWhere({ _id: id }, { reminded: this.command().addToSet(kind) });
  }
}

export const evaluations = new EvaluationRepository();
