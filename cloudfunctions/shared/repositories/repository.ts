import type { CollectionName } from '../collections';
import { db } from '../cloud';
import { notFound } from '../errors';

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

/** Query conditions for the repositories' own queries (domains call repository methods, not these). */
export const cond = {
  /** One of these values (callers keep lists to 100 or page them). */
  oneOf: (values: readonly unknown[]): unknown => db().command.in([...values]),
  after: (value: string | number): unknown => db().command.gt(value),
  /** Starts with the text, taken literally. */
  prefix: (text: string): unknown => db().RegExp({ regexp: `^${escapeRegExp(text)}` }),
  /** Contains the text, taken literally. */
  contains: (text: string): unknown => db().RegExp({ regexp: escapeRegExp(text) }),
  /** Set to something (neither null nor missing). */
  present: (): unknown => db().command.neq(null),
};

/** The server's clock at the moment of the write (`db.serverDate()`), for a date field of a stored document. */
export interface ServerTime {
  readonly serverTime: true;
}
export const serverTime = (): ServerTime => db().serverDate() as unknown as ServerTime;

/** A document as written: its date fields may take the server's clock. */
export type Writable<T> = { [K in keyof T]: Date extends T[K] ? T[K] | ServerTime : T[K] };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `ids` in slices of 100, the most one `in` query should carry. */
export function slices<T>(ids: readonly T[], size = PAGE_LIMIT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/**
 * Typed access to one collection. Every read states its page size; `all()` pages through the
 * platform's 100-document cap, so no caller silently loses rows. Writes that change what people see
 * go through a transaction with their audit record (unit-of-work.ts); the plain writes here are for
 * the repositories' own bookkeeping.
 */
export class Repository<T extends { _id: string }> {
  constructor(readonly name: CollectionName) {}

  protected collection() {
    return db().collection(this.name);
  }

  /** Update and aggregate operators (`inc`, `aggregate.sum`, …). */
  protected command() {
    return db().command;
  }

  /** One document or null (a where-get, so a missing id is not an exception). */
  async byId(id: string): Promise<T | null> {
    const res = (await this.collection().where({ _id: id }).limit(1).get()) as QueryResult;
    return (res.data[0] as T | undefined) ?? null;
  }

  /** The document, or NOT_FOUND naming it for the caller ("团员不存在"). */
  async mustById(id: string, what: string): Promise<T> {
    const doc = await this.byId(id);
    if (!doc) throw notFound(what);
    return doc;
  }

  /** Documents with these ids, in one request per 100 ids. */
  async byIds(ids: readonly string[]): Promise<T[]> {
    const out: T[] = [];
    for (const chunk of slices([...new Set(ids)])) out.push(...(await this.page({ _id: cond.oneOf(chunk) }, { limit: PAGE_LIMIT })));
    return out;
  }

  async first(filter: Where, order?: Order): Promise<T | null> {
    const [doc] = await this.page(filter, { limit: 1, order });
    return doc ?? null;
  }

  /** One page: at most 100 documents. */
  async page(filter: Where, opts: { limit?: number; skip?: number; order?: Order } = {}): Promise<T[]> {
    let query = this.collection().where(filter);
    if (opts.order) query = query.orderBy(opts.order.field, opts.order.direction);
    if (opts.skip) query = query.skip(opts.skip);
    const res = (await query.limit(Math.min(opts.limit ?? PAGE_LIMIT, PAGE_LIMIT)).get()) as QueryResult;
    return res.data as T[];
  }

  /** Every matching document, 100 per request, in a stable order. */
  async all(filter: Where, order: Order = { field: '_id', direction: 'asc' }): Promise<T[]> {
    const out: T[] = [];
    for (;;) {
      const batch = await this.page(filter, { order, skip: out.length, limit: PAGE_LIMIT });
      out.push(...batch);
      if (batch.length < PAGE_LIMIT) return out;
    }
  }

  /** Every document whose `field` is one of the values, one request per 100 values. */
  async allWhereIn(field: string, values: readonly string[], filter: Where = {}, order?: Order): Promise<T[]> {
    const out: T[] = [];
    for (const chunk of slices([...new Set(values)])) out.push(...(await this.all({ ...filter, [field]: cond.oneOf(chunk) }, order)));
    return out;
  }

  /**
   * How many matching documents have each of these values in `field`, counted by the database: one
   * aggregate per 100 values (with an explicit limit: CloudBase returns 20 rows without one).
   */
  async countsBy(field: string, values: readonly string[], filter: Where = {}): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const $ = this.command().aggregate;
    for (const chunk of slices([...new Set(values)])) {
      const res = (await this.collection()
        .aggregate()
        .match({ ...filter, [field]: cond.oneOf(chunk) })
        .group({ _id: `$${field}`, n: $.sum(1) })
        .limit(chunk.length)
        .end()) as { list: { _id: string; n: number }[] };
      for (const row of res.list) out.set(row._id, row.n);
    }
    return out;
  }

  /**
   * Matching documents counted by the database, grouped by some fields (`by`: output name → field path),
   * or the distinct values of `distinct` per group. One aggregate per 1,000 groups, sorted and paged with
   * an explicit limit (CloudBase returns 20 rows without one), so a campus-wide tally loses no group.
   */
  async tally(filter: Where, by: Record<string, string>, distinct?: string): Promise<{ key: Record<string, string | null>; n: number }[]> {
    const $ = this.command().aggregate;
    const key = Object.fromEntries(Object.entries(by).map(([name, path]) => [name, `$${path}`]));
    const out: { key: Record<string, string | null>; n: number }[] = [];
    const PAGE = 1000;
    for (;;) {
      let pipeline = this.collection().aggregate().match(filter);
      if (distinct)
        pipeline = pipeline
          .group({ _id: { ...key, d: `$${distinct}` } })
          .group({ _id: Object.fromEntries(Object.keys(by).map((k) => [k, `$_id.${k}`])), n: $.sum(1) });
      else pipeline = pipeline.group({ _id: key, n: $.sum(1) });
      const order = Object.fromEntries(Object.keys(by).map((k) => [`_id.${k}`, 1]));
      const res = (await pipeline.sort(order).skip(out.length).limit(PAGE).end()) as {
        list: { _id: Record<string, string | null>; n: number }[];
      };
      out.push(...res.list.map((r) => ({ key: r._id, n: r.n })));
      if (res.list.length < PAGE) return out;
    }
  }

  /**
   * Every matching document, one page of 100 at a time in _id order, walking the index by the last _id
   * seen (no growing skip): for exports of any length, without holding them all.
   */
  async *pages(filter: Where): AsyncGenerator<T[]> {
    let after: string | null = null;
    for (;;) {
      const page: T[] = await this.page(after === null ? filter : { ...filter, _id: cond.after(after) }, {
        limit: PAGE_LIMIT,
        order: { field: '_id', direction: 'asc' },
      });
      if (page.length) yield page;
      if (page.length < PAGE_LIMIT) return;
      after = page[page.length - 1]._id;
    }
  }

  async count(filter: Where): Promise<number> {
    const res = (await this.collection().where(filter).count()) as CountResult;
    return res.total;
  }

  /** Create or replace the document with this id. */
  protected async put(doc: T): Promise<void> {
    const { _id, ...rest } = doc;
    await this.collection().doc(_id).set({ data: rest });
  }

  protected async insert(doc: Omit<T, '_id'> & { _id?: string }): Promise<string> {
    const res = (await this.collection().add({ data: doc })) as { _id: string };
    return res._id;
  }

  /**
   * A write by condition: one request whatever the number of matching documents (the 100-document cap
   * applies to reads, not to where-updates). Returns how many documents changed.
   */
  protected async updateWhere(filter: Where, data: Where): Promise<number> {
    const res = (await this.collection().where(filter).update({ data })) as { stats: { updated: number } };
    return res.stats.updated;
  }

  protected async removeWhere(filter: Where): Promise<number> {
    const res = (await this.collection().where(filter).remove()) as { stats: { removed: number } };
    return res.stats.removed;
  }
}
