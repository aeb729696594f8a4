/** Local mode only (H5 against the emulator): pick a demo identity instead of a WeChat login. */
import type { LocalIdentity, LocalSignInRequest } from '../../types/app';
import { CloudError, getHttpOptions, requestJson } from './cloud';

function isIdentity(value: unknown): value is LocalIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.openid === 'string' && typeof v.label === 'string' && typeof v.description === 'string';
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

/** True in the H5 build, which only ever runs against the local emulator. */
export const isLocalMode = process.env.TARO_ENV === 'h5';
