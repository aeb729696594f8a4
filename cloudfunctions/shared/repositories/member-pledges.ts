import type { MemberPledge } from '../../../types/models';
import { cond, Repository, slices } from './repository';

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
    for (const chunk of slices(memberIds)) {
      total += await this.count({ _id: cond.oneOf(chunk.map((m) => memberPledgeId(campaignId, roundKey, m))) });
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
