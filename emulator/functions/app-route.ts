import type { IncomingMessage, ServerResponse } from 'http';
import { MB, parseJsonObject, readBody } from '../http/body';
import { sendJson } from '../http/respond';
import { openidOf } from '../local/session-routes';
import type { Stats } from '../stats';
import { InvocationError } from './invocation-error';
import type { Caller, FunctionRunner } from './runner';

export const DB_REQUESTS_HEADER = 'x-emulator-db-requests';

/** CloudBase's cap on the data of one callFunction. */
const MAX_EVENT = 5 * MB;

/**
 * Runs a function and answers like wx.cloud.callFunction: 200 `{ result, requestId }`, or an error
 * status with `{ errCode, errMsg, code, requestId }`. Adds the database requests it caused as a header.
 */
export async function invokeAndReply(
  runner: FunctionRunner,
  stats: Stats,
  res: ServerResponse,
  name: string,
  event: unknown,
  caller: Caller,
): Promise<void> {
  try {
    const { result, requestId } = await runner.invoke(name, event, caller);
    const dbRequests = String(stats.dbRequestsOf(requestId));
    sendJson(res, 200, { result, requestId }, { [DB_REQUESTS_HEADER]: dbRequests });
  } catch (err) {
    if (!(err instanceof InvocationError)) throw err;
    const status = err.code === 'FUNCTION_NOT_FOUND' ? 404 : err.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED' ? 504 : 500;
    const errMsg = err.code === 'FUNCTION_NOT_FOUND' ? err.message : `${err.code}: ${err.message}`;
    sendJson(
      res,
      status,
      { errCode: err.errCode, errMsg, code: err.code, requestId: err.requestId },
      { [DB_REQUESTS_HEADER]: String(stats.dbRequestsOf(err.requestId)) },
    );
  }
}

/** `POST /api/functions/:name` from the app with `{ action, payload }`. */
export async function handleAppCall(
  runner: FunctionRunner,
  stats: Stats,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
): Promise<void> {
  if (!runner.exists(name)) {
    sendJson(res, 404, { errCode: -501000, errMsg: `FUNCTION_NOT_FOUND: ${name}`, code: 'FUNCTION_NOT_FOUND' });
    return;
  }
  const raw = await readBody(req, MAX_EVENT);
  const event = raw.length === 0 ? {} : parseJsonObject(raw);
  if (!event) {
    sendJson(res, 400, { errCode: -501007, errMsg: 'INVALID_PARAM: 请求体不是合法的 JSON 对象', code: 'INVALID_PARAM' });
    return;
  }
  await invokeAndReply(runner, stats, res, name, event, { openid: openidOf(req), source: 'wx_client' });
}
