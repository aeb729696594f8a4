import type { Rollup } from '../../../types/dashboard';
import { cond, PAGE_LIMIT, Repository, slices } from './repository';

export const rollupId = (roundKey: string, orgId: string): string => `${roundKey}:${orgId}`;

/** The round a screen shows: the one named, else the campaign's current one. */
const roundFilter = (roundKey: string | undefined): Record<string, unknown> => (roundKey ? { roundKey } : { current: true });

/** 进度看板's materialised roll-up (written only by cloudfunctions/dashboard/refresh.ts). */
class RollupRepository extends Repository<Rollup> {
  constructor() {
    super('rollups');
  }

  /** Rows of these orgs in a round: one request (callers hold at most 100 grants). */
  ofOrgs(orgIds: readonly string[], roundKey?: string): Promise<Rollup[]> {
    return this.page({ ...roundFilter(roundKey), orgId: cond.oneOf(orgIds.slice(0, PAGE_LIMIT)) }, { limit: PAGE_LIMIT });
  }

  /** The org's row and its children's rows in one request (an `or` of the two conditions). */
  async withChildren(orgId: string, roundKey?: string): Promise<Rollup[]> {
    const _ = this.command();
    const filter = _.and([roundFilter(roundKey), _.or([{ orgId }, { parentId: orgId }])]) as unknown as Record<string, unknown>;
    const rows: Rollup[] = [];
    // A parent with more than 99 children takes one more request per 100.
    for (;;) {
      const page = await this.page(filter, { limit: PAGE_LIMIT, skip: rows.length, order: { field: '_id', direction: 'asc' } });
      rows.push(...page);
      if (page.length < PAGE_LIMIT) return rows;
    }
  }

  /** The branches of a subtree that lag most (lowest progress score first): one request. */
  lagging(orgId: string, limit: number, roundKey?: string): Promise<Rollup[]> {
    return this.page(
      { ...roundFilter(roundKey), ancestors: orgId, level: 'branch' },
      { limit, order: { field: 'score', direction: 'asc' } },
    );
  }

  /** Every row (the refresh compares them with its recount), 100 per request. */
  everything(): Promise<Rollup[]> {
    return this.all({});
  }

  /** Creates or replaces rows, a few requests at a time. */
  async write(rows: readonly Rollup[], parallel = 8): Promise<void> {
    for (const batch of slices(rows, parallel)) await Promise.all(batch.map((r) => this.put(r)));
  }

  async removeIds(ids: readonly string[]): Promise<void> {
    for (const chunk of slices(ids)) await this.removeWhere({ _id: cond.oneOf(chunk) });
  }
}

export const rollups = new RollupRepository();
