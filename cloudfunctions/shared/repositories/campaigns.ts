import type { Campaign } from '../../../types/models';
import { Repository } from './repository';

class CampaignRepository extends Repository<Campaign> {
  constructor() {
    super('campaigns');
  }

  /** The one campaign running now, or null. */
  active(): Promise<Campaign | null> {
    return this.first({ active: true });
  }
}

export const campaigns = new CampaignRepository();
