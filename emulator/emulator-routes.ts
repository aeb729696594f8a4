import type { IncomingMessage, ServerResponse } from 'http';
import { sendJson } from './http/respond';
import { readFunctionConfig } from './functions/config';
import { invokeAndReply } from './functions/app-route';
import type { FunctionRunner } from './functions/runner';
import { timerEvent } from './functions/timers';
import type { Inbox } from './openapi/inbox';
import type { Stats } from './stats';

export interface EmulatorRouteDeps {
  runner: FunctionRunner;
  stats: Stats;
  inbox: Inbox;
  functionsDir: string;
}

/** `/api/_emulator/*`: stats, the subscription-message inbox, firing timers. False when nothing matched. */
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
  const timer = /^\/api\/_emulator\/timers\/([^/]+)\/([^/]+)$/.exec(path);
  if (timer && method === 'POST') {
    const [fn, trigger] = [decodeURIComponent(timer[1]), decodeURIComponent(timer[2])];
    if (!deps.runner.exists(fn) || !readFunctionConfig(deps.functionsDir, fn).timers.some((t) => t.name === trigger)) {
      sendJson(res, 404, { errCode: -501000, errMsg: `TIMER_NOT_FOUND: ${fn}/${trigger}`, code: 'TIMER_NOT_FOUND' });
      return true;
    }
    await invokeAndReply(deps.runner, deps.stats, res, fn, timerEvent(trigger, new Date()), { openid: '', source: 'timer' });
    return true;
  }
  return false;
}
