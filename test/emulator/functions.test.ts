/** The function runner through HTTP and the real wx-server-sdk: identity, instances, crashes, calls between functions, timers, stats. */
import fs from 'fs';
import path from 'path';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { nextFireTime } from '../../emulator/functions/timers';
import { callApp, makeTempDirs, request, writeFunction, type TempDirs } from './support';

jest.setTimeout(60_000);

let dirs: TempDirs;
let emu: RunningEmulator;

beforeAll(async () => {
  dirs = makeTempDirs('functions');
  writeFunction(
    dirs.functionsDir,
    'whoami',
    `
    const ctx = cloud.getWXContext();
    return { ok: true, data: { openid: ctx.OPENID, appid: ctx.APPID, source: ctx.SOURCE, event, requestId: context.request_id } };
  `,
  );
  writeFunction(
    dirs.functionsDir,
    'slow',
    `
    await new Promise((r) => setTimeout(r, 600));
    return { openid: cloud.getWXContext().OPENID, pid: process.pid };
  `,
  );
  writeFunction(
    dirs.functionsDir,
    'fragile',
    `
    if (event.crash) process.exit(3);
    if (event.throw) throw new Error('boom');
    return { pid: process.pid };
  `,
  );
  writeFunction(
    dirs.functionsDir,
    'caller',
    `
    const res = await cloud.callFunction({ name: 'dbuser', data: { action: 'count' } });
    let missing = null;
    try { await cloud.callFunction({ name: 'nope', data: {} }); } catch (e) { missing = e.errCode; }
    return { me: cloud.getWXContext().OPENID, callee: res.result, missing };
  `,
  );
  writeFunction(
    dirs.functionsDir,
    'dbuser',
    `
    const db = cloud.database();
    await db.collection('audit').add({ data: { target: 't', at: db.serverDate() } });
    const { total } = await db.collection('audit').count();
    await db.collection('audit').where({ target: 't' }).get();
    return { openid: cloud.getWXContext().OPENID, source: cloud.getWXContext().SOURCE, total };
  `,
  );
  writeFunction(
    dirs.functionsDir,
    'tick',
    `
    return { event, source: cloud.getWXContext().SOURCE, openid: cloud.getWXContext().OPENID };
  `,
    { triggers: [{ name: 'daily', type: 'timer', config: '0 0 2 * * * *' }] },
  );
  writeFunction(dirs.functionsDir, 'keyed', `return { key: process.env.BALLOT_SECRET || null, other: process.env.OTHER_SECRET || null };`, {
    envSecrets: ['BALLOT_SECRET'],
  });
  writeFunction(dirs.functionsDir, 'sleepy', `await new Promise((r) => setTimeout(r, 5000)); return 1;`, { timeout: 1 });
  emu = await startEmulator({ dataDir: dirs.dataDir, functionsDir: dirs.functionsDir });
});

afterAll(async () => {
  await emu.close();
  dirs.cleanup();
});

test('an app call gets the callFunction envelope and the identity of the test header', async () => {
  const res = await callApp<{ result: { data: Record<string, unknown> }; requestId: string }>(
    emu.url,
    'whoami',
    { action: 'ping', payload: { a: 1 } },
    'demo-1',
  );
  expect(res.status).toBe(200);
  expect(res.body.requestId).toMatch(/^[0-9a-f]{32}$/);
  expect(res.body.result.data).toMatchObject({
    openid: 'demo-1',
    appid: 'wx-local-appid',
    source: 'wx_client',
    event: { action: 'ping', payload: { a: 1 } },
    requestId: res.body.requestId,
  });
});

test('the identity comes from the strive_openid cookie, and is empty when signed out', async () => {
  const withCookie = await request<{ result: { data: { openid: string } } }>(`${emu.url}/api/functions/whoami`, {
    body: { action: 'ping' },
    headers: { cookie: 'other=1; strive_openid=demo-cookie' },
  });
  expect(withCookie.body.result.data.openid).toBe('demo-cookie');
  const anonymous = await callApp<{ result: { data: { openid: string } } }>(emu.url, 'whoami', { action: 'ping' });
  expect(anonymous.body.result.data.openid).toBe('');
});

