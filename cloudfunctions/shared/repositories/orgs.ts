import type { Org } from '../../../types/models';
import { cond, Repository, slices } from './repository';

class OrgRepository extends Repository<Org> {
  constructor() {
    super('orgs');
  }

  children(parentId: string): Promise<Org[]> {
    return this.all({ parentId, archived: false }, { field: 'order', direction: 'asc' });
  }

  /** Active children per parent, counted by the database: one aggregate per 100 parents. */
  async activeChildCounts(parentIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const $ = this.command().aggregate;
    for (const chunk of slices(parentIds)) {
      const res = (await this.collection()
        .aggregate()
        .match({ parentId: cond.oneOf(chunk), archived: false })
        .group({ _id: '$parentId', n: $.sum(1) })
        // Without a limit stage CloudBase returns 20 rows: one row per parent at most.
        .limit(chunk.length)
        .end()) as { list: { _id: string; n: number }[] };
      for (const row of res.list) out.set(row._id, row.n);
    }
    return out;
  }

  /** Rewrites the ancestors of these orgs (a move of their subtree): one request per 100 orgs. */
  async setAncestors(ids: readonly string[], ancestors: string[]): Promise<void> {
    for (const chunk of slices(ids)) await this.updateWhere({ _id: cond.oneOf(chunk) }, { ancestors });
  }

  /** The live orgs below this one at any depth, 100 per request. */
  descendants(orgId: string): Promise<Org[]> {
    return this.all({ ancestors: orgId, archived: false });
  }
}

export const orgs = new OrgRepository();
