import type { OrgPledge } from '../../../types/models';
import { AppError } from '../errors';
import { Repository } from './repository';

/** One 四好 pledge per org and round. */
export const orgPledgeId = (campaignId: string, roundKey: string, orgId: string): string => `${campaignId}:${roundKey}:${orgId}`;

const conflict = (): AppError => new AppError('CONFLICT', '承诺已被他人修改，请刷新后重试');

class OrgPledgeRepository extends Repository<OrgPledge> {
  constructor() {
    super('orgPledges');
  }

  /** The first version; a concurrent first submission of the same org and round loses with CONFLICT. */
  async create(doc: OrgPledge): Promise<void> {
    try {
      await this.collection().add({ data: doc });
    } catch (err) {
      const exists = await this.byId(doc._id);
      if (exists) throw conflict();
      throw err;
    }
  }

  /** Replaces the pledge only if nobody wrote a newer version since it was read (optimistic lock). */
  async replaceVersion(id: string, expectedVersion: number, changes: Omit<OrgPledge, '_id'>): Promise<void> {
    const res = (await this.collection().where({ _id: id, version: expectedVersion }).update({ data: changes })) as {
      stats: { updated: number };
    };
    if (res.stats.updated !== 1) throw conflict();
  }
}

export const orgPledges = new OrgPledgeRepository();
