/** Storage through the real SDK: upload, temp URLs (50 per call), download, delete, and the files served over HTTP. */
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { callApp, makeTempDirs, request, writeFunction, type TempDirs } from './support';

jest.setTimeout(60_000);

let dirs: TempDirs;
let emu: RunningEmulator;

beforeAll(async () => {
  dirs = makeTempDirs('storage');
  writeFunction(
    dirs.functionsDir,
    'files',
    `
    const capture = async (p) => { try { return { ok: await p }; } catch (e) { return { errCode: e.errCode, errMsg: String(e.errMsg || e.message) }; } };
    switch (event.action) {
      case 'upload': {
        const ids = [];
        for (let i = 0; i < event.count; i++) {
          const r = await cloud.uploadFile({ cloudPath: event.prefix + '/' + i + event.ext, fileContent: Buffer.from(event.text + i) });
          ids.push(r.fileID);
        }
        return ids;
      }
      case 'urls': return capture(cloud.getTempFileURL({ fileList: event.fileList }));
      case 'download': return capture(cloud.downloadFile({ fileID: event.fileID }).then((r) => r.fileContent.toString('utf8')));
      case 'delete': return capture(cloud.deleteFile({ fileList: event.fileList }));
      case 'badPath': return capture(cloud.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') }));
    }
  `,
  );
  emu = await startEmulator({ dataDir: dirs.dataDir, functionsDir: dirs.functionsDir });
});

afterAll(async () => {
  await emu.close();
  dirs.cleanup();
});

type Urls = { ok?: { fileList: Array<{ fileID: string; status: number; tempFileURL: string }> }; errCode?: number; errMsg?: string };

async function upload(count: number, prefix: string, ext = '.txt', text = 'hello '): Promise<string[]> {
  const res = await callApp<{ result: string[] }>(emu.url, 'files', { action: 'upload', count, prefix, ext, text });
  expect(res.status).toBe(200);
  return res.body.result;
}

test('uploadFile stores the file; getTempFileURL gives a URL the emulator serves with the right type; downloadFile reads it', async () => {
  const [fileID] = await upload(1, '团员/头像', '.png', 'png-bytes-');
  expect(fileID).toMatch(/^cloud:\/\/.+\/团员\/头像\/0\.png$/);
  const urls = await callApp<{ result: Urls }>(emu.url, 'files', { action: 'urls', fileList: [fileID] });
  const item = urls.body.result.ok!.fileList[0];
  expect(item).toMatchObject({ fileID, status: 0 });
  const served = await fetch(item.tempFileURL);
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toBe('image/png');
  expect(await served.text()).toBe('png-bytes-0');
  const dl = await callApp<{ result: { ok: string } }>(emu.url, 'files', { action: 'download', fileID });
  expect(dl.body.result.ok).toBe('png-bytes-0');
});

test('getTempFileURL takes 50 files a call and refuses 51', async () => {
  const ids = await upload(51, 'many');
  const fifty = await callApp<{ result: Urls }>(emu.url, 'files', { action: 'urls', fileList: ids.slice(0, 50) });
  expect(fifty.body.result.ok!.fileList).toHaveLength(50);
  expect(fifty.body.result.ok!.fileList.every((f) => f.status === 0 && f.tempFileURL)).toBe(true);
  const fiftyOne = await callApp<{ result: Urls }>(emu.url, 'files', { action: 'urls', fileList: ids });
  expect(fiftyOne.body.result.ok).toBeUndefined();
  // The pinned SDK reports storage errors as errCode -1 with CloudBase's message.
  expect(typeof fiftyOne.body.result.errCode).toBe('number');
  expect(fiftyOne.body.result.errMsg).toMatch(/^getTempFileURL:fail .*50/);
});

test('deleteFile removes files; later temp URLs report the file missing', async () => {
  const [fileID] = await upload(1, 'gone');
  const del = await callApp<{ result: { ok: { fileList: Array<{ fileID: string; status: number }> } } }>(emu.url, 'files', {
    action: 'delete',
    fileList: [fileID],
  });
  expect(del.body.result.ok.fileList[0]).toMatchObject({ fileID, status: 0 });
  const urls = await callApp<{ result: Urls }>(emu.url, 'files', { action: 'urls', fileList: [fileID] });
  expect(urls.body.result.ok!.fileList[0]).toMatchObject({ status: -503003, tempFileURL: '' });
  const dl = await callApp<{ result: { errCode?: number } }>(emu.url, 'files', { action: 'download', fileID });
  expect(dl.body.result.errCode).toBeDefined();
});

// docs.cloudbase.net/storage/delete-file: 单次调用最多可以删除 50 个文件，更多需分批处理 — the same cap as
// getTempFileURL; a longer list is refused whole (INVALID_PARAM) and deletes nothing.
test('deleteFile takes 50 files a call and refuses 51 without deleting any', async () => {
  const ids = await upload(51, 'del-many');
  const fiftyOne = await callApp<{ result: { ok?: unknown; errCode?: number; errMsg?: string } }>(emu.url, 'files', {
    action: 'delete',
    fileList: ids,
  });
  expect(fiftyOne.body.result.ok).toBeUndefined();
  expect(typeof fiftyOne.body.result.errCode).toBe('number');
  expect(fiftyOne.body.result.errMsg).toMatch(/^deleteFile:fail .*50/);
  const still = await callApp<{ result: Urls }>(emu.url, 'files', { action: 'urls', fileList: ids.slice(0, 50) });
  expect(still.body.result.ok!.fileList.every((f) => f.status === 0)).toBe(true);
  const fifty = await callApp<{ result: { ok: { fileList: Array<{ status: number }> } } }>(emu.url, 'files', {
    action: 'delete',
    fileList: ids.slice(0, 50),
  });
  expect(fifty.body.result.ok.fileList).toHaveLength(50);
  expect(fifty.body.result.ok.fileList.every((f) => f.status === 0)).toBe(true);
});

test('unsafe cloud paths are refused and nothing outside storage is served', async () => {
  const bad = await callApp<{ result: { errCode?: number; errMsg?: string } }>(emu.url, 'files', { action: 'badPath' });
  expect(bad.body.result.errMsg).toMatch(/^uploadFile:fail path/);
  const escape = await request(`${emu.url}/storage/..%2F..%2Fpackage.json`);
  expect(escape.status).toBe(400);
  const missing = await request(`${emu.url}/storage/nothing/here.txt`);
  expect(missing.status).toBe(404);
});
