import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { makeTempDirs, writeFunction, type TempDirs } from './support';

// The H5 build's stand-in for wx.cloud.uploadFile: the file lands in storage and a function can read it.
let dirs: TempDirs;
let emu: RunningEmulator;
beforeAll(async () => {
  dirs = makeTempDirs('upload');
  writeFunction(
    dirs.functionsDir,
    'reader',
    "const r = await cloud.downloadFile({ fileID: event.fileID }); return r.fileContent.toString('utf8');",
  );
  emu = await startEmulator({ port: 0, dataDir: dirs.dataDir, functionsDir: dirs.functionsDir });
});
afterAll(async () => {
  await emu?.close();
  dirs?.cleanup();
});

const upload = (cloudPath: string, body: string, openid?: string) =>
  fetch(`${emu.url}/api/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: openid ? { 'x-strive-openid': openid } : {},
    body,
  });

describe('POST /api/local/upload', () => {
  it('stores the file where a cloud function can download it by fileID', async () => {
    const res = await upload('imports/demo/名单.csv', '学号,姓名\n2023010101,张三\n', 'demo-admin');
    expect(res.status).toBe(200);
    const { fileID } = (await res.json()) as { fileID: string };
    expect(fileID).toMatch(/^cloud:\/\/.+\/imports\/demo\/名单\.csv$/);
    const call = await fetch(`${emu.url}/api/functions/reader`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileID }),
    });
    expect(((await call.json()) as { result: string }).result).toContain('2023010101,张三');
  });

  it('refuses an anonymous upload', async () => {
    expect((await upload('imports/x.csv', 'a')).status).toBe(401);
  });

  it('refuses a path that climbs out of storage', async () => {
    expect((await upload('../../etc/passwd', 'a', 'demo-admin')).status).toBe(400);
  });
});
