/**
 * The database engine: collections in memory, write-through to SQLite. Every mutation is first computed
 * as a batch of document changes, checked against the unique indexes, persisted in one SQLite
 * transaction and only then applied to memory, so a failed request changes nothing.
 *
 * Transactions follow CloudBase's rules (checked against the admin SDK's own transaction tests,
 * TencentCloudBase/tcb-admin-node test/database/unit/transaction.test.ts, and the 数据库事务 guide):
 * - a transaction reads the snapshot taken when it started (plus its own writes); reads take no lock;
 * - a transactional write locks the document until the transaction ends; another transaction writing it
 *   fails at that write with DATABASE_TRANSACTION_CONFLICT, and so does a write to a document someone
 *   else changed after the snapshot; the failed transaction is aborted;
 * - a plain (non-transactional) write to a locked document waits until the lock is released;
 * - a transaction not committed within 30 s is aborted; later calls get TransactionNotExist.
 */
import crypto from 'node:crypto';
import 'mingo/init/system';
import { Aggregator, Query, update as mingoUpdate } from 'mingo';
import { Collection, type CollectionSpec, describeKey, uniqueKey, valueKey } from './collection';
import { clone, type Doc, fromStored, isPlainObject, sameValue, toEJSON } from './ejson';
import {
  DataDirError,
  collectionNotExist,
  collectionExists,
  duplicateKey,
  invalidParam,
  requestFailed,
  transactionConflict,
  transactionNotExist,
} from './errors';
import { type RowWrite, type Store } from './store';
import { checkUpdatePaths } from './update-paths';

type UpdateExpression = Parameters<typeof mingoUpdate>[1];

export interface Change {
  coll: string;
  id: string;
  /** null deletes. */
  after: Doc | null;
}

/** CloudBase aborts a transaction that has not committed this long after it started. */
export const TRANSACTION_LIFETIME_MS = 30_000;
/** A waiting plain write looks at the clock at least this often (the clock can be moved forward). */
const LOCK_RECHECK_MS = 1000;

interface TxState {
  id: string;
  /** The function instance that started it, when known (for the where()-inside-a-transaction warning). */
  origin: string | null;
  /** Engine-clock milliseconds after which the transaction is aborted. */
  deadline: number;
  /** Uncommitted writes by document key (doc null = delete); each holds that document's lock. */
  writes: Map<string, { coll: string; id: string; doc: Doc | null }>;
  /** Committed versions as they were when the transaction started, for documents changed since. */
  snapshot: Map<string, Doc | null>;
}

/** Thrown by a plain write that must wait for a transaction's lock; the caller waits and runs it again. */
export class LockWait extends Error {
  constructor(readonly key: string) {
    super(`waiting for the transaction lock on ${key}`);
    this.name = 'LockWait';
  }
}

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

