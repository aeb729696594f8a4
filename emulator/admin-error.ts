/**
 * An error the CloudBase admin API answers with: `code` is CloudBase's string code (for example
 * DATABASE_COLLECTION_NOT_EXIST), `errCode` the numeric one where CloudBase has one (-502005).
 * The server turns it into the JSON body the pinned SDK parses.
 */
export class AdminError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errCode?: number,
    readonly httpStatus = 200,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

export function invalidParam(message: string): AdminError {
  return new AdminError('INVALID_PARAM', message, -501007);
}

/**
 * The body CloudBase answers an admin call with when it fails. The pinned SDK checks `res.code`
 * (a string such as INVALID_PARAM) and wx-server-sdk maps it to its numeric errCode; always HTTP 200,
 * the same shape the database answers with (see emulator/db/index.ts).
 */
export interface AdminErrorBody {
  code: string;
  message: string;
  requestId: string;
}

export function adminErrorBody(err: AdminError, requestId: string): AdminErrorBody {
  return { code: err.code, message: err.message, requestId };
}