test('an unknown function is a 404 FUNCTION_NOT_FOUND', async () => {
  const res = await callApp(emu.url, 'nosuch', { action: 'x' });
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ errCode: -501000, errMsg: 'FUNCTION_NOT_FOUND: nosuch', code: 'FUNCTION_NOT_FOUND' });
});

test('a malformed app body is a 400 and does not reach the function', async () => {
  const res = await request(`${emu.url}/api/functions/whoami`, { raw: '{"action":', headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ code: 'INVALID_PARAM' });
});

test('one invocation at a time per instance: two concurrent calls run in two instances, each with its own OPENID', async () => {
  const [a, b] = await Promise.all([
    callApp<{ result: { openid: string; pid: number } }>(emu.url, 'slow', {}, 'demo-a'),
    callApp<{ result: { openid: string; pid: number } }>(emu.url, 'slow', {}, 'demo-b'),
  ]);
  expect(a.body.result.openid).toBe('demo-a');
  expect(b.body.result.openid).toBe('demo-b');
  expect(a.body.result.pid).not.toBe(b.body.result.pid);
  // Warm: a later call reuses one of them.
  const c = await callApp<{ result: { pid: number } }>(emu.url, 'slow', {}, 'demo-c');
  expect([a.body.result.pid, b.body.result.pid]).toContain(c.body.result.pid);
});

test('beyond four busy instances calls queue instead of spawning more', async () => {
  const calls = await Promise.all(
    Array.from({ length: 6 }, (_, i) => callApp<{ result: { openid: string; pid: number } }>(emu.url, 'slow', {}, `demo-q${i}`)),
  );
  expect(calls.map((c) => c.body.result.openid)).toEqual(['demo-q0', 'demo-q1', 'demo-q2', 'demo-q3', 'demo-q4', 'demo-q5']);
  expect(new Set(calls.map((c) => c.body.result.pid)).size).toBeLessThanOrEqual(4);
});

test('a crashed instance answers with an error and the next call gets a fresh instance', async () => {
  const first = await callApp<{ result: { pid: number } }>(emu.url, 'fragile', {});
  const crash = await callApp(emu.url, 'fragile', { crash: true });
  expect(crash.status).toBe(500);
  expect(crash.body).toMatchObject({ errCode: -504002, code: 'FUNCTIONS_EXECUTE_FAIL' });
  expect(String(crash.body.errMsg)).toMatch(/exited unexpectedly/);
  const after = await callApp<{ result: { pid: number } }>(emu.url, 'fragile', {});
  expect(after.status).toBe(200);
  expect(after.body.result.pid).not.toBe(first.body.result.pid);
});

test('a function that throws answers FUNCTIONS_EXECUTE_FAIL without a stack, and its instance stays warm', async () => {
  const before = await callApp<{ result: { pid: number } }>(emu.url, 'fragile', {});
  const res = await callApp(emu.url, 'fragile', { throw: true });
  expect(res.status).toBe(500);
  expect(res.body).toMatchObject({ errCode: -504002, errMsg: 'FUNCTIONS_EXECUTE_FAIL: boom' });
  expect(JSON.stringify(res.body)).not.toMatch(/at .*index\.js/);
  const again = await callApp<{ result: { pid: number } }>(emu.url, 'fragile', {});
  expect(again.body.result.pid).toBe(before.body.result.pid);
});

