import type { IncomingMessage, ServerResponse } from 'http';
import type { EmulatorDatabase } from '../db';
import { MB, parseJsonObject, readBody } from '../http/body';
import { getCookie, sendJson, setCookieHeader } from '../http/respond';
import { listIdentities } from './identities';

export const OPENID_COOKIE = 'strive_openid';
export const OPENID_HEADER = 'x-strive-openid';

/** The local-mode identity of an app request: cookie, or the test header; '' when signed out. */
export function openidOf(req: IncomingMessage): string {
  const header = req.headers[OPENID_HEADER];
  if (typeof header === 'string' && header) return header;
  return getCookie(req, OPENID_COOKIE) ?? '';
}

/** `/api/local/*`: pick a demo identity in the H5 app (local mode only). Returns false when no route matched. */
export async function handleLocalSession(
  db: EmulatorDatabase,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  const route = `${req.method ?? ''} ${pathname}`;
  switch (route) {
    case 'GET /api/local/identities':
      sendJson(res, 200, { identities: await listIdentities(db) });
      return true;
    case 'GET /api/local/session': {
      const openid = openidOf(req);
      sendJson(res, 200, { openid: openid || null });
      return true;
    }
    case 'POST /api/local/sign-in': {
      const body = parseJsonObject(await readBody(req, MB));
      const openid = body && typeof body.openid === 'string' ? body.openid.trim() : '';
      if (!openid || openid.length > 128 || /[;,\s]/.test(openid)) {
        sendJson(res, 400, { errCode: -501007, errMsg: 'openid 不合法', code: 'INVALID_PARAM' });
        return true;
      }
      sendJson(res, 200, { openid }, { 'set-cookie': setCookieHeader(OPENID_COOKIE, openid) });
      return true;
    }
    case 'POST /api/local/sign-out':
      sendJson(res, 200, { openid: null }, { 'set-cookie': setCookieHeader(OPENID_COOKIE, '', 0) });
      return true;
    default:
      return false;
  }
}
