import type { IncomingMessage, ServerResponse } from 'http';
import { AdminError, adminErrorBody, invalidParam } from '../admin-error';
import type { EmulatorDatabase } from '../db';
import { BodyTooLargeError, MB, parseJsonObject, readBody } from '../http/body';
import { newRequestId } from '../http/request-id';
import { sendBuffer, sendJson } from '../http/respond';
import type { Stats } from '../stats';
import type { StorageContext } from '../storage/storage-actions';
import { batchDeleteFile, batchGetDownloadUrl, getUploadMetadata } from '../storage/storage-actions';
import type { FunctionRunner } from '../functions/runner';
import { readFunctionConfig } from '../functions/config';
import { InvocationError } from '../functions/invocation-error';
import { handleOpenApi, type OpenApiContext } from '../openapi';
import { parseMultipart } from './multipart';

/** CloudBase refuses admin requests above this size. */
export const MAX_ADMIN_BODY = 5 * MB;

export interface AdminDeps {
  db: EmulatorDatabase;
  storage: StorageContext;
  runner: FunctionRunner;
  stats: Stats;
  openapi: OpenApiContext;
  functionsDir: string;
}

type Body = Record<string, unknown>;

/** One admin API request (`POST /admin` or `/admin/i/<instanceId>`), dispatched on body.action. */
export async function handleAdmin(deps: AdminDeps, req: IncomingMessage, res: ServerResponse, instanceId: string | null): Promise<void> {
  const requestId = newRequestId();
  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_ADMIN_BODY);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    sendJson(res, 413, { code: 'EXCEED_REQUEST_LIMIT', message: '请求体超过 5 MB 上限 (request body larger than 5 MB)', requestId });
    return;
  }
  const contentType = req.headers['content-type'] ?? '';
  const body = contentType.startsWith('multipart/form-data') ? formBody(raw, contentType) : parseJsonObject(raw);
  if (!body) {
    sendJson(res, 200, adminErrorBody(invalidParam('请求体不是合法的 JSON 对象 (malformed JSON body)'), requestId));
    return;
  }
  const action = typeof body.action === 'string' ? body.action : '';
  const invocation = instanceId ? deps.runner.invocationOf(instanceId) : null;
  deps.stats.adminRequest(action || '(none)', invocation?.requestId ?? null);
  try {
    if (action === 'wx.openApi') {
      const functionName = instanceId ? deps.runner.functionOfInstance(instanceId) : null;
      const allowed = functionName ? (readFunctionConfig(deps.functionsDir, functionName).openapi ?? []) : null;
      const apiName = typeof body.apiName === 'string' ? body.apiName : '';
      const requestData = Buffer.isBuffer(body.requestData) ? body.requestData : Buffer.alloc(0);
      sendBuffer(res, 200, await handleOpenApi(deps.openapi, apiName, requestData, allowed), 'application/octet-stream');
      return;
    }
    const result = await dispatch(deps, action, body, instanceId);
    sendJson(res, 200, { requestId, ...result });
  } catch (err) {
    if (err instanceof AdminError) {
      sendJson(res, err.httpStatus, adminErrorBody(err, requestId));
      return;
    }
    console.error(`[emulator] admin ${action} failed (${requestId}):`, err);
    sendJson(res, 200, { code: 'SYS_ERR', message: err instanceof Error ? err.message : String(err), requestId });
  }
}

async function dispatch(deps: AdminDeps, action: string, body: Body, instanceId: string | null): Promise<Body> {
  // The instance names the caller, so the database warns only about its own open transaction.
  if (action.startsWith('database.')) return deps.db.handle(action, body, instanceId);
  switch (action) {
    case 'storage.getUploadMetadata':
      return getUploadMetadata(deps.storage, body);
    case 'storage.batchGetDownloadUrl':
      return batchGetDownloadUrl(deps.storage, body);
    case 'storage.batchDeleteFile':
      return batchDeleteFile(deps.storage, body);
    case 'functions.invokeFunction':
      return invokeFromFunction(deps, body, instanceId);
    case '':
      throw invalidParam('缺少 action (missing action)');
    default:
      throw new AdminError('INVALID_PARAM', `不支持的 action: ${action} (unsupported action)`, -501007);
  }
}

/** cloud.callFunction inside a function: the callee runs with the caller's OPENID. */
async function invokeFromFunction(deps: AdminDeps, body: Body, instanceId: string | null): Promise<Body> {
  const name = typeof body.function_name === 'string' ? body.function_name : '';
  const data = typeof body.request_data === 'string' ? body.request_data : '';
  let event: unknown = {};
  if (data) {
    try {
      event = JSON.parse(data);
    } catch {
      throw invalidParam('request_data 不是合法的 JSON');
    }
  }
  const caller = instanceId ? deps.runner.invocationOf(instanceId) : null;
  try {
    const { result } = await deps.runner.invoke(name, event, {
      openid: caller?.openid ?? '',
      source: 'wx_function',
      parentRequestId: caller?.requestId ?? null,
    });
    return { data: { response_data: JSON.stringify(result ?? null) } };
  } catch (err) {
    if (err instanceof InvocationError) throw new AdminError(err.code, err.message, err.errCode);
    throw err;
  }
}

function formBody(raw: Buffer, contentType: string): Body | null {
  const fields = parseMultipart(raw, contentType);
  if (!fields) return null;
  const body: Body = {};
  for (const [key, value] of Object.entries(fields)) body[key] = key === 'requestData' ? value : value.toString('utf8');
  return body;
}
