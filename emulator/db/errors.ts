/**
 * The CloudBase errors this database answers with. `code` is what the SDK sees as `err.code` (node-sdk)
 * and maps to `errCode` (wx-server-sdk's TCB_ERR_CODE table; unknown codes become -501001).
 */
import { AdminError } from '../admin-error';

/** The data directory cannot be used as it is. Never raised after wiping anything. */
export class DataDirError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(
      `数据库目录无法使用: ${path}（${detail}）。数据未被修改；如需清空本地数据请运行 npm run reset。\n` +
        `The emulator database at ${path} is unreadable or corrupt (${detail}). Nothing was changed; ` +
        `run "npm run reset" to start from an empty store.`,
    );
    this.name = 'DataDirError';
  }
}

export const collectionNotExist = (name: string): AdminError =>
  new AdminError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem persists, contact us.`,
    -502005,
  );

export const collectionExists = (name: string): AdminError =>
  new AdminError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}.`, -501001);

/** MongoDB's E11000 text, which CloudBase passes through; callers detect it by /E11000|duplicate key/. */
export const duplicateKey = (coll: string, index: string, key: string): AdminError =>
  new AdminError(
    'DATABASE_REQUEST_FAILED',
    `[DuplicateWrite] E11000 duplicate key error collection: ${coll} index: ${index} dup key: ${key}`,
    -502001,
  );

export const invalidParam = (message: string): AdminError => new AdminError('INVALID_PARAM', message, -501007);

export const requestFailed = (message: string): AdminError => new AdminError('DATABASE_REQUEST_FAILED', message, -502001);

/**
 * A transaction wrote a document another transaction holds, or one changed since its snapshot. Code and
 * text as the admin SDK's tests expect (tcb-admin-node test/database/unit/transaction.test.ts);
 * wx-server-sdk keeps only the text (errCode -501001), @cloudbase/database's runTransaction retries on the code.
 */
export const transactionConflict = (): AdminError =>
  new AdminError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
    -501001,
  );

/** A call on a transaction that committed, rolled back, was aborted, expired (30 s) or never existed. */
export const transactionNotExist = (): AdminError =>
  new AdminError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
    -501001,
  );
