/**
 * One change and its audit record, written together or not at all: a transaction of single-document
 * writes (doc(id).set/update/remove and add), the only writes CloudBase runs inside a transaction (a
 * where() update would run outside it). Domains describe the writes on a `Work`; nothing else in the
 * code starts a transaction.
 *
 * Designed for CloudBase's rules: a transaction locks a document when it writes it, a second
 * transactional writer fails at its write (retried here, with a short backoff), a plain write waits,
 * reads take no lock, and a transaction must commit within 30 s. Because reads take no lock, a change
 * that must happen once (a binding, a chunk of an import, closing a session) is not guarded by reading
 * first: it names a key (`once`) that becomes the audit entry's id, so of two racing writers the second
 * fails with a duplicate key, whatever the timing.
 */
import type { Org } from '../../../types/models';
import { lineage } from '../../../types/scope';
import type { CollectionName } from '../collections';
import { db } from '../cloud';
import { AppError } from '../errors';
import { isTransactionConflict } from './db-errors';
import type { Repository, Where, Writable } from './repository';

interface TxDocument {
  set(o: { data: object }): Promise<unknown>;
  update(o: { data: object }): Promise<unknown>;
  remove(): Promise<unknown>;
}
interface TxCollection {
  doc(id: string): TxDocument;
  add(o: { data: object }): Promise<unknown>;
}
interface Transaction {
  collection(name: CollectionName): TxCollection;
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
}

/** What the audit log keeps of one change; the actor and the server's time are added. */
export interface AuditLine {
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  /** Where in the tree: the org touched (its lineage is stored) or the org path itself. */
  scope?: Pick<Org, '_id' | 'ancestors'> | readonly string[];
  /**
   * The change happens at most once for this key: it becomes the audit entry's id, so a second
   * transaction with the same key fails with a duplicate key (see isDuplicateKey) and writes nothing.
   */
  once?: string;
}

const MAX_ATTEMPTS = 5;
const BUSY = '数据正被他人修改，请稍后重试';

/** The writes of one change, queued on one transaction (opened by the first write, one request at a time). */
export class Work {
  private tx: Promise<Transaction> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private failure: unknown = null;
  private audits = 0;

  /** `audited` false: a secret ballot's transaction, which must not say who wrote it (see withoutAudit). */
  constructor(
    private readonly actor: string,
    private readonly audited = true,
  ) {}

  /** A new document; its id (given, or the database's). */
  async insert<T extends { _id: string }>(repo: Repository<T>, doc: Writable<Omit<T, '_id'>> & { _id?: string }): Promise<string> {
    const res = (await this.write(repo.name, (c) => c.add({ data: doc }))) as { _id?: string; id?: string };
    const id = doc._id ?? res._id ?? res.id;
    if (!id) throw new Error(`transaction add to ${repo.name} returned no id`);
    return id;
  }

  /** Creates or replaces the document with this id. */
  async put<T extends { _id: string }>(repo: Repository<T>, doc: Writable<Omit<T, '_id'>> & { _id: string }): Promise<void> {
    const { _id, ...rest } = doc;
    await this.write(repo.name, (c) => c.doc(_id).set({ data: rest }));
  }

  /** Changes some fields (update operators allowed); how many documents changed (0 or 1). */
  async patch<T extends { _id: string }>(repo: Repository<T>, id: string, changes: Partial<Omit<T, '_id'>> | Where): Promise<number> {
    const res = (await this.write(repo.name, (c) => c.doc(id).update({ data: changes }))) as { stats?: { updated?: number } };
    return res.stats?.updated ?? 0;
  }

  async remove<T extends { _id: string }>(repo: Repository<T>, id: string): Promise<void> {
    await this.write(repo.name, (c) => c.doc(id).remove());
  }

  /** The audit entry of this change: who (the actor), what, which document, before and after, where. */
  async audit(line: AuditLine): Promise<void> {
    const { scope, once, ...rest } = line;
    const where = scope === undefined ? {} : { scope: isPath(scope) ? [...scope] : lineage(scope) };
    this.audits += 1;
    await this.write('audit', (c) =>
      c.add({ data: { ...(once ? { _id: once } : {}), actor: this.actor, ...rest, ...where, at: db().serverDate() } }),
    );
  }

  private write(name: CollectionName, op: (c: TxCollection) => Promise<unknown>): Promise<unknown> {
    // One request at a time: a transaction is one session, and its commands run in order.
    const next = this.queue.then(async () => op((await this.begin()).collection(name)));
    this.queue = next.catch((err: unknown) => {
      this.failure ??= err;
    });
    return next;
  }

  private begin(): Promise<Transaction> {
    this.tx ??= db().startTransaction() as Promise<Transaction>;
    return this.tx;
  }

  /** @internal Commits what was queued; a change without an audit entry is a programming error. */
  async commit(): Promise<void> {
    await this.queue;
    if (this.failure) throw this.failure;
    if (!this.tx) return;
    if (this.audited && this.audits === 0) throw new Error('a change without its audit record');
    await (await this.tx).commit();
    this.tx = null;
  }

  /** @internal Rolls back after a failure (a failed commit has already ended the transaction). */
  async abandon(): Promise<void> {
    const tx = this.tx;
    this.tx = null;
    if (!tx) return;
    await this.queue;
    try {
      await (await tx).rollback();
    } catch {
      // Nothing to roll back: the transaction ended with its failed commit or never started.
    }
  }
}

const isPath = (scope: AuditLine['scope']): scope is readonly string[] => Array.isArray(scope);

const pause = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, 15 * 2 ** attempt + Math.floor(Math.random() * 20)));

/**
 * Runs `work` in one transaction and commits it: the change and its audit record land together or not
 * at all. `work` may run again when another transaction holds a document it writes, so it must only
 * read and queue writes. A refusal (AppError) or any other error rolls everything back. After repeated
 * lock conflicts the caller gets CONFLICT.
 */
export function withAudit<R>(actor: string, work: (w: Work) => Promise<R>): Promise<R> {
  return run(() => new Work(actor), work);
}

/**
 * The same, without an audit record: only for a secret ballot, whose audit line (who, and when) would let the
 * stored order of the ballots name their voters. The marker it writes is the record that someone voted.
 */
export function withoutAudit<R>(work: (w: Work) => Promise<R>): Promise<R> {
  return run(() => new Work('', false), work);
}

async function run<R>(start: () => Work, work: (w: Work) => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const w = start();
    try {
      const result = await work(w);
      await w.commit();
      return result;
    } catch (err) {
      await w.abandon();
      if (!isTransactionConflict(err)) throw err;
      if (attempt >= MAX_ATTEMPTS) throw new AppError('CONFLICT', BUSY);
      await pause(attempt);
    }
  }
}
