import type { CollectionName } from '../collections';
import { db } from '../cloud';

/** The server SDK returns at most this many documents per get(); larger reads page. */
export const PAGE_LIMIT = 100;

export type Where = Record<string, unknown>;
export interface Order {
  field: string;
  direction: 'asc' | 'desc';
}

interface QueryResult {
  data: unknown[];
}
interface CountResult {
  total: number;
}

/**
 * Typed access to one collection. Every read states its page size; `all()` pages through the
 * platform's 100-document cap, so no caller silently loses rows.
 */
export class Repository<T extends { _id: string }> {
  constructor(readonly name: CollectionName) {}

  protected collection() {
    return db().collection(this.name);
  }

  /** One document or null (a where-get, so a missing id is not an exception). */
  async byId(id: string): Promise<T | null> {
    const res = (await this.collection().where({ _id: id }).limit(1).get()) as QueryResult;
    return (res.data[0] as T | undefined) ?? null;
  }

  /** Documents with these ids, in one request per 100 ids. */
  async byIds(ids: readonly string[]): Promise<T[]> {
    const unique = [...new Set(ids)];
    const out: T[] = [];
    for (let i = 0; i < unique.length; i += PAGE_LIMIT) {
      const chunk = unique.slice(i, i + PAGE_LIMIT);
      const res = (await this.collection()
        .where({ _id: db().command.in(chunk) })
        .limit(PAGE_LIMIT)
        .get()) as QueryResult;
      out.push(...(res.data as T[]));
    }
    return out;
  }

  async first(where: Where, order?: Order): Promise<T | null> {
    const [doc] = await this.page(where, { limit: 1, order });
    return doc ?? null;
  }

  /** One page: at most 100 documents. */
  async page(where: Where, opts: { limit?: number; skip?: number; order?: Order } = {}): Promise<T[]> {
    let query = this.collection().where(where);
    if (opts.order) query = query.orderBy(opts.order.field, opts.order.direction);
    if (opts.skip) query = query.skip(opts.skip);
    const res = (await query.limit(Math.min(opts.limit ?? PAGE_LIMIT, PAGE_LIMIT)).get()) as QueryResult;
    return res.data as T[];
  }

  /** Every matching document, 100 per request, in a stable order. */
  async all(where: Where, order: Order = { field: '_id', direction: 'asc' }): Promise<T[]> {
    const out: T[] = [];
    for (;;) {
      const batch = await this.page(where, { order, skip: out.length, limit: PAGE_LIMIT });
      out.push(...batch);
      if (batch.length < PAGE_LIMIT) return out;
    }
  }

  async count(where: Where): Promise<number> {
    const res = (await this.collection().where(where).count()) as CountResult;
    return res.total;
  }

  /** Create or replace the document with this id. */
  async put(doc: T): Promise<void> {
    const { _id, ...rest } = doc;
    await this.collection().doc(_id).set({ data: rest });
  }

  async insert(doc: Omit<T, '_id'> & { _id?: string }): Promise<string> {
    const res = (await this.collection().add({ data: doc })) as { _id: string };
    return res._id;
  }

  async patch(id: string, changes: Partial<Omit<T, '_id'>> | Where): Promise<number> {
    const res = (await this.collection().doc(id).update({ data: changes })) as { stats: { updated: number } };
    return res.stats.updated;
  }
}
