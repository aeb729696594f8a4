/**
 * The database engine: collections in memory, write-through to SQLite. Every mutation is first computed
 * as a batch of document changes, checked against the unique indexes, persisted in one SQLite
 * transaction and only then applied to memory, so a failed request changes nothing.
 */
import crypto from 'node:crypto';
import 'mingo/init/system';
import { Aggregator, Query, update as mingoUpdate } from 'mingo';
import type { CollectionDecl } from '../../cloudfunctions/shared/collections';
import { Collection, describeKey, uniqueKey, valueKey } from './collection';
import { clone, type Doc, fromStored, isPlainObject, sameValue, toEJSON } from './ejson';
import {
  DataDirError,
  collectionNotExist,
  collectionExists,
  duplicateKey,
  invalidParam,
  requestFailed,
  transactionConflict,
  transactionNotFound,
} from './errors';
import { type RowWrite, type Store } from './store';

type UpdateExpression = Parameters<typeof mingoUpdate>[1];

export interface Change {
  coll: string;
  id: string;
  /** null deletes. */
  after: Doc | null;
}

interface TxState {
  touched: Map<string, number>;
  writes: Map<string, { coll: string; id: string; doc: Doc | null }>;
  lastUsed: number;
}

const TX_IDLE_MS = 10 * 60 * 1000;

/** CloudBase-like _id: 32 hex characters with the creation second in the middle. */
export function newId(): string {
  const r = crypto.randomBytes(12).toString('hex');
  const t = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0')
    .slice(-8);
  return r.slice(0, 8) + t + r.slice(8);
}

export function idOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw invalidParam('_id must be a string or a number');
}

const txKey = (coll: string, id: string): string => `${coll}\u0000${id}`;

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$'));
}

/** Index keys an equality-like condition selects, or null when it cannot use an index. */
function equalityKeys(cond: unknown): string[] | null {
  if (cond instanceof RegExp) return null;
  if (isOperatorObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length !== 1) return null;
    if (keys[0] === '$eq') return equalityKeys(cond.$eq);
    if (keys[0] === '$in' && Array.isArray(cond.$in)) {
      const out: string[] = [];
      for (const v of cond.$in) {
        const k = equalityKeys(v);
        if (k === null) return null;
        out.push(...k);
      }
      return out;
    }
    return null;
  }
  return [valueKey(cond)];
}

export class Engine {
  private readonly colls = new Map<string, Collection>();
  private readonly versions = new Map<string, number>();
  private readonly txs = new Map<string, TxState>();
  private version = 0;
  private nextSeq = 1;

  constructor(
    private readonly store: Store,
    private readonly decls: CollectionDecl[],
    readonly now: () => Date,
  ) {
    for (const name of store.collections()) this.colls.set(name, new Collection(name, this.decl(name)));
    for (const row of store.rows()) {
      let doc: Doc;
      try {
        doc = fromStored(row.doc);
      } catch (e) {
        throw new DataDirError(store.file, `document ${row.coll}/${row.id} is unreadable: ${(e as Error).message}`);
      }
      let c = this.colls.get(row.coll);
      if (!c) this.colls.set(row.coll, (c = new Collection(row.coll, this.decl(row.coll))));
      // Stored data predates a unique declaration it breaks: refuse rather than guess which doc wins.
      for (const u of c.uniques) {
        const k = uniqueKey(u, doc);
        if (k !== null && u.owners.has(k)) {
          throw new DataDirError(store.file, `collection ${row.coll} violates unique index ${u.decl.name} ${describeKey(u, doc)}`);
        }
      }
      c.put(row.id, doc, row.seq);
      this.nextSeq = Math.max(this.nextSeq, row.seq + 1);
    }
    const missing = decls.map((d) => d.name).filter((n) => !this.colls.has(n));
    for (const n of missing) this.colls.set(n, new Collection(n, this.decl(n)));
    store.write(missing, []);
  }

  private decl(name: string): CollectionDecl | undefined {
    return this.decls.find((d) => d.name === name);
  }

  coll(name: unknown): Collection {
    if (typeof name !== 'string' || name === '') throw invalidParam('collectionName is required');
    const c = this.colls.get(name);
    if (!c) throw collectionNotExist(name);
    return c;
  }

