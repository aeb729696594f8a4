/**
 * The emulator's CloudBase database, answering the admin API calls the pinned wx-server-sdk 4.0.2
 * (@cloudbase/node-sdk 3.17.2, @cloudbase/database 1.4.3) sends as JSON POSTs with `action: 'database.*'`.
 *
 * WIRE CONTRACT FOR THE HTTP SERVER (read from the SDK source, verified by test/emulator/db-*.test.ts):
 *
 * - Always answer HTTP 200 with `content-type: application/json`.
 * - Success: send `{ requestId, ...handle() }` as the JSON body (the server owns requestId). Per action
 *   the result holds either `data` (getDocument → `{data:{list:[<EJSON string>...], offset,
 *   limit, total}}`, insertDocument → `{data:{insertedIds:[...]}}`, modifyDocument → `{data:{updated,
 *   upsert_id}}`, removeDocument → `{data:{deleted}}`, calculateDocument → `{data:{total}}`,
 *   aggregateDocuments → `{data:{list:[<EJSON string>...]}}`) or top-level fields (startTransaction →
 *   `{transactionId}`; commit/abort/addCollection → `{}`). Documents travel as canonical EJSON strings
 *   because the SDK runs `EJSON.parse` on each list item.
 * - Error: for a thrown AdminError `e` send `{ "code": e.code, "message": e.message, "requestId": <id> }`
 *   (HTTP 200, no `data`). node-sdk throws any body with a truthy `code` as TcbError{code,message};
 *   wx-server-sdk then maps `code` through its TCB_ERR_CODE table to `errCode`
 *   (DATABASE_COLLECTION_NOT_EXIST → -502005, DATABASE_REQUEST_FAILED → -502001, INVALID_PARAM → -501007,
 *   anything else → -501001) and `errMsg` = message. `e.errCode` is informational only.
 *   db.runTransaction retries only when commit fails with code DATABASE_TRANSACTION_CONFLICT.
 * - Any other thrown error is an emulator bug: answer `{code:'SYS_ERR', message, requestId}`.
 *
 * Errors this module raises: missing collection → DATABASE_COLLECTION_NOT_EXIST; duplicate `_id` or unique
 * index (insert, update, set/upsert, transaction commit) → DATABASE_REQUEST_FAILED with MongoDB's
 * "E11000 duplicate key error collection: <c> index: <name> dup key: { ... }" text (wx-server-sdk: errCode
 * -502001; recognise it by that code plus MongoDB's E11000); a transactional write to a document another
 * transaction holds, or that changed since the snapshot → DATABASE_TRANSACTION_CONFLICT at that write; any
 * call on an ended or expired (30 s) transaction → DATABASE_TRANSACTION_FAIL (TransactionNotExist); bad
 * operators and impossible update paths → DATABASE_REQUEST_FAILED; malformed bodies and unknown actions →
 * INVALID_PARAM. A plain write to a document a transaction holds waits until the transaction ends.
 * An aggregate whose pipeline has no $limit stage returns 20 rows, as CloudBase does.
 * doc(id).get on a missing doc is answered with an empty list; wx-server-sdk itself then throws
 * "document.get:fail document with _id <id> does not exist".
 */
import { type Change, Engine, idOf, LockWait, newId } from './engine';
import { type Doc, isPlainObject, parseEJSON, toEJSON } from './ejson';
import { invalidParam, requestFailed, duplicateKey } from './errors';
import { Store } from './store';
import { Query } from 'mingo';
import { AdminError } from '../admin-error';
import type { Collection, CollectionSpec } from './collection';

export { DataDirError } from './errors';
export type { CollectionSpec, IndexSpec } from './collection';

export interface DatabaseOptions {
  /** Directory of the store, e.g. <dataDir>/db. Created when missing. */
  dir: string;
  /** Collections (created at open) and their indexes (enforced). */
  collections: readonly CollectionSpec[];
  /** The server clock, used for db.serverDate(). */
  now?: () => Date;
}

export interface EmulatorDatabase {
  /**
   * Answer one admin API call whose body.action starts with 'database.'; returns the JSON the server sends
   * back (success shape). Throws AdminError for CloudBase errors. `origin` names the function instance that
   * called (the /admin/i/<instanceId> path), when known.
   */
  handle(action: string, body: Record<string, unknown>, origin?: string | null): Promise<Record<string, unknown>>;
  /** Counts of handled actions since open, for stats. */
  stats(): Record<string, number>;
  /** Close the store; later calls fail. */
  close(): void;
}

