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

  /**
   * How many check-ins each member of a branch made under each item in a round, counted by the database:
   * one aggregate whatever the number of check-ins (at most 4 rows a member; the limit stage is explicit).
   */
  async countsOfBranch(campaignId: string, roundKey: string, branchId: string, members: number): Promise<Map<string, number>> {
    const $ = this.command().aggregate;
    const res = (await this.collection()
      .aggregate()
      .match({ campaignId, roundKey, branchId })
      .group({ _id: { memberId: '$memberId', lead: '$lead' }, n: $.sum(1) })
      .limit(Math.max(1, members * 4))
      .end()) as { list: { _id: { memberId: string; lead: string }; n: number }[] };
    return new Map(res.list.map((r) => [`${r._id.memberId}:${r._id.lead}`, r.n]));
  }

  /** The check-in holding the photo a content-check verdict names. */
  byTrace(traceId: string): Promise<CheckIn | null> {
    return this.first({ 'photos.traceId': traceId });
  }
}

export const checkIns = new CheckInRepository();
