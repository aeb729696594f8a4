import type { Commendation } from '../../../types/commend';
import { Repository } from './repository';

class CommendationRepository extends Repository<Commendation> {
  constructor() {
    super('commendations');
  }

  /** The latest commendation of a campaign, or null. */
  latestOf(campaignId: string): Promise<Commendation | null> {
    return this.first({ campaignId }, { field: 'openedAt', direction: 'desc' });
  }
}

export const commendations = new CommendationRepository();