/** The server-side cap of one get, whatever the client asks. */
export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;
/** What CloudBase returns from an aggregate without a $limit stage (reported by its users; see test/emulator). */
export const AGGREGATE_DEFAULT_LIMIT = 20;

/** Open (or create) the store. Throws DataDirError when it is corrupt or unreadable; never wipes. */
export function openDatabase(opts: DatabaseOptions): EmulatorDatabase {
  const now = opts.now ?? (() => new Date());
  const engine = new Engine(new Store(opts.dir), opts.collections, now);
  const counts: Record<string, number> = {};
  let closed = false;
  return {
    async handle(action, body, origin = null) {
      if (closed) throw requestFailed('database is closed');
      counts[action] = (counts[action] ?? 0) + 1;
      // Every request looks at the clock: transactions past 30 s end here, and their waiting writes run.
      engine.expireTransactions();
      warnWhereInTransaction(engine, action, body, origin);
      for (;;) {
        try {
          return dispatch(engine, action, body, origin);
        } catch (e) {
          if (e instanceof LockWait) {
            // A plain write to a document a transaction holds waits for it to end (or expire).
            await engine.lockReleased();
            if (closed) throw requestFailed('database is closed');
            continue;
          }
          if (e instanceof AdminError) throw e;
          // mingo rejects bad operators in projections and sorts: the caller's error, as on CloudBase.
          if (e instanceof Error && /operator|projection|sort/i.test(e.message)) throw requestFailed(`[InvalidParameter] ${e.message}`);
          throw e;
        }
      }
    },
    stats: () => ({ ...counts }),
    close() {
      closed = true;
      engine.close();
    },
  };
}

