import type { CheckIn } from '../../../types/fulfil';
import { Repository } from './repository';

const BY_DATE = { field: 'date', direction: 'desc' } as const;

class CheckInRepository extends Repository<CheckIn> {
  constructor() {
    super('checkIns');
  }

  /** A member's check-ins in a round, newest first, 100 per request. */
  ofMember(campaignId: string, roundKey: string, memberId: string): Promise<CheckIn[]> {
    return this.all({ campaignId, roundKey, memberId }, BY_DATE);
  }

  /** Every check-in of a branch's members in a round, 100 per request. */
  ofBranch(campaignId: string, roundKey: string, branchId: string): Promise<CheckIn[]> {
    return this.all({ campaignId, roundKey, branchId });
  }

  /** The check-in holding the photo a content-check verdict names. */
  byTrace(traceId: string): Promise<CheckIn | null> {
    return this.first({ 'photos.traceId': traceId });
  }
}

export const checkIns = new CheckInRepository();
