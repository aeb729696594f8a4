import type { Meeting } from '../../../types/models';
import { db } from '../cloud';
import { Repository } from './repository';

class MeetingRepository extends Repository<Meeting> {
  constructor() {
    super('meetings');
  }

  /** Records a meeting; recordedAt is the server's clock. */
  add(meeting: Omit<Meeting, '_id' | 'recordedAt'>): Promise<string> {
    return this.insert({ ...meeting, recordedAt: db().serverDate() } as unknown as Omit<Meeting, '_id'>);
  }

  /** The org's meetings in a campaign, newest first (one page: an org holds few meetings). */
  ofOrg(campaignId: string, orgId: string): Promise<Meeting[]> {
    return this.page({ campaignId, orgId }, { order: { field: 'date', direction: 'desc' } });
  }
}

export const meetings = new MeetingRepository();
