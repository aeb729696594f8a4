import type { Objection } from '../../../types/commend';
import { Repository } from './repository';

class ObjectionRepository extends Repository<Objection> {
  constructor() {
    super('objections');
  }

  ofCommendation(commendationId: string): Promise<Objection[]> {
    return this.all({ commendationId }, { field: 'at', direction: 'asc' });
  }

  countOpen(commendationId: string): Promise<number> {
    return this.count({ commendationId, status: 'open' });
  }
}

export const objections = new ObjectionRepository();
