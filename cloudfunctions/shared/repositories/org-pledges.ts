import type { OrgPledge } from '../../../types/models';
import { Repository } from './repository';

/** One 四好 pledge per org and round. */
export const orgPledgeId = (campaignId: string, roundKey: string, orgId: string): string => `${campaignId}:${roundKey}:${orgId}`;

class OrgPledgeRepository extends Repository<OrgPledge> {
  constructor() {
    super('orgPledges');
  }
}

export const orgPledges = new OrgPledgeRepository();
