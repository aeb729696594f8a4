import type { IncomingMessage, ServerResponse } from 'http';
import type { LocalClock, LocalClockMoved } from '../types/app';
import { ClockOffsetError, type ClockMove, type EmulatorClock } from './clock';
import { MB, parseJsonObject, readBody } from './http/body';
import { sendJson } from './http/respond';
import { readFunctionConfig } from './functions/config';
import { invokeAndReply } from './functions/app-route';
import type { FunctionRunner } from './functions/runner';
import { timerEvent } from './functions/timers';
import type { Inbox } from './openapi/inbox';
import type { MediaCheckQueue } from './openapi/media-check';
import type { Stats } from './stats';

export interface EmulatorRouteDeps {
  runner: FunctionRunner;
  stats: Stats;
  inbox: Inbox;
  functionsDir: string;
  clock: EmulatorClock;
  setClockOffset(offsetMs: number): Promise<ClockMove>;
  mediaChecks?: MediaCheckQueue;
}

const clockReply = (now: Date, offsetMs: number): LocalClock => ({ now: now.toISOString(), offsetMs });

/**
 * `GET /api/_emulator/clock` → LocalClock; `POST` with `{ advanceMs }` (move ahead) or `{ offsetMs }`
 * (set the shift; 0 = real time) → LocalClockMoved, after the timer runs the move made due.
 */
async function handleClock(deps: EmulatorRouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET') {
    sendJson(res, 200, clockReply(deps.clock.now(), deps.clock.offsetMs()));
    return;
  }
  const body = parseJsonObject(await readBody(req, MB));
  const offsetMs = typeof body?.advanceMs === 'number' ? deps.clock.offsetMs() + body.advanceMs : body?.offsetMs;
  try {
    if (typeof offsetMs !== 'number')
      throw new ClockOffsetError('请求体需要 advanceMs 或 offsetMs (expected { advanceMs } or { offsetMs })');
    const moved = await deps.setClockOffset(offsetMs);
    const reply: LocalClockMoved = { ...clockReply(moved.now, moved.offsetMs), fired: moved.fired };
    sendJson(res, 200, reply);
  } catch (err) {
    if (!(err instanceof ClockOffsetError)) throw err;
    sendJson(res, 400, { errCode: -501007, errMsg: `INVALID_PARAM: ${err.message}`, code: 'INVALID_PARAM' });
  }
}

/** `/api/_emulator/*`: stats, the subscription-message inbox, firing timers, the clock. False when nothing matched. */
export async function handleEmulatorRoute(deps: EmulatorRouteDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  if (path === '/api/_emulator/stats' && method === 'GET') {
    sendJson(res, 200, deps.stats.snapshot());
    return true;
  }
  if (path === '/api/_emulator/stats/reset' && method === 'POST') {
    deps.stats.reset();
    sendJson(res, 200, { ok: true });
    return true;
  }
  if (path === '/api/_emulator/inbox') {
    const touser = url.searchParams.get('touser');
    if (method === 'GET') {
      sendJson(res, 200, { messages: deps.inbox.list(touser) });
      return true;
    }
    if (method === 'DELETE') {
      sendJson(res, 200, { deleted: deps.inbox.clear(touser) });
      return true;
    }
  }
  if (path === '/api/_emulator/media-check/rules' && method === 'POST' && deps.mediaChecks) {
    // { sha256, suggest: 'risky' | 'review' | 'pass', early? }: the verdict mediaCheckAsync pushes for that image
    // (early: pushed before the call answers its trace id).
    const body = parseJsonObject(await readBody(req, MB));
    const sha256 = typeof body?.sha256 === 'string' ? body.sha256 : '';
    const suggest = body?.suggest;
    if (!/^[0-9a-f]{64}$/i.test(sha256) || (suggest !== 'risky' && suggest !== 'review' && suggest !== 'pass')) {
      sendJson(res, 400, {
        errCode: -501007,
        errMsg: 'INVALID_PARAM: expected { sha256, suggest: risky|review|pass }',
        code: 'INVALID_PARAM',
      });
      return true;
    }
    deps.mediaChecks.setRule(sha256, suggest, body?.early === true);
    sendJson(res, 200, { ok: true, pending: deps.mediaChecks.size() });
    return true;
  }
  if (path === '/api/_emulator/clock' && (method === 'GET' || method === 'POST')) {
    await handleClock(deps, req, res);
    return true;
  }
  const timer = /^\/api\/_emulator\/timers\/([^/]+)\/([^/]+)$/.exec(path);
  if (timer && method === 'POST') {
    const [fn, trigger] = [decodeURIComponent(timer[1]), decodeURIComponent(timer[2])];
    if (!deps.runner.exists(fn) || !readFunctionConfig(deps.functionsDir, fn).timers.some((t) => t.name === trigger)) {
      sendJson(res, 404, { errCode: -501000, errMsg: `TIMER_NOT_FOUND: ${fn}/${trigger}`, code: 'TIMER_NOT_FOUND' });
      return true;
    }
    await invokeAndReply(deps.runner, deps.stats, res, fn, timerEvent(trigger, deps.clock.now()), { openid: '', source: 'timer' });
    return true;
  }
  return false;
}
