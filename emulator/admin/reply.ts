import { randomUUID } from 'crypto';
import { AdminError } from '../admin-error';

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

export function newRequestId(): string {
  return randomUUID().replace(/-/g, '');
}

export function adminErrorBody(err: AdminError, requestId: string): AdminErrorBody {
  return { code: err.code, message: err.message, requestId };
}

export function invalidParam(message: string): AdminError {
  return new AdminError('INVALID_PARAM', message, -501007);
}