function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function parseObject(engine: Engine, text: unknown, what: string, forQuery: boolean): Doc {
  if (text === undefined || text === null || text === '') return {};
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`);
  let v: unknown;
  try {
    v = parseEJSON(text, engine.now, forQuery);
  } catch (e) {
    throw invalidParam(`${what} is not valid EJSON: ${(e as Error).message}`);
  }
  if (!isPlainObject(v)) throw invalidParam(`${what} must be an object`);
  return v;
}

/** The _id a DOC-type request targets. */
function docId(query: Doc): string {
  if (!('_id' in query)) throw invalidParam('queryType DOC needs query._id');
  return idOf(query._id);
}

function clampLimit(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return DEFAULT_LIMIT;
  return Math.min(Math.floor(v), MAX_LIMIT);
}

/**
 * The SDK sends a where() update or remove made on a transaction's collection without the transaction id
 * (@cloudbase/database Query.update/remove), so it runs at once, outside the transaction, and is not
 * rolled back. The emulator cannot tell it from a plain one; it warns while the caller has a transaction open.
 */
function warnWhereInTransaction(engine: Engine, action: string, body: Record<string, unknown>, origin: string | null): void {
  if (action !== 'database.modifyDocument' && action !== 'database.removeDocument') return;
  if (body.queryType === 'DOC' || str(body, 'transactionId') || !engine.hasOpenTransaction(origin)) return;
  console.warn(
    `[emulator] 警告: 事务进行中执行了 where() ${action === 'database.modifyDocument' ? 'update' : 'remove'} (${String(body.collectionName)})。` +
      'SDK 不会把它放进事务：它立即生效、不会回滚，若写到事务已锁定的文档还会一直等到事务结束。' +
      ' (a where() write while a transaction is open runs outside the transaction; use doc(id) writes inside it)',
  );
}

function dispatch(engine: Engine, action: string, body: Record<string, unknown>, origin: string | null): Record<string, unknown> {
  const txId = str(body, 'transactionId');
  switch (action) {
    case 'database.getDocument':
      return txId ? txGet(engine, txId, body) : getDocument(engine, body);
    case 'database.calculateDocument': {
      const c = engine.coll(body.collectionName);
      const query = parseObject(engine, body.query, 'query', true);
      return { data: { total: engine.select(c, query).length } };
    }
    case 'database.insertDocument':
      return insertDocument(engine, body, txId);
    case 'database.modifyDocument':
      return txId ? txModify(engine, txId, body) : modifyDocument(engine, body);
    case 'database.removeDocument':
      return txId ? txRemove(engine, txId, body) : removeDocument(engine, body);
    case 'database.aggregateDocuments':
      return aggregate(engine, body);
    case 'database.addCollection':
      engine.createCollection(body.collectionName);
      return {};
    case 'database.startTransaction':
      return { transactionId: engine.startTransaction(origin) };
    case 'database.commitTransaction':
      engine.commitTransaction(body.transactionId);
      return {};
    case 'database.abortTransaction':
      engine.abortTransaction(body.transactionId);
      return {};
    default:
      throw invalidParam(`unsupported database action: ${action}`);
  }
}

function project(docs: Doc[], projection: Doc | undefined): string[] {
  if (!projection || Object.keys(projection).length === 0) return docs.map(toEJSON);
  // mingo keeps _id unless excluded, as MongoDB does.
  return new Query({}).find<Doc>(docs, projection).all().map(toEJSON);
}

function getDocument(engine: Engine, body: Record<string, unknown>): Record<string, unknown> {
  const c = engine.coll(body.collectionName);
  const query = parseObject(engine, body.query, 'query', true);
  const projection = body.projection ? parseObject(engine, body.projection, 'projection', false) : undefined;
  if (body.queryType === 'DOC') {
    const doc = c.docs.get(docId(query));
    const list = doc ? project([doc], projection) : [];
    return { data: { list, offset: 0, limit: 1, total: list.length } };
  }
  const order = body.order ? parseObject(engine, body.order, 'order', false) : undefined;
  const offset = typeof body.offset === 'number' && body.offset > 0 ? Math.floor(body.offset) : 0;
  const limit = clampLimit(body.limit);
  let matched = engine.select(c, query);
  const total = matched.length;
  if (order && Object.keys(order).length > 0) {
    matched = new Query({})
      .find<Doc>(matched)
      .sort(order as Record<string, 1 | -1>)
      .all();
  }
  const page = matched.slice(offset, offset + limit);
  return { data: { list: project(page, projection), offset, limit, total } };
}

function insertDocument(engine: Engine, body: Record<string, unknown>, txId: string | undefined): Record<string, unknown> {
  const name = String(body.collectionName ?? '');
  const c = engine.coll(body.collectionName);
  if (!Array.isArray(body.data) || body.data.length === 0) throw invalidParam('data must be a non-empty array');
  const docs = body.data.map((d) => parseObject(engine, d, 'data', false));
  const ids: string[] = [];
  const changes: Change[] = [];
  for (const doc of docs) {
    const id = doc._id === undefined ? newId() : idOf(doc._id);
    // MongoDB keeps _id as the first field.
    const stored: Doc = { _id: doc._id === undefined ? id : doc._id };
    for (const [k, v] of Object.entries(doc)) if (k !== '_id') stored[k] = v;
    if (c.docs.has(id) || ids.includes(id)) {
      if (!txId) throw duplicateKey(name, '_id_', `{ _id: ${JSON.stringify(id)} }`);
    }
    ids.push(id);
    changes.push({ coll: name, id, after: stored });
  }
  if (txId) {
    for (const ch of changes) {
      if (engine.txRead(txId, name, ch.id)) throw duplicateKey(name, '_id_', `{ _id: ${JSON.stringify(ch.id)} }`);
      engine.txWrite(txId, name, ch.id, ch.after);
    }
  } else {
    engine.assertUnlocked(name, ids);
    engine.commit(changes);
  }
  return { data: { insertedIds: ids } };
}

/** Documents a WHERE/DOC modify or remove targets, in natural order. */
function targets(engine: Engine, c: Collection, body: Record<string, unknown>, query: Doc): Doc[] {
  if (body.queryType === 'DOC') {
    const doc = c.docs.get(docId(query));
    return doc ? [doc] : [];
  }
  const all = engine.select(c, query);
  return body.multi === true ? all : all.slice(0, 1);
}

/** Starting document of an upsert: the query's plain equalities, as MongoDB does. */
function upsertBase(query: Doc, id: string): Doc {
  const base: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (
      !k.startsWith('$') &&
      !k.includes('.') &&
      !(isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) &&
      !(v instanceof RegExp)
    )
      base[k] = v;
  }
  base._id = id;
  return base;
}

function modifyDocument(engine: Engine, body: Record<string, unknown>): Record<string, unknown> {
  const name = String(body.collectionName ?? '');
  const c = engine.coll(body.collectionName);
  const query = parseObject(engine, body.query, 'query', true);
  const data = parseObject(engine, body.data, 'data', false);
  const merge = body.merge !== false;
  const changes: Change[] = [];
  let updated = 0;
  const found = targets(engine, c, body, query);
  engine.assertUnlocked(name, body.queryType === 'DOC' ? [docId(query)] : found.map((d) => idOf(d._id)));
  for (const doc of found) {
    const next = engine.applyUpdate(doc, data, merge);
    if (toEJSON(next) !== toEJSON(doc)) {
      updated++;
      changes.push({ coll: name, id: idOf(doc._id), after: next });
    }
  }
  let upsertId: string | null = null;
  if (body.upsert === true && changes.length === 0 && found.length === 0) {
    const id = body.queryType === 'DOC' ? docId(query) : newId();
    const base = upsertBase(query, id);
    const rawId = '_id' in query && !isPlainObject(query._id) ? query._id : id;
    base._id = rawId;
    changes.push({ coll: name, id, after: engine.applyUpdate(base, data, merge) });
    upsertId = id;
  }
  engine.commit(changes);
  return { data: { updated, upsert_id: upsertId } };
}

function removeDocument(engine: Engine, body: Record<string, unknown>): Record<string, unknown> {
  const name = String(body.collectionName ?? '');
  const c = engine.coll(body.collectionName);
  const query = parseObject(engine, body.query, 'query', true);
  const docs = targets(engine, c, body, query);
  engine.assertUnlocked(name, body.queryType === 'DOC' ? [docId(query)] : docs.map((d) => idOf(d._id)));
  engine.commit(docs.map((d) => ({ coll: name, id: idOf(d._id), after: null })));
  return { data: { deleted: docs.length } };
}

function aggregate(engine: Engine, body: Record<string, unknown>): Record<string, unknown> {
  const c = engine.coll(body.collectionName);
  if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array');
  const stages: Doc[] = body.stages.map((s: unknown) => {
    if (!isPlainObject(s) || typeof s.stageKey !== 'string' || typeof s.stageValue !== 'string') {
      throw invalidParam('each stage needs stageKey and stageValue');
    }
    let value: unknown;
    try {
      value = parseEJSON(s.stageValue, engine.now, true);
    } catch (e) {
      throw invalidParam(`stage ${s.stageKey} is not valid EJSON: ${(e as Error).message}`);
    }
    return { [s.stageKey]: value };
  });
  // CloudBase answers 20 rows when the pipeline has no $limit stage, however many there are.
  if (!stages.some((s) => '$limit' in s)) stages.push({ $limit: AGGREGATE_DEFAULT_LIMIT });
  return { data: { list: engine.aggregate(c, stages).map(toEJSON) } };
}

// ---- inside a transaction: single documents only, as CloudBase allows ----

function txDocId(engine: Engine, body: Record<string, unknown>): { name: string; id: string; query: Doc } {
  const name = String(body.collectionName ?? '');
  engine.coll(body.collectionName);
  const query = parseObject(engine, body.query, 'query', true);
  if (body.queryType !== 'DOC') throw invalidParam('a transaction can only read or write single documents (doc(id))');
  return { name, id: docId(query), query };
}

function txGet(engine: Engine, txId: string, body: Record<string, unknown>): Record<string, unknown> {
  const { name, id } = txDocId(engine, body);
  const doc = engine.txRead(txId, name, id);
  const projection = body.projection ? parseObject(engine, body.projection, 'projection', false) : undefined;
  const list = doc ? project([doc], projection) : [];
  return { data: { list, offset: 0, limit: 1, total: list.length } };
}

function txModify(engine: Engine, txId: string, body: Record<string, unknown>): Record<string, unknown> {
  const { name, id, query } = txDocId(engine, body);
  const data = parseObject(engine, body.data, 'data', false);
  const merge = body.merge !== false;
  const doc = engine.txRead(txId, name, id);
  if (doc) {
    const next = engine.applyUpdate(doc, data, merge);
    const changed = toEJSON(next) !== toEJSON(doc);
    if (changed) engine.txWrite(txId, name, id, next);
    return { data: { updated: changed ? 1 : 0, upsert_id: null } };
  }
  if (body.upsert !== true) return { data: { updated: 0, upsert_id: null } };
  const base: Doc = { _id: query._id };
  engine.txWrite(txId, name, id, engine.applyUpdate(base, data, merge));
  return { data: { updated: 0, upsert_id: id } };
}

function txRemove(engine: Engine, txId: string, body: Record<string, unknown>): Record<string, unknown> {
  const { name, id } = txDocId(engine, body);
  const doc = engine.txRead(txId, name, id);
  if (doc) engine.txWrite(txId, name, id, null);
  return { data: { deleted: doc ? 1 : 0 } };
}
