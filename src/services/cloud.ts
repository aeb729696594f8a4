/**
 * Typed client for the cloud functions.
 *
 * weapp: Taro.cloud.callFunction({ name: domain, data: { action, payload } }) → envelope in res.result.
 * h5:    POST /api/functions/<domain> with { action, payload } → { result: envelope, requestId }
 *        (the local emulator; an unknown function answers 404 { code: 'FUNCTION_NOT_FOUND', errMsg }).
 * Either way the envelope is unwrapped here: data on success, a CloudError otherwise.
 */
import Taro from '@tarojs/taro';
import type { ActionOf, Domain, PayloadOf, ResultOf } from '@contract/api';
import type { ActionEvent } from '@contract/envelope';
import { ERROR_MESSAGES, isErrorCode, type ErrorCode } from '@contract/errors';
import { isRecord } from '@contract/guards';

export class CloudError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly requestId?: string;

  constructor(code: ErrorCode, message?: string, extra: { field?: string; requestId?: string } = {}) {
    super(message && message.length > 0 ? message : ERROR_MESSAGES[code]);
    this.name = 'CloudError';
    this.code = code;
    this.field = extra.field;
    this.requestId = extra.requestId;
    Object.setPrototypeOf(this, CloudError.prototype);
  }
}

/** Any thrown value as a CloudError (unknown failures become INTERNAL). */
export function toCloudError(err: unknown): CloudError {
  if (err instanceof CloudError) return err;
  return new CloudError('INTERNAL');
}

/** Sends one action to one domain function and resolves with the raw envelope, unvalidated. */
export type Transport = (domain: string, event: Required<ActionEvent>) => Promise<unknown>;

// One guard for the app and the emulator (types/guards.ts); storage and photos import it from here.
export { isRecord };

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Turns an envelope into its data, or throws the CloudError it describes. */
export function unwrapEnvelope(raw: unknown): unknown {
  if (!isRecord(raw) || typeof raw.ok !== 'boolean') {
    throw new CloudError('INTERNAL', '服务器返回了无法识别的内容');
  }
  if (raw.ok) return raw.data;
  const code = isErrorCode(raw.code) ? raw.code : 'INTERNAL';
  throw new CloudError(code, optionalString(raw.message), {
    field: optionalString(raw.field),
    requestId: optionalString(raw.requestId),
  });
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  /** Prefix for /api/... URLs: '' in the browser (same origin), absolute in tests. */
  baseUrl?: string;
  fetch?: FetchLike;
}

/** JSON over HTTP to the local emulator, with every failure mapped to a CloudError. */
export async function requestJson(
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown },
  options: HttpOptions = {},
): Promise<{ status: number; body: unknown }> {
  const doFetch: FetchLike | undefined =
    options.fetch ?? (typeof fetch === 'function' ? (input, reqInit) => fetch(input, reqInit) : undefined);
  if (!doFetch) throw new CloudError('NETWORK');
  let response: Response;
  try {
    response = await doFetch(`${options.baseUrl ?? ''}${path}`, {
      method: init.method,
      credentials: 'same-origin',
      headers:
        init.body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new CloudError('NETWORK');
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new CloudError('NETWORK');
  }
  let body: unknown;
  try {
    body = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    throw new CloudError(response.ok ? 'INTERNAL' : statusCode(response.status), response.ok ? '服务器返回了无法识别的内容' : undefined);
  }
  if (!response.ok) {
    const code = isRecord(body) && isErrorCode(body.code) ? body.code : statusCode(response.status);
    const message = isRecord(body) && typeof body.message === 'string' ? body.message : undefined;
    throw new CloudError(code, message, { requestId: isRecord(body) ? optionalString(body.requestId) : undefined });
  }
  return { status: response.status, body };
}

function statusCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  return 'INTERNAL';
}

export function createHttpTransport(options: HttpOptions = {}): Transport {
  return async (domain, event) => {
    const { body } = await requestJson(`/api/functions/${encodeURIComponent(domain)}`, { method: 'POST', body: event }, options);
    if (!isRecord(body) || !('result' in body)) {
      throw new CloudError('INTERNAL', '服务器返回了无法识别的内容');
    }
    return body.result;
  };
}

/** Maps a wx.cloud.callFunction failure (errCode/errMsg) to a CloudError. */
function weappFailure(err: unknown): CloudError {
  const errMsg = isRecord(err) && typeof err.errMsg === 'string' ? err.errMsg : '';
  const errCode = isRecord(err) && typeof err.errCode === 'number' ? err.errCode : 0;
  if (errCode === -501000 || /FunctionName|function not found|FUNCTION_NOT_FOUND/i.test(errMsg)) {
    return new CloudError('FUNCTION_NOT_FOUND');
  }
  return new CloudError('NETWORK');
}

export function createWeappTransport(): Transport {
  return async (domain, event) => {
    let res: Taro.cloud.CallFunctionResult;
    try {
      res = await Taro.cloud.callFunction({ name: domain, data: event });
    } catch (err) {
      throw weappFailure(err);
    }
    return res.result;
  };
}

export interface CloudClient {
  call<D extends Domain, A extends ActionOf<D>>(domain: D, action: A, payload: PayloadOf<D, A>): Promise<ResultOf<D, A>>;
}

export function createCloudClient(transport: Transport): CloudClient {
  return {
    async call<D extends Domain, A extends ActionOf<D>>(domain: D, action: A, payload: PayloadOf<D, A>): Promise<ResultOf<D, A>> {
      const raw = await transport(domain, { action, payload });
      // The envelope's data is typed by the Api contract both sides are checked against.
      return unwrapEnvelope(raw) as ResultOf<D, A>;
    },
  };
}

let httpOptions: HttpOptions = {};
let client: CloudClient | null = null;

/** Points the H5 client elsewhere (tests, or an emulator on another origin). */
export function configureHttp(options: HttpOptions): void {
  httpOptions = options;
  client = null;
}

export function getHttpOptions(): HttpOptions {
  return httpOptions;
}

function defaultClient(): CloudClient {
  if (!client) {
    client = createCloudClient(IS_H5 ? createHttpTransport(httpOptions) : createWeappTransport());
  }
  return client;
}

export function call<D extends Domain, A extends ActionOf<D>>(domain: D, action: A, payload: PayloadOf<D, A>): Promise<ResultOf<D, A>> {
  return defaultClient().call(domain, action, payload);
}