test('a timeout from config.json kills the instance', async () => {
  const res = await callApp(emu.url, 'sleepy', {});
  expect(res.status).toBe(504);
  expect(res.body).toMatchObject({ code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' });
});

test('cloud.callFunction from a function runs the callee with the caller OPENID; a missing callee fails', async () => {
  const res = await callApp<{ result: { me: string; callee: Record<string, unknown>; missing: number } }>(
    emu.url,
    'caller',
    {},
    'demo-caller',
  );
  expect(res.status).toBe(200);
  expect(res.body.result.me).toBe('demo-caller');
  expect(res.body.result.callee).toMatchObject({ openid: 'demo-caller', source: 'wx_function' });
  expect(typeof res.body.result.missing).toBe('number');
  // The caller is charged with the database requests of the function it called.
  expect(res.headers.get('x-emulator-db-requests')).toBe('3');
});

test('stats count the database requests of each invocation', async () => {
  await request(`${emu.url}/api/_emulator/stats/reset`, { method: 'POST' });
  const res = await callApp(emu.url, 'dbuser', {}, 'demo-1');
  expect(res.status).toBe(200);
  expect(res.headers.get('x-emulator-db-requests')).toBe('3');
  const none = await callApp(emu.url, 'whoami', {});
  expect(none.headers.get('x-emulator-db-requests')).toBe('0');
  const stats = await request<{
    adminRequests: { total: number; byAction: Record<string, number> };
    invocations: { byFunction: Record<string, { count: number; dbRequests: number }> };
  }>(`${emu.url}/api/_emulator/stats`);
  expect(stats.body.adminRequests.byAction).toEqual({
    'database.insertDocument': 1,
    'database.calculateDocument': 1,
    'database.getDocument': 1,
  });
  expect(stats.body.invocations.byFunction.dbuser).toEqual({ count: 1, dbRequests: 3 });
  expect(emu.stats.snapshot().adminRequests.total).toBe(3);
});

test('the timer endpoint fires a declared trigger with a Timer event; undeclared ones are 404', async () => {
  const res = await request<{ result: { event: Record<string, unknown>; source: string; openid: string } }>(
    `${emu.url}/api/_emulator/timers/tick/daily`,
    { method: 'POST' },
  );
  expect(res.status).toBe(200);
  expect(res.body.result.event).toMatchObject({ Type: 'Timer', TriggerName: 'daily' });
  expect(res.body.result.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(res.body.result.source).toBe('timer');
  expect(res.body.result.openid).toBe('');
  const missing = await request(`${emu.url}/api/_emulator/timers/tick/weekly`, { method: 'POST' });
  expect(missing.status).toBe(404);
});

test('timer schedules are read in Asia/Shanghai from the 7-field cron', () => {
  expect(nextFireTime('0 0 2 * * * *', new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-01-01T18:00:00.000Z');
  expect(nextFireTime('0 30 9 1 * * 2027', new Date('2026-05-01T00:00:00Z'))?.toISOString()).toBe('2027-01-01T01:30:00.000Z');
  expect(() => nextFireTime('0 0 2 * *', new Date())).toThrow(/7 fields/);
});

test('a rebuilt bundle is picked up by the next call', async () => {
  const before = await callApp<{ result: { pid: number } }>(emu.url, 'fragile', {});
  const file = path.join(dirs.functionsDir, 'fragile', 'index.js');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('return { pid: process.pid };', 'return { pid: process.pid, v: 2 };'));
  const later = new Date(Date.now() + 2000);
  fs.utimesSync(file, later, later);
  const after = await callApp<{ result: { pid: number; v?: number } }>(emu.url, 'fragile', {});
  expect(after.body.result.v).toBe(2);
  expect(after.body.result.pid).not.toBe(before.body.result.pid);
});

test('envSecrets in config.json: each named variable is a random secret kept per data directory, set for that function only', async () => {
  const first = await callApp<{ result: { key: string | null; other: string | null } }>(emu.url, 'keyed', {});
  expect(first.body.result.key).toMatch(/^[0-9a-f]{64}$/);
  expect(first.body.result.other).toBeNull();
  const kept = JSON.parse(fs.readFileSync(path.join(dirs.dataDir, 'function-secrets.json'), 'utf8')) as Record<string, string>;
  expect(kept).toEqual({ BALLOT_SECRET: first.body.result.key });
  // A function that declares none does not see it.
  const plain = await callApp<{ result: { data: { event: unknown } } }>(emu.url, 'whoami', { action: 'x' });
  expect(JSON.stringify(plain.body)).not.toContain(String(first.body.result.key));
  // A restart on the same data directory keeps the value; a fresh data directory gets another.
  await emu.close();
  emu = await startEmulator({ dataDir: dirs.dataDir, functionsDir: dirs.functionsDir });
  const again = await callApp<{ result: { key: string } }>(emu.url, 'keyed', {});
  expect(again.body.result.key).toBe(first.body.result.key);
  const other = makeTempDirs('functions-secrets');
  const fresh = await startEmulator({ dataDir: other.dataDir, functionsDir: dirs.functionsDir });
  try {
    const elsewhere = await callApp<{ result: { key: string } }>(fresh.url, 'keyed', {});
    expect(elsewhere.body.result.key).toMatch(/^[0-9a-f]{64}$/);
    expect(elsewhere.body.result.key).not.toBe(first.body.result.key);
  } finally {
    await fresh.close();
    other.cleanup();
  }
});
