/** cloud.openapi.* through the real SDK: QR codes, subscription messages into the inbox, content checks, permissions. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { callApp, makeTempDirs, request, writeFunction, type TempDirs } from './support';

jest.setTimeout(60_000);

let dirs: TempDirs;
let emu: RunningEmulator;

const ALL = ['wxacode.getUnlimited', 'subscribeMessage.send', 'security.msgSecCheck', 'security.mediaCheckAsync'];

beforeAll(async () => {
  dirs = makeTempDirs('openapi');
  const body = `
    try {
      switch (event.action) {
        case 'qr': {
          const r = await cloud.openapi.wxacode.getUnlimited({ scene: event.scene, page: event.page, checkPath: event.checkPath, width: 430 });
          return { contentType: r.contentType, png: r.buffer.toString('base64') };
        }
        case 'send': return await cloud.openapi.subscribeMessage.send(event.message);
        case 'check': return await cloud.openapi.security.msgSecCheck(event.check);
        case 'media': return await cloud.openapi.security.mediaCheckAsync({ mediaUrl: 'http://x/y.png', mediaType: 2, version: 2, scene: 1, openid: 'o' });
      }
    } catch (e) {
      return { errCode: e.errCode, errMsg: e.errMsg };
    }
  `;
  writeFunction(dirs.functionsDir, 'wx', body, { permissions: { openapi: ALL } });
  writeFunction(dirs.functionsDir, 'noperm', body, { permissions: { openapi: [] } });
  emu = await startEmulator({ dataDir: dirs.dataDir, functionsDir: dirs.functionsDir });
});

afterAll(async () => {
  await emu.close();
  dirs.cleanup();
});

test('getUnlimited returns a PNG whose QR code links to the page with the scene', async () => {
  const scene = 'p=abc&x=1';
  const res = await callApp<{ result: { contentType: string; png: string } }>(emu.url, 'wx', {
    action: 'qr',
    scene,
    page: 'pages/pledge/index',
  });
  expect(res.body.result.contentType).toBe('image/png');
  const png = PNG.sync.read(Buffer.from(res.body.result.png, 'base64'));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code?.data).toBe(`${emu.url}/#/pages/pledge/index?scene=${encodeURIComponent(scene)}`);
});

type QrResult = { errCode?: number; errMsg?: string; contentType?: string; png?: string };
const qr = async (event: Record<string, unknown>): Promise<QrResult> =>
  (await callApp<{ result: QrResult }>(emu.url, 'wx', { action: 'qr', ...event })).body.result;
const linkOf = (png: string): string | undefined => {
  const img = PNG.sync.read(Buffer.from(png, 'base64'));
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
};

// wxacode.getUnlimited's doc (developers.weixin.qq.com …/qrcode-link/qr-code/getUnlimitedQRCode): scene at most
// 32 visible characters of 数字、大小写英文以及部分特殊字符 !#$&'()*+,/:;=?@-._~ (else 40169); page must exist in
// the released app when check_path is true (the default), without a leading "/" or a query (else 41030); no
// page opens the home page.
test('a scene longer than 32 characters or holding other characters is refused with 40169', async () => {
  const page = 'package-pledge/sign/index';
  expect((await qr({ scene: 'x'.repeat(32), page })).errCode).toBeUndefined();
  const long = await qr({ scene: 'x'.repeat(33), page });
  expect(long.errCode).toBe(40169);
  expect(long.errMsg).toMatch(/invalid length for scene/);
  for (const scene of ['a%20b', 'a"b', '{k:1}', 'a b', '学号1', '<x>', 'a|b', '', 'a\\b']) {
    expect([scene, (await qr({ scene, page })).errCode]).toEqual([scene, 40169]);
  }
  const every = "aZ9!#$&'()*+,/:;=?@-._~";
  const ok = await qr({ scene: every, page });
  expect(linkOf(ok.png as string)).toBe(`${emu.url}/#/${page}?scene=${encodeURIComponent(every)}`);
});

test('a page that is not in the app (check_path on by default), starts with "/" or carries a query is refused with 41030', async () => {
  for (const page of ['pages/index/index', 'pages/nope/index', '/pages/home/index', 'package-pledge/sign/index?k=1']) {
    expect([page, (await qr({ scene: 'k=1', page })).errCode]).toEqual([page, 41030]);
  }
  // check_path false: a page not (yet) released is accepted, a query still is not.
  expect((await qr({ scene: 'k=1', page: 'pages/next/index', checkPath: false })).errCode).toBeUndefined();
  expect((await qr({ scene: 'k=1', page: 'pages/home/index?x=1', checkPath: false })).errCode).toBe(41030);
  // Every page of the app, sub-packages included, is accepted.
  expect((await qr({ scene: 'k=1', page: 'package-admin/org/index' })).errCode).toBeUndefined();
});

test('without a page the code opens the app home page (the first page of app.json), not pages/index/index', async () => {
  const res = await qr({ scene: 's=1' });
  expect(res.contentType).toBe('image/png');
  expect(linkOf(res.png as string)).toBe(`${emu.url}/#/pages/home/index?scene=s%3D1`);
});

test('subscribeMessage.send lands in the inbox, readable and clearable over HTTP', async () => {
  await request(`${emu.url}/api/_emulator/inbox`, { method: 'DELETE' });
  // One-time consents first (the popup's stand-in): without one WeChat answers 43101 (test/emulator/subscribe-message.test.ts).
  for (const openid of ['demo-1', 'demo-2']) {
    await request(`${emu.url}/api/_emulator/subscribe`, {
      body: { tmplIds: ['local-tmpl-stage'] },
      headers: { 'x-strive-openid': openid },
    });
  }
  const message = {
    touser: 'demo-1',
    templateId: 'local-tmpl-stage',
    page: 'pages/home/index',
    data: { thing1: { value: '公开承诺开始' } },
  };
  const sent = await callApp<{ result: { errCode: number } }>(emu.url, 'wx', { action: 'send', message });
  expect(sent.body.result.errCode).toBe(0);
  await callApp(emu.url, 'wx', { action: 'send', message: { ...message, touser: 'demo-2' } });
  const inbox = await request<{ messages: Array<Record<string, unknown>> }>(`${emu.url}/api/_emulator/inbox?touser=demo-1`);
  expect(inbox.body.messages).toHaveLength(1);
  expect(inbox.body.messages[0]).toMatchObject({
    touser: 'demo-1',
    templateId: 'local-tmpl-stage',
    page: 'pages/home/index',
    data: message.data,
  });
  const cleared = await request<{ deleted: number }>(`${emu.url}/api/_emulator/inbox?touser=demo-1`, { method: 'DELETE' });
  expect(cleared.body.deleted).toBe(1);
  const rest = await request<{ messages: unknown[] }>(`${emu.url}/api/_emulator/inbox`);
  expect(rest.body.messages).toHaveLength(1);
  const invalid = await callApp<{ result: { errCode: number } }>(emu.url, 'wx', { action: 'send', message: { ...message, touser: '' } });
  expect(invalid.body.result.errCode).toBe(40003);
});

test('msgSecCheck refuses a blocked word with 87014, passes clean text, and answers v2 with suggest', async () => {
  const risky = await callApp<{ result: { errCode: number } }>(emu.url, 'wx', { action: 'check', check: { content: '这里有违禁词内容' } });
  expect(risky.body.result.errCode).toBe(87014);
  const clean = await callApp<{ result: { errCode: number } }>(emu.url, 'wx', {
    action: 'check',
    check: { content: '努力学习，争当先锋' },
  });
  expect(clean.body.result.errCode).toBe(0);
  const v2 = await callApp<{ result: { errCode: number; result: { suggest: string } } }>(emu.url, 'wx', {
    action: 'check',
    check: { content: '违禁词', version: 2, scene: 2, openid: 'demo-1' },
  });
  expect(v2.body.result.errCode).toBe(0);
  expect(v2.body.result.result.suggest).toBe('risky');
  const v2clean = await callApp<{ result: { result: { suggest: string } } }>(emu.url, 'wx', {
    action: 'check',
    check: { content: '好', version: 2, scene: 2, openid: 'demo-1' },
  });
  expect(v2clean.body.result.result.suggest).toBe('pass');
});

// msgSecCheck v2 (developers.weixin.qq.com …/sec-check/security.msgSecCheck.html): openid, scene (1 资料,
// 2 评论, 3 论坛, 4 社交日志) and content (at most 2,500 characters) are required; errcode 40003 invalid openid,
// 40129 invalid scene; over-long text has no code of its own in the table (45002 content size out of limit).
test('msgSecCheck v2 refuses a missing openid (40003), a scene outside 1–4 (40129), text over 2,500 characters, and keeps serving', async () => {
  type Check = { result: { errCode: number; errMsg?: string; result?: { suggest: string; label: number } } };
  const check = async (c: Record<string, unknown>): Promise<Check['result']> =>
    (await callApp<Check>(emu.url, 'wx', { action: 'check', check: { version: 2, scene: 2, openid: 'demo-1', content: '好', ...c } })).body
      .result;
  expect((await check({ openid: undefined })).errCode).toBe(40003);
  expect((await check({ openid: '' })).errCode).toBe(40003);
  for (const scene of [0, 5, 2.5, 'x']) expect([scene, (await check({ scene })).errCode]).toEqual([scene, 40129]);
  expect((await check({ scene: undefined })).errCode).toBe(40129);
  expect((await check({ content: '好'.repeat(2501) })).errCode).toBe(45002);
  expect((await check({ content: '好'.repeat(2500) })).result?.suggest).toBe('pass');
  for (const scene of [1, 4]) expect((await check({ scene })).result?.suggest).toBe('pass');
});

test('msgSecCheck v2 answers review for a word of the review list, risky for a blocked one (which wins)', async () => {
  type Check = { result: { errCode: number; result: { suggest: string; label: number } } };
  const check = async (content: string): Promise<Check['result']> =>
    (await callApp<Check>(emu.url, 'wx', { action: 'check', check: { version: 2, scene: 2, openid: 'demo-1', content } })).body.result;
  expect((await check('这条内容待复核一下')).result).toEqual({ suggest: 'review', label: 21000 });
  expect((await check('待复核的违禁词')).result).toEqual({ suggest: 'risky', label: 20006 });
  expect((await check('努力学习')).result).toEqual({ suggest: 'pass', label: 100 });
  // v1 knows no review: only blocked words are refused.
  const v1 = await callApp<{ result: { errCode: number } }>(emu.url, 'wx', { action: 'check', check: { content: '待复核' } });
  expect(v1.body.result.errCode).toBe(0);
});

test('mediaCheckAsync answers a trace id', async () => {
  const res = await callApp<{ result: { errCode: number; traceId: string } }>(emu.url, 'wx', { action: 'media' });
  expect(res.body.result.errCode).toBe(0);
  expect(res.body.result.traceId).toEqual(expect.any(String));
});

test('an openapi not declared in config.json permissions is refused like the platform does', async () => {
  const res = await callApp<{ result: { errCode: number } }>(emu.url, 'noperm', { action: 'check', check: { content: 'x' } });
  expect(res.body.result.errCode).toBe(-604101);
});
