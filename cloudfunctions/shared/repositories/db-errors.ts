/**
 * How the database's refusals are recognised, in one place, by their codes. wx-server-sdk 4.0.2 maps
 * CloudBase's string code to a number (TCB_ERR_CODE; a code it does not know becomes -501001) and keeps
 * CloudBase's message, so from inside a function a refusal is `{ errCode, errMsg }`; only a transaction's
 * commit/rollback passes @cloudbase/node-sdk's TcbError `{ code, message }` through unchanged.
 * test/emulator/db-sdk.test.ts pins both shapes against the emulator.
 */

interface DbError {
  /** CloudBase's string code (TcbError), e.g. DATABASE_TRANSACTION_CONFLICT. */
  code?: unknown;
  /** wx-server-sdk's numeric code, e.g. -502001. */
  errCode?: unknown;
  message?: unknown;
  errMsg?: unknown;
}

const DATABASE_REQUEST_FAILED = -502001;
const SYS_ERR = -501001;

function fields(err: unknown): { code: unknown; errCode: unknown; text: string } {
  if (!err || typeof err !== 'object') return { code: undefined, errCode: undefined, text: '' };
  const e = err as DbError;
  const text = [e.errMsg, e.message].filter((v): v is string => typeof v === 'string').join(' ');
  return { code: e.code, errCode: e.errCode, text };
}

/**
 * A unique index said no. CloudBase answers DATABASE_REQUEST_FAILED (errCode -502001) carrying MongoDB's
 * duplicate-key error code 11000 ("E11000 duplicate key error ..."), the only mark that tells it from other
 * failed requests; the HTTP API's own code DATABASE_DUPLICATE_WRITE is accepted too.
 */
export function isDuplicateKey(err: unknown): boolean {
  const { code, errCode, text } = fields(err);
  if (code === 'DATABASE_DUPLICATE_WRITE') return true;
  const failedRequest = code === 'DATABASE_REQUEST_FAILED' || errCode === DATABASE_REQUEST_FAILED;
  return failedRequest && /\bE11000 duplicate key error\b/.test(text);
}

/**
 * Another transaction holds a document this one wrote, or it changed since the snapshot. CloudBase's code is
 * DATABASE_TRANSACTION_CONFLICT; through wx-server-sdk it arrives as errCode -501001 with CloudBase's
 * "[ResourceUnavailable.TransactionConflict]" (or TransactionBusy) tag.
 */
export function isTransactionConflict(err: unknown): boolean {
  const { code, errCode, text } = fields(err);
  if (code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  return errCode === SYS_ERR && /\[ResourceUnavailable\.Transaction(?:Conflict|Busy)\]/.test(text);
}
