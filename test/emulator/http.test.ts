/** The server's HTTP surface: admin errors, limits, local sign-in, static files. */
import fs from 'fs';
import http from 'http';
import path from 'path';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { callApp, makeTempDirs, request, writeFunction, type TempDirs } from './support';

jest.setTimeout(60_000);

let dirs: TempDirs;
let emu: RunningEmulator;
let staticDir: string;

beforeAll(async () => {
  dirs = makeTempDirs('http');
  staticDir = path.join(dirs.dataDir, '..', 'h5');
  fs.mkdirSync(path.join(staticDir, 'js'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>h5</title>');
  fs.writeFileSync(path.join(staticDir, 'js', 'app.js'), 'console.log(1)');
  writeFunction(
    dirs.functionsDir,
    'seed',
    `
    if (event.whoami) return cloud.getWXContext().OPENID;
    const db = cloud.database();
    await db.collection('orgs').add({ data: { _id: 'org-b1', name: '计科一支部', level: 'branch', parentId: null, ancestors: [], archived: false, order: 1 } });
    await db.collection('members').add({ data: { _id: 'm1', studentNo: '2024001', name: '李明', branchId: 'org-b1', groupId: null, orgPath: ['org-b1'], isLeagueMember: true, isCadre: true, post: '团支书', openid: 'demo-2024001' } });
    await db.collection('members').add({ data: { _id: 'm2', studentNo: '2024002', name: '张华', branchId: 'org-b1', groupId: null, orgPath: ['org-b1'], isLeagueMember: true, isCadre: false, post: null, openid: null } });
    await db.collection('roles').add({ data: { _id: 'r1', openid: 'demo-admin', holderId: 's-admin', name: '王建国', role: 'admin', orgId: 'org-b1' } });
    await db.collection('roles').add({ data: { _id: 'r2', openid: 'real-openid', holderId: 's-real', name: '真实用户', role: 'admin', orgId: 'org-b1' } });
    return cloud.getWXContext().OPENID;
  `,
  );
  emu = await startEmulator({ dataDir: dirs.dataDir, functionsDir: dirs.functionsDir, staticDir });
});

afterAll(async () => {
  await emu.close();
  dirs.cleanup();
});

async function adminPing(): Promise<void> {
  const res = await request(`${emu.url}/admin`, {
    body: { action: 'database.calculateDocument', collectionName: 'orgs', queryType: 'WHERE' },
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ data: { total: expect.any(Number) }, requestId: expect.any(String) });
}

test('malformed JSON to the admin API is an INVALID_PARAM reply and the server keeps serving', async () => {
  const res = await request(`${emu.url}/admin`, {
    raw: '{"action": "database.getDocument",',
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ code: 'INVALID_PARAM', requestId: expect.any(String) });
  await adminPing();
});

test('a body over 5 MB is refused with 413 and the server keeps serving', async () => {
  const big = JSON.stringify({ action: 'database.insertDocument', pad: 'x'.repeat(5 * 1024 * 1024 + 10) });
  const res = await request(`${emu.url}/admin/i/whatever`, { raw: big, headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(413);
  expect(res.body).toMatchObject({ code: 'EXCEED_REQUEST_LIMIT' });
  await adminPing();
});

test('an unknown or missing admin action is a CloudBase-style error', async () => {
  const unknown = await request(`${emu.url}/admin`, { body: { action: 'storage.frobnicate' } });
  expect(unknown.body).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('storage.frobnicate') });
  const missing = await request(`${emu.url}/admin`, { body: { hello: 1 } });
  expect(missing.body).toMatchObject({ code: 'INVALID_PARAM' });
  const dbError = await request(`${emu.url}/admin`, {
    body: { action: 'database.getDocument', collectionName: 'nope', queryType: 'WHERE' },
  });
  expect(dbError.body).toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
});

test('local sign-in: identities from members and roles, cookie set and cleared, used by function calls', async () => {
  const seeded = await callApp(emu.url, 'seed', {});
  expect(seeded.status).toBe(200);
  const ids = await request<{ identities: Array<{ openid: string; label: string; description: string }> }>(
    `${emu.url}/api/local/identities`,
  );
  const openids = ids.body.identities.map((i) => i.openid);
  expect(openids).toEqual(['demo-admin', 'demo-2024001', 'demo-visitor']);
  expect(ids.body.identities[0]).toMatchObject({ label: '王建国', description: expect.stringContaining('校团委管理员') });
  expect(ids.body.identities[1]).toMatchObject({ label: '李明', description: expect.stringContaining('团支书') });
  // Grouped by role on the sign-in page: the visitor has its own heading.
  expect(ids.body.identities.map((i) => (i as { group?: string }).group)).toEqual(['校团委管理员', '团干部', '未绑定']);

  const none = await request<{ openid: string | null }>(`${emu.url}/api/local/session`);
  expect(none.body.openid).toBeNull();
  const signIn = await request(`${emu.url}/api/local/sign-in`, { body: { openid: 'demo-2024001' } });
  const cookie = signIn.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^strive_openid=demo-2024001;/);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  expect(cookie).toMatch(/Path=\//);
  const jar = cookie.split(';')[0];
  const session = await request<{ openid: string }>(`${emu.url}/api/local/session`, { headers: { cookie: jar } });
  expect(session.body.openid).toBe('demo-2024001');
  const call = await request<{ result: string }>(`${emu.url}/api/functions/seed`, { body: { whoami: true }, headers: { cookie: jar } });
  expect(call.body.result).toBe('demo-2024001');
  const signOut = await request(`${emu.url}/api/local/sign-out`, { method: 'POST', headers: { cookie: jar } });
  expect(signOut.headers.get('set-cookie')).toMatch(/^strive_openid=; .*Max-Age=0/);
  const bad = await request(`${emu.url}/api/local/sign-in`, { body: { openid: '' } });
  expect(bad.status).toBe(400);
});

test('static files: real files with their type, unknown pages fall back to index.html, missing assets are 404', async () => {
  const js = await request(`${emu.url}/js/app.js`);
  expect(js.status).toBe(200);
  expect(js.headers.get('content-type')).toMatch(/application\/javascript/);
  const page = await request<string>(`${emu.url}/pages/index/index`);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  expect(page.body).toContain('<title>h5</title>');
  expect((await request(`${emu.url}/js/missing.js`)).status).toBe(404);
  expect((await request(`${emu.url}/api/nothing`)).status).toBe(404);
});

test('without an H5 build the root explains in Chinese how to build it', async () => {
  const other = makeTempDirs('nostatic');
  const bare = await startEmulator({
    dataDir: other.dataDir,
    functionsDir: other.functionsDir,
    staticDir: path.join(other.dataDir, 'none'),
  });
  try {
    const res = await request<string>(`${bare.url}/`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('npm run build:h5');
    expect(res.body).toContain('尚未构建');
  } finally {
    await bare.close();
    other.cleanup();
  }
});

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
function getWithHost(hostHeader: string, pathname: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: 'GET', headers: { host: hostHeader } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('DNS rebinding: only 127.0.0.1, localhost and [::1] with the port are answered; any other Host is refused with 403', async () => {
  const { port } = new URL(emu.url);
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
    const res = await getWithHost(host, '/api/local/identities');
    expect(res.status).toBe(200);
  }
  for (const host of [
    `evil.example:${port}`,
    `127.0.0.1.nip.io:${port}`,
    'localhost',
    `localhost:${Number(port) + 1}`,
    `127.0.0.2:${port}`,
  ]) {
    for (const pathname of ['/api/local/identities', '/api/_emulator/clock', '/', '/api/local/session']) {
      const res = await getWithHost(host, pathname);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    }
  }
  // The admin API is refused too, before it reads the body.
  const admin = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/admin', method: 'POST', headers: { host: 'attacker.test', 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ action: 'database.getDocument', collectionName: 'members', queryType: 'WHERE' }));
  });
  expect(admin).toBe(403);
  await adminPing();
});
