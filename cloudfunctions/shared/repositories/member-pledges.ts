import type { MemberPledge } from '../../../types/models';
import { db } from '../cloud';
import { PAGE_LIMIT, Repository } from './repository';

export function memberPledgeId(campaignId: string, roundKey: string, memberId: string): string {
  return `${campaignId}:${roundKey}:${memberId}`;
}

class MemberPledgeRepository extends Repository<MemberPledge> {
  constructor() {
    super('memberPledges');
  }

  /** Every pledge of a branch for a round, 100 per request. */
  ofBranch(campaignId: string, roundKey: string, branchId: string): Promise<MemberPledge[]> {
    return this.all({ campaignId, roundKey, branchId });
  }

  /** How many of these members have signed this round: one count per 100 members. */
  async countSigned(campaignId: string, roundKey: string, memberIds: readonly string[]): Promise<number> {
    let total = 0;
    for (let i = 0; i < memberIds.length; i += PAGE_LIMIT) {
      const ids = memberIds.slice(i, i + PAGE_LIMIT).map((m) => memberPledgeId(campaignId, roundKey, m));
      total += await this.count({ _id: db().command.in(ids) });
    }
    return total;
  }

  /**
   * Writes the member's pledge with one `doc(id).set()`: the id is the member and round, so concurrent
   * signatures converge on one document. True when a pledge already existed (the platform says whether
   * the upsert created the document), so no read is needed before the write.
   */
  async sign(doc: MemberPledge): Promise<{ replaced: boolean }> {
    const { _id, ...rest } = doc;
    const res = (await this.collection().doc(_id).set({ data: rest })) as { stats?: { created?: number } };
    return { replaced: (res.stats?.created ?? 0) === 0 };
  }
}

export const memberPledges = new MemberPledgeRepository();
