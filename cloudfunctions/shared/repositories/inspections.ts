import type { Inspection } from '../../../types/supervise';
import { PAGE_LIMIT, Repository } from './repository';

class InspectionRepository extends Repository<Inspection> {
  constructor() {
    super('inspections');
  }

  /** The latest inspections of an org and its subtree, newest first (one page). */
  latestIn(orgId: string): Promise<Inspection[]> {
    return this.page({ orgPath: orgId }, { limit: PAGE_LIMIT, order: { field: 'date', direction: 'desc' } });
  }
}

export const inspections = new InspectionRepository();
