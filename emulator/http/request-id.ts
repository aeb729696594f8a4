import { randomUUID } from 'crypto';

/** A CloudBase-style request id (32 hex characters): admin replies and function invocations carry one. */
export function newRequestId(): string {
  return randomUUID().replace(/-/g, '');
}
