import type { Nomination, NominationStatus } from '../../../types/commend';
import { cond, Repository } from './repository';

class NominationRepository extends Repository<Nomination> {
  constructor() {
    super('nominations');
  }

  /** Every nomination of a commendation in an org's subtree (their path holds the org), 100 per request. */
  inSubtree(commendationId: string, orgId: string): Promise<Nomination[]> {
    return this.all({ commendationId, orgPath: orgId });
  }

  /** Nominations of a commendation in these states, 100 per request. */
  withStatus(commendationId: string, statuses: readonly NominationStatus[]): Promise<Nomination[]> {
    return this.all({ commendationId, status: cond.oneOf(statuses) });
  }
}

export const nominations = new NominationRepository();