const docKey = (coll: string, id: string): string => `${coll}\u0000${id}`;

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
  private readonly txs = new Map<string, TxState>();
  /** Document key → id of the transaction that wrote (and so locks) it. */
  private readonly locks = new Map<string, string>();
  /** Plain writes waiting for a lock to go. */
  private readonly waiters = new Set<() => void>();
  private nextSeq = 1;

  constructor(
    private readonly store: Store,
    private readonly decls: readonly CollectionSpec[],
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

  private decl(name: string): CollectionSpec | undefined {
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
      // MongoDB's refusals (a path through a scalar, $push on a non-array...) before mingo, which
      // would skip the first silently and throw a JavaScript TypeError for the second.
      checkUpdatePaths(next, op, arg);
      try {
        mingoUpdate(next, { [op]: clone(arg) } as unknown as UpdateExpression);
      } catch (e) {
        throw requestFailed(`[FailedOperation] ${(e as Error).message}`);
      }
    }
    if (Object.keys(plain).length > 0) {
      checkUpdatePaths(next, '$set', plain);
      mingoUpdate(next, { $set: clone(plain) } as UpdateExpression);
    }
    if (!sameValue(next._id, id)) throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
    return next;
  }

  /** Check constraints, persist, then apply to memory. Throws without side effects. */
  commit(changes: Change[], newCollections: string[] = [], committer: string | null = null): void {
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
      const key = docKey(ch.coll, ch.id);
      const s = c.seq.get(ch.id) ?? seqs.get(key) ?? seq++;
      seqs.set(key, s);
      writes.push({ coll: ch.coll, id: ch.id, seq: s, doc: ch.after === null ? null : toEJSON(ch.after) });
    }
    this.store.write(newCollections, writes);
    this.nextSeq = seq;
    for (const ch of changes) {
      const c = this.coll(ch.coll);
      const key = docKey(ch.coll, ch.id);
      // Open transactions keep reading what was there when they started.
      const before = c.docs.get(ch.id) ?? null;
      for (const tx of this.txs.values()) if (tx.id !== committer && !tx.snapshot.has(key)) tx.snapshot.set(key, before);
      if (ch.after === null) c.delete(ch.id);
      else c.put(ch.id, ch.after, seqs.get(key) ?? 0);
    }
  }

  // ---- transactions: snapshot reads, write locks, 30 s lifetime (see the header) ----

  /** Milliseconds on the engine clock: the one place transactions read the time. */
  private nowMs(): number {
    return this.now().getTime();
  }

  startTransaction(origin: string | null = null): string {
    this.expireTransactions();
    const id = `${Date.now().toString(16)}${crypto.randomBytes(8).toString('hex')}`;
    this.txs.set(id, { id, origin, deadline: this.nowMs() + TRANSACTION_LIFETIME_MS, writes: new Map(), snapshot: new Map() });
    return id;
  }

  /** Aborts every transaction past its 30 s; their locks go and waiting writes run. */
  expireTransactions(): void {
    const now = this.nowMs();
    for (const tx of [...this.txs.values()]) if (tx.deadline <= now) this.endTransaction(tx);
  }

  /** True when a transaction is open for this function instance (or for anyone, when the origin is unknown). */
  hasOpenTransaction(origin: string | null): boolean {
    this.expireTransactions();
    for (const tx of this.txs.values()) if (origin === null || tx.origin === null || tx.origin === origin) return true;
    return false;
  }

  private tx(id: unknown): TxState {
    this.expireTransactions();
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (!tx) throw transactionNotExist();
    return tx;
  }

  /** The transaction's view of one document: its own writes, else the snapshot it started with. */
  txRead(txId: unknown, coll: string, id: string): Doc | undefined {
    const tx = this.tx(txId);
    const c = this.coll(coll);
    const key = docKey(coll, id);
    const w = tx.writes.get(key);
    if (w) return w.doc ?? undefined;
    if (tx.snapshot.has(key)) return tx.snapshot.get(key) ?? undefined;
    return c.docs.get(id);
  }

  /** A write inside the transaction: takes the document's lock, or fails (and aborts) on a conflict. */
  txWrite(txId: unknown, coll: string, id: string, doc: Doc | null): void {
    const tx = this.tx(txId);
    this.coll(coll);
    const key = docKey(coll, id);
    const holder = this.locks.get(key);
    if ((holder !== undefined && holder !== tx.id) || (!tx.writes.has(key) && tx.snapshot.has(key))) {
      this.endTransaction(tx);
      throw transactionConflict();
    }
    this.locks.set(key, tx.id);
    tx.writes.set(key, { coll, id, doc });
  }

  commitTransaction(txId: unknown): void {
    const tx = this.tx(txId);
    const changes: Change[] = [];
    for (const w of tx.writes.values()) {
      if (w.doc === null && !this.coll(w.coll).docs.has(w.id)) continue;
      changes.push({ coll: w.coll, id: w.id, after: w.doc });
    }
    try {
      this.commit(changes, [], tx.id);
    } finally {
      // A commit that fails (a unique index said no) ends the transaction too, writing nothing.
      this.endTransaction(tx);
    }
  }

  abortTransaction(txId: unknown): void {
    this.endTransaction(this.tx(txId));
  }

  private endTransaction(tx: TxState): void {
    this.txs.delete(tx.id);
    for (const key of tx.writes.keys()) if (this.locks.get(key) === tx.id) this.locks.delete(key);
    for (const wake of [...this.waiters]) wake();
  }

  /** For a plain write: throws LockWait when a transaction holds one of these documents. */
  assertUnlocked(coll: string, ids: Iterable<string>): void {
    this.expireTransactions();
    for (const id of ids) {
      const key = docKey(coll, id);
      if (this.locks.has(key)) throw new LockWait(key);
    }
  }

  /** Resolves when a transaction ends, or after a while so the caller looks at the clock again. */
  lockReleased(): Promise<void> {
    return new Promise((resolve) => {
      let deadline = Infinity;
      for (const tx of this.txs.values()) deadline = Math.min(deadline, tx.deadline);
      const wait = Math.max(0, Math.min(LOCK_RECHECK_MS, deadline - this.nowMs()));
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      timer.unref();
      this.waiters.add(done);
    });
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
    for (const wake of [...this.waiters]) wake();
    this.store.close();
  }
}
