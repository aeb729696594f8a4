import type { Meeting } from '../../../types/models';
import { cond, Repository } from './repository';

class MeetingRepository extends Repository<Meeting> {
  constructor() {
    super('meetings');
  }

  /** The org's meetings in a campaign, newest first (one page: an org holds few meetings). */
  ofOrg(campaignId: string, orgId: string): Promise<Meeting[]> {
    return this.page({ campaignId, orgId }, { order: { field: 'date', direction: 'desc' } });
  }

  /** Meetings of up to 100 orgs in a campaign, one page (enough to tell which orgs held one). */
  ofOrgs(campaignId: string, orgIds: readonly string[]): Promise<Meeting[]> {
    return this.page({ campaignId, orgId: cond.oneOf(orgIds) }, { limit: 100 });
  }
}

export const meetings = new MeetingRepository();
