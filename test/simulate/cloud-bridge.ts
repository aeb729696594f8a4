/**
 * wx.cloud for the simulated weapp, answered by the local emulator the test environment started
 * (environment.ts): the same function bundles, database and storage the H5 build uses, as one demo
 * identity. The identity travels the way the functions tests send it (the x-strive-openid header), so
 * each function runs with that OPENID in its WX context, as CloudBase runs it for a signed-in user.
 *
 *   callFunction   POST /api/functions/<name> {action, payload} → { result, requestId }
 *   uploadFile     POST /api/local/upload?cloudPath=… (raw bytes) → { fileID }
 *   getTempFileURL the admin API's storage.batchGetDownloadUrl (the emulator has no client route for it;
 *                  CloudBase's storage read rules are not modelled) → tempFileURL per file, 50 files a call
 */
import http from 'http';
import { type CloudBackend, type TempFileItem, WxCloudError } from './weapp-host';
import { EMULATOR_URL_GLOBAL } from './globals';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function post(url: string, body: Buffer, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = null;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = { errMsg: text };
        }
        resolve({ status: res.statusCode ?? 0, body: isRecord(parsed) ? parsed : {} });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** GET a URL the emulator handed out (a temp file URL): its status, content type and bytes. */
export function fetchBytes(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The emulator this test file runs against (a file asks for one with the @strive-emulator pragma). */
export function emulatorUrl(): string {
  const url = (globalThis as unknown as Record<string, unknown>)[EMULATOR_URL_GLOBAL];
  if (typeof url !== 'string') throw new Error('no emulator: add the @strive-emulator pragma to the test file docblock');
  return url;
}

function failure(api: string, reply: Reply): WxCloudError {
  const errCode = typeof reply.body.errCode === 'number' ? reply.body.errCode : -1;
  const detail = typeof reply.body.errMsg === 'string' ? reply.body.errMsg : `HTTP ${reply.status}`;
  return new WxCloudError(api, errCode, detail);
}

/** A wx.cloud backend that calls the emulator as whoever `openid()` names at the time of the call. */
export function emulatorCloud(openid: () => string, url = emulatorUrl()): CloudBackend {
  const identity = (): Record<string, string> => {
    const id = openid();
    return id ? { 'x-strive-openid': id } : {};
  };
  return {
    async callFunction({ name, data }) {
      const reply = await post(`${url}/api/functions/${encodeURIComponent(name)}`, Buffer.from(JSON.stringify(data ?? {})), {
        'content-type': 'application/json',
        ...identity(),
      });
      if (reply.status !== 200) throw failure('callFunction', reply);
      return { result: reply.body.result, requestId: String(reply.body.requestId ?? '') };
    },
    async uploadFile({ cloudPath }, content) {
      const reply = await post(`${url}/api/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`, content, {
        'content-type': 'application/octet-stream',
        ...identity(),
      });
      if (reply.status !== 200 || typeof reply.body.fileID !== 'string') throw failure('uploadFile', reply);
      return { fileID: reply.body.fileID };
    },
    async getTempFileURL(fileList) {
      const body = { action: 'storage.batchGetDownloadUrl', file_list: fileList.map((f) => ({ fileid: f.fileID, max_age: f.maxAge })) };
      const reply = await post(`${url}/admin`, Buffer.from(JSON.stringify(body)), { 'content-type': 'application/json' });
      const data = isRecord(reply.body.data) ? reply.body.data : null;
      if (reply.status !== 200 || !data || !Array.isArray(data.download_list)) {
        const message = typeof reply.body.message === 'string' ? reply.body.message : `HTTP ${reply.status}`;
        throw new WxCloudError('getTempFileURL', -501007, message);
      }
      return data.download_list.filter(isRecord).map((item): TempFileItem => ({
        fileID: String(item.fileID ?? ''),
        tempFileURL: String(item.tempFileURL ?? ''),
        maxAge: Number(item.maxAge ?? 0),
        status: item.code === 'SUCCESS' ? 0 : -1,
        errMsg: item.code === 'SUCCESS' ? 'ok' : String(item.code ?? 'fail'),
      }));
    },
  };
}

/** One function call as `openid`, outside any page: for looking up ids a page's query needs. */
export async function callAs<T>(openid: string, name: string, action: string, payload: unknown = {}): Promise<T> {
  const { result } = await emulatorCloud(() => openid).callFunction({ name, data: { action, payload } });
  if (!isRecord(result) || result.ok !== true) throw new Error(`${name}.${action} as ${openid} failed: ${JSON.stringify(result)}`);
  return result.data as T;
}
