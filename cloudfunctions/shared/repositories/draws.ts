import type { Draw } from '../../../types/supervise';
import { PAGE_LIMIT, Repository } from './repository';

class DrawRepository extends Repository<Draw> {
  constructor() {
    super('draws');
  }

  /** The latest spot checks of a scope and the scopes below it, newest first (one page). */
  latestIn(orgId: string): Promise<Draw[]> {
    return this.page({ scopePath: orgId }, { limit: PAGE_LIMIT, order: { field: 'frozenAt', direction: 'desc' } });
  }
}

export const draws = new DrawRepository();