  createCollection(name: unknown): void {
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw invalidParam('invalid collectionName');
    if (this.colls.has(name)) throw collectionExists(name);
    this.store.write([name], []);
    this.colls.set(name, new Collection(name, this.decl(name)));
  }

  /** Matching documents in natural order (the stored objects: callers must not mutate them). */
  select(c: Collection, query: Doc): Doc[] {
    let q: Query;
    try {
      q = new Query(query);
    } catch (e) {
      throw requestFailed(`[InvalidParameter] ${(e as Error).message}`);
    }
    const cand = this.candidates(c, query);
    const out: Doc[] = [];
    if (cand === null) {
      for (const d of c.docs.values()) if (q.test(d)) out.push(d);
      return out;
    }
    const ids = [...cand].sort((a, b) => (c.seq.get(a) ?? 0) - (c.seq.get(b) ?? 0));
    for (const id of ids) {
      const d = c.docs.get(id);
      if (d && q.test(d)) out.push(d);
    }
    return out;
  }

  /** Candidate ids from _id or an equality index, or null for a full scan. */
  private candidates(c: Collection, query: Doc): Set<string> | null {
    if ('_id' in query) {
      const cond = query._id;
      const ids = isOperatorObject(cond)
        ? Object.keys(cond).length === 1 && Array.isArray(cond.$in)
          ? cond.$in
          : Object.keys(cond).length === 1 && '$eq' in cond
            ? [cond.$eq]
            : null
        : [cond];
      if (ids && ids.every((v) => typeof v === 'string' || typeof v === 'number')) {
        return new Set(ids.map((v) => String(v)).filter((id) => c.docs.has(id)));
      }
    }
    for (const [field, map] of c.eq) {
      if (!(field in query)) continue;
      const keys = equalityKeys(query[field]);
      if (keys === null) continue;
      const out = new Set<string>();
      for (const k of keys) for (const id of map.get(k) ?? []) out.add(id);
      return out;
    }
    if (Array.isArray(query.$and)) {
      for (const part of query.$and) {
        if (!isPlainObject(part)) continue;
        const sub = this.candidates(c, part);
        if (sub !== null) return sub;
      }
    }
    return null;
  }

  /** Apply an update: merge=false replaces the document, merge=true applies operators (plain keys = $set). */
  applyUpdate(doc: Doc, data: Doc, merge: boolean): Doc {
    const id = doc._id;
    if (!merge) {
      if (isOperatorObject(data)) throw requestFailed('update operator complicit: a replacement cannot contain operators');
      const next: Doc = { _id: id };
      for (const [k, v] of Object.entries(data)) if (k !== '_id') next[k] = clone(v);
      return next;
    }
    const next = clone(doc);
    const plain: Doc = {};
    for (const [op, arg] of Object.entries(data)) {
      if (!op.startsWith('$')) {
        plain[op] = arg;
        continue;
      }
      if (!isPlainObject(arg)) throw invalidParam(`operator ${op} needs an object`);
      for (const path of Object.keys(arg)) {
        if (path === '_id' || path.startsWith('_id.'))
          throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
      }
      try {
        mingoUpdate(next, { [op]: clone(arg) } as unknown as UpdateExpression);
      } catch (e) {
        throw requestFailed(`[FailedOperation] ${(e as Error).message}`);
      }
    }
    if (Object.keys(plain).length > 0) mingoUpdate(next, { $set: clone(plain) } as UpdateExpression);
    if (!sameValue(next._id, id)) throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
    return next;
  }

