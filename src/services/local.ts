/** Local mode only (H5 against the emulator): pick a demo identity instead of a WeChat login. */
import type { LocalClock, LocalClockChange, LocalClockMoved, LocalIdentity, LocalInboxMessage, LocalSignInRequest } from '@contract/app';
import { CloudError, getHttpOptions, requestJson } from './cloud';

function isIdentity(value: unknown): value is LocalIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.openid === 'string' && typeof v.label === 'string' && typeof v.description === 'string' && typeof v.group === 'string';
}

export async function listIdentities(): Promise<LocalIdentity[]> {
  const { body } = await requestJson('/api/local/identities', { method: 'GET' }, getHttpOptions());
  const list = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).identities : undefined;
  if (!Array.isArray(list) || !list.every(isIdentity)) {
    throw new CloudError('INTERNAL', '服务器返回了无法识别的内容');
  }
  return list;
}

export async function signIn(openid: string): Promise<void> {
  const body: LocalSignInRequest = { openid };
  await requestJson('/api/local/sign-in', { method: 'POST', body }, getHttpOptions());
}

export async function signOut(): Promise<void> {
  await requestJson('/api/local/sign-out', { method: 'POST', body: {} }, getHttpOptions());
}

function isInboxMessage(value: unknown): value is LocalInboxMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.msgid === 'string' &&
    typeof v.templateId === 'string' &&
    typeof v.sentAt === 'string' &&
    (v.page === null || typeof v.page === 'string') &&
    typeof v.data === 'object' &&
    v.data !== null
  );
}

/**
 * The subscription messages the emulator delivered to the signed-in local identity, newest first
 * (GET /api/local/session, then GET /api/_emulator/inbox?touser=…). UNAUTHENTICATED when signed out.
 */
export async function listInbox(): Promise<LocalInboxMessage[]> {
  const session = await requestJson('/api/local/session', { method: 'GET' }, getHttpOptions());
  const openid = typeof session.body === 'object' && session.body !== null ? (session.body as Record<string, unknown>).openid : undefined;
  if (typeof openid !== 'string' || !openid) throw new CloudError('UNAUTHENTICATED');
  const { body } = await requestJson(`/api/_emulator/inbox?touser=${encodeURIComponent(openid)}`, { method: 'GET' }, getHttpOptions());
  const list = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).messages : undefined;
  if (!Array.isArray(list) || !list.every(isInboxMessage)) {
    throw new CloudError('INTERNAL', '服务器返回了无法识别的内容');
  }
  return [...list].sort((a, b) => (a.sentAt < b.sentAt ? 1 : a.sentAt > b.sentAt ? -1 : 0));
}

function isClock(value: unknown): value is LocalClock {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.now === 'string' && typeof v.offsetMs === 'number';
}

function isMoved(value: unknown): value is LocalClockMoved {
  return isClock(value) && Array.isArray((value as { fired?: unknown }).fired);
}

/** The emulator's clock: the emulated "now" and how far it runs ahead of real time (GET /api/_emulator/clock). */
export async function getClock(): Promise<LocalClock> {
  const { body } = await requestJson('/api/_emulator/clock', { method: 'GET' }, getHttpOptions());
  if (!isClock(body)) throw new CloudError('INTERNAL', '服务器返回了无法识别的内容');
  return body;
}

/** Moves the emulator's clock ahead, or back to real time with `{ offsetMs: 0 }`; resolves after the timers it made due ran. */
export async function moveClock(change: LocalClockChange): Promise<LocalClockMoved> {
  const { body } = await requestJson('/api/_emulator/clock', { method: 'POST', body: change }, getHttpOptions());
  if (!isMoved(body)) throw new CloudError('INTERNAL', '服务器返回了无法识别的内容');
  return body;
}
