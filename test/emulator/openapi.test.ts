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
          const r = await cloud.openapi.wxacode.getUnlimited({ scene: event.scene, page: event.page, width: 430 });
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

test('a scene longer than 32 characters is refused with 40169', async () => {
  const ok = await callApp<{ result: { errCode?: number } }>(emu.url, 'wx', {
    action: 'qr',
    scene: 'x'.repeat(32),
    page: 'pages/index/index',
  });
  expect(ok.body.result.errCode).toBeUndefined();
  const res = await callApp<{ result: { errCode: number; errMsg: string } }>(emu.url, 'wx', {
    action: 'qr',
    scene: 'x'.repeat(33),
    page: 'pages/index/index',
  });
  expect(res.body.result.errCode).toBe(40169);
  expect(res.body.result.errMsg).toMatch(/invalid length for scene/);
});

test('subscribeMessage.send lands in the inbox, readable and clearable over HTTP', async () => {
  await request(`${emu.url}/api/_emulator/inbox`, { method: 'DELETE' });
  const message = { touser: 'demo-1', templateId: 'tpl-1', page: 'pages/index/index', data: { thing1: { value: '公开承诺开始' } } };
  const sent = await callApp<{ result: { errCode: number } }>(emu.url, 'wx', { action: 'send', message });
  expect(sent.body.result.errCode).toBe(0);
  await callApp(emu.url, 'wx', { action: 'send', message: { ...message, touser: 'demo-2' } });
  const inbox = await request<{ messages: Array<Record<string, unknown>> }>(`${emu.url}/api/_emulator/inbox?touser=demo-1`);
  expect(inbox.body.messages).toHaveLength(1);
  expect(inbox.body.messages[0]).toMatchObject({ touser: 'demo-1', templateId: 'tpl-1', page: 'pages/index/index', data: message.data });
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

test('mediaCheckAsync answers a trace id', async () => {
  const res = await callApp<{ result: { errCode: number; traceId: string } }>(emu.url, 'wx', { action: 'media' });
  expect(res.body.result.errCode).toBe(0);
  expect(res.body.result.traceId).toEqual(expect.any(String));
});

test('an openapi not declared in config.json permissions is refused like the platform does', async () => {
  const res = await callApp<{ result: { errCode: number } }>(emu.url, 'noperm', { action: 'check', check: { content: 'x' } });
  expect(res.body.result.errCode).toBe(-604101);
});
