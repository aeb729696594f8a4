/** The H5 cloud client against a real HTTP server: envelope unwrapping and every failure path. */
import { CloudError, call, configureHttp, createCloudClient, createHttpTransport } from '../../src/services/cloud';
import { listIdentities, signIn } from '../../src/services/local';
import { ping, whoami } from '../../src/services/system';
import { SECRETARY } from '../fixtures/whoami';
import { deadBaseUrl, envelope } from './api-server';
import { apiServerPerTest } from './helpers';

const me = SECRETARY;

const server = apiServerPerTest();

async function failure(promise: Promise<unknown>): Promise<CloudError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CloudError) return err;
    throw new Error(`expected a CloudError, got ${String(err)}`);
  }
  throw new Error('expected the call to fail');
}

test('unwraps a successful envelope and posts { action, payload } as JSON', async () => {
  server.handle('/api/functions/system', { body: envelope(me) });
  await expect(whoami()).resolves.toEqual(me);
  expect(server.received).toHaveLength(1);
  expect(server.received[0]).toMatchObject({
    method: 'POST',
    url: '/api/functions/system',
    body: { action: 'whoami', payload: {} },
  });
  expect(server.received[0].contentType).toMatch(/application\/json/);
});

test('the typed call() routes by domain and action', async () => {
  server.handle('/api/functions/system', (body) => {
    const action = (body as { action: string }).action;
    return action === 'ping' ? { body: envelope({ pong: true, serverTime: '2026-01-01T00:00:00.000Z' }) } : { status: 500, body: {} };
  });
  await expect(call('system', 'ping', {})).resolves.toEqual({ pong: true, serverTime: '2026-01-01T00:00:00.000Z' });
  await expect(ping()).resolves.toMatchObject({ pong: true });
});

test('an error envelope becomes a CloudError with code, message, field and requestId', async () => {
  server.handle('/api/functions/system', {
    body: {
      result: { ok: false, code: 'INVALID_ARGUMENT', message: '学号格式不正确', field: 'studentNo', requestId: 'req-42' },
      requestId: 'req-42',
    },
  });
  const err = await failure(whoami());
  expect(err).toBeInstanceOf(Error);
  expect(err.name).toBe('CloudError');
  expect(err.code).toBe('INVALID_ARGUMENT');
  expect(err.message).toBe('学号格式不正确');
  expect(err.field).toBe('studentNo');
  expect(err.requestId).toBe('req-42');
});

test('an error envelope without a message falls back to the Chinese text of its code', async () => {
  server.handle('/api/functions/system', {
    body: { result: { ok: false, code: 'FORBIDDEN', message: '', requestId: 'r' }, requestId: 'r' },
  });
  const err = await failure(whoami());
  expect(err.code).toBe('FORBIDDEN');
  expect(err.message).toBe('没有权限进行此操作');
});

test('an unknown function answers 404 → FUNCTION_NOT_FOUND', async () => {
  const client = createCloudClient(createHttpTransport({ baseUrl: server.baseUrl }));
  // 'system' is the only domain today; a client built before a function is deployed sees the same 404.
  server.handle('/api/functions/system', { status: 404, body: { code: 'FUNCTION_NOT_FOUND', errMsg: 'function system not found' } });
  const err = await failure(client.call('system', 'ping', {}));
  expect(err.code).toBe('FUNCTION_NOT_FOUND');
  expect(err.message).toBe('服务不存在');
});

test('a refused connection → NETWORK', async () => {
  configureHttp({ baseUrl: await deadBaseUrl() });
  const err = await failure(whoami());
  expect(err.code).toBe('NETWORK');
  expect(err.message).toBe('网络异常，请检查网络后重试');
});

test('a body that is not JSON → INTERNAL, never a raw SyntaxError', async () => {
  server.handle('/api/functions/system', { raw: '<html>gateway</html>' });
  const err = await failure(whoami());
  expect(err.code).toBe('INTERNAL');
});

test('JSON that is not an envelope, or an unknown code → INTERNAL', async () => {
  server.handle('/api/functions/system', { body: { result: { hello: 'world' } } });
  expect((await failure(whoami())).code).toBe('INTERNAL');
  server.handle('/api/functions/system', { body: { result: { ok: false, code: 'MADE_UP', message: 'x', requestId: 'r' } } });
  expect((await failure(whoami())).code).toBe('INTERNAL');
  server.handle('/api/functions/system', { body: { notResult: true } });
  expect((await failure(whoami())).code).toBe('INTERNAL');
});

test('an HTTP error carrying a known code keeps it (e.g. 401 UNAUTHENTICATED)', async () => {
  server.handle('/api/functions/system', { status: 401, body: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  expect((await failure(whoami())).code).toBe('UNAUTHENTICATED');
  server.handle('/api/functions/system', { status: 502, raw: 'Bad Gateway' });
  expect((await failure(whoami())).code).toBe('INTERNAL');
});

test('local mode: lists identities and signs in with { openid }', async () => {
  server.handle('/api/local/identities', {
    body: { identities: [{ openid: 'o1', label: '张敏', description: '团支部书记', group: '团支部书记' }] },
  });
  server.handle('/api/local/sign-in', { body: { ok: true } });
  await expect(listIdentities()).resolves.toEqual([{ openid: 'o1', label: '张敏', description: '团支部书记', group: '团支部书记' }]);
  await signIn('o1');
  expect(server.received.map((r) => [r.method, r.url])).toEqual([
    ['GET', '/api/local/identities'],
    ['POST', '/api/local/sign-in'],
  ]);
  expect(server.received[1].body).toEqual({ openid: 'o1' });
  server.handle('/api/local/identities', { body: { identities: [{ openid: 1 }] } });
  expect((await failure(listIdentities())).code).toBe('INTERNAL');
});