  /** Check constraints, persist, then apply to memory. Throws without side effects. */
  commit(changes: Change[], newCollections: string[] = []): void {
    const byColl = new Map<string, Change[]>();
    for (const ch of changes) {
      const list = byColl.get(ch.coll);
      if (list) list.push(ch);
      else byColl.set(ch.coll, [ch]);
    }
    for (const [name, list] of byColl) {
      const c = this.coll(name);
      const changed = new Set(list.map((ch) => ch.id));
      for (const u of c.uniques) {
        const local = new Map<string, string>();
        for (const ch of list) {
          if (ch.after === null) continue;
          const k = uniqueKey(u, ch.after);
          if (k === null) continue;
          const other = local.get(k);
          const owner = u.owners.get(k);
          if ((other !== undefined && other !== ch.id) || (owner !== undefined && owner !== ch.id && !changed.has(owner))) {
            throw duplicateKey(name, u.decl.name, describeKey(u, ch.after));
          }
          local.set(k, ch.id);
        }
      }
    }
    const writes: RowWrite[] = [];
    const seqs = new Map<string, number>();
    let seq = this.nextSeq;
    for (const ch of changes) {
      const c = this.coll(ch.coll);
      const key = txKey(ch.coll, ch.id);
      const s = c.seq.get(ch.id) ?? seqs.get(key) ?? seq++;
      seqs.set(key, s);
      writes.push({ coll: ch.coll, id: ch.id, seq: s, doc: ch.after === null ? null : toEJSON(ch.after) });
    }
    this.store.write(newCollections, writes);
    this.nextSeq = seq;
    for (const ch of changes) {
      const c = this.coll(ch.coll);
      if (ch.after === null) c.delete(ch.id);
      else c.put(ch.id, ch.after, seqs.get(txKey(ch.coll, ch.id)) ?? 0);
      this.versions.set(txKey(ch.coll, ch.id), ++this.version);
    }
  }

  // ---- transactions (optimistic: validated at commit, first committer wins) ----

  startTransaction(): string {
    this.gcTransactions();
    const id = `${Date.now().toString(16)}${crypto.randomBytes(8).toString('hex')}`;
    this.txs.set(id, { touched: new Map(), writes: new Map(), lastUsed: Date.now() });
    return id;
  }

  private tx(id: unknown): TxState {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (!tx) throw transactionNotFound(String(id));
    tx.lastUsed = Date.now();
    return tx;
  }

  private touch(tx: TxState, coll: string, id: string): void {
    const key = txKey(coll, id);
    if (!tx.touched.has(key)) tx.touched.set(key, this.versions.get(key) ?? 0);
  }

  /** The transaction's view of one document (its own writes first). */
  txRead(txId: unknown, coll: string, id: string): Doc | undefined {
    const tx = this.tx(txId);
    const c = this.coll(coll);
    const key = txKey(coll, id);
    const w = tx.writes.get(key);
    if (w) return w.doc ?? undefined;
    this.touch(tx, coll, id);
    return c.docs.get(id);
  }

  txWrite(txId: unknown, coll: string, id: string, doc: Doc | null): void {
    const tx = this.tx(txId);
    this.coll(coll);
    this.touch(tx, coll, id);
    tx.writes.set(txKey(coll, id), { coll, id, doc });
  }

  commitTransaction(txId: unknown): void {
    const tx = this.tx(txId);
    this.txs.delete(txId as string);
    for (const [key, v] of tx.touched) {
      if ((this.versions.get(key) ?? 0) !== v) throw transactionConflict();
    }
    const changes: Change[] = [];
    for (const w of tx.writes.values()) {
      const c = this.coll(w.coll);
      if (w.doc === null && !c.docs.has(w.id)) continue;
      changes.push({ coll: w.coll, id: w.id, after: w.doc });
    }
    this.commit(changes);
  }

  abortTransaction(txId: unknown): void {
    this.tx(txId);
    this.txs.delete(txId as string);
  }

  private gcTransactions(): void {
    const limit = Date.now() - TX_IDLE_MS;
    for (const [id, tx] of this.txs) if (tx.lastUsed < limit) this.txs.delete(id);
  }

  aggregate(c: Collection, stages: Doc[]): Doc[] {
    let input: Doc[];
    let pipeline = stages;
    const first = stages[0];
    if (first && isPlainObject(first.$match)) {
      // Use the indexes for a leading $match, then work on copies so no stage can touch stored docs.
      input = this.select(c, first.$match).map((d) => clone(d));
      pipeline = stages.slice(1);
    } else {
      input = [...c.docs.values()].map((d) => clone(d));
    }
    const resolved = new Map<string, Doc[]>();
    const agg = new Aggregator(pipeline, {
      collectionResolver: (name: string) => {
        let docs = resolved.get(name);
        if (!docs) {
          const other = this.colls.get(name);
          docs = other ? [...other.docs.values()].map((d) => clone(d)) : [];
          resolved.set(name, docs);
        }
        return docs;
      },
    });
    try {
      return agg.run(input) as Doc[];
    } catch (e) {
      throw requestFailed(`[FailedOperation] ${(e as Error).message}`);
    }
  }

  close(): void {
    this.store.close();
  }
}
