/** How the database's refusals are recognised, in one place. */

function textOf(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; errCode?: unknown; message?: unknown; errMsg?: unknown };
    return [e.code, e.errCode, e.message, e.errMsg].map((v) => (v === undefined ? '' : String(v))).join(' ');
  }
  return String(err);
}

/** A unique index said no (MongoDB's E11000, passed through by CloudBase). */
export function isDuplicateKey(err: unknown): boolean {
  return /E11000|duplicate key/i.test(textOf(err));
}

/** Another transaction holds a document this one wrote (CloudBase: DATABASE_TRANSACTION_CONFLICT). */
export function isTransactionConflict(err: unknown): boolean {
  return /DATABASE_TRANSACTION_CONFLICT|TransactionBusy|write ?conflict/i.test(textOf(err));
}
