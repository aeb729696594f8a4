/**
 * security.mediaCheckAsync v2 through the real SDK, as WeChat runs it: the call answers a trace id at
 * once (the SDK camel-cases trace_id to traceId); the verdict arrives later as a `wxa_media_check` event
 * pushed to the function the message-push settings name (cloudfunctions/message-push.json: fulfil), with
 * the shape WeChat documents and users report ({ Event, trace_id, version: 2, result: { suggest, label },
 * detail }). Locally the verdict is a rule on the image's SHA-256, and the delay runs on the emulator clock.
 * Refusals follow the v2 table: 40003 no openid, 40129 scene outside 1–4, 47001 malformed parameters.
 */
import { createHash } from 'crypto';
import { PNG } from 'pngjs';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { callApp, makeTempDirs, type TempDirs, writeFunction } from './support';

jest.setTimeout(60_000);

let dirs: TempDirs;
let emu: RunningEmulator;

function png(r: number): Buffer {
  const img = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < img.data.length; i += 4) img.data.set([r, 0, 0, 255], i);
  return PNG.sync.write(img);
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const [clean, risky, review] = [png(10), png(20), png(30)];

beforeAll(async () => {
  dirs = makeTempDirs('media-check');
  writeFunction(
    dirs.functionsDir,
    'fulfil',
    `
    const db = cloud.database();
    if (event.Event === 'wxa_media_check') {
      await db.collection('audit').add({ data: { kind: 'media-event', event, source: cloud.getWXContext().SOURCE || '' } });
      return 'success';
    }
    switch (event.action) {
      case 'upload': {
        const r = await cloud.uploadFile({ cloudPath: event.path, fileContent: Buffer.from(event.b64, 'base64') });
        const u = await cloud.getTempFileURL({ fileList: [r.fileID] });
        return { url: u.fileList[0].tempFileURL };
      }
      case 'check':
        try { return await cloud.openapi.security.mediaCheckAsync(event.params); } catch (e) { return { errCode: e.errCode }; }
      case 'events':
        return (await db.collection('audit').where({ kind: 'media-event' }).get()).data;
    }
  `,
    { permissions: { openapi: ['security.mediaCheckAsync'] } },
  );
  emu = await startEmulator({
    dataDir: dirs.dataDir,
    functionsDir: dirs.functionsDir,
    mediaRules: new Map([
      [sha(risky), 'risky'],
      [sha(review), 'review'],
    ]),
    mediaCheckDelayMs: 60_000,
  });
});

afterAll(async () => {
  await emu.close();
  dirs.cleanup();
});

const call = async <T>(event: Record<string, unknown>): Promise<T> => (await callApp<{ result: T }>(emu.url, 'fulfil', event)).body.result;
const check = (params: Record<string, unknown>) => call<{ errCode?: number; traceId?: string }>({ action: 'check', params });
interface Pushed {
  event: { Event: string; trace_id: string; version: number; FromUserName: string; result: { suggest: string; label: number } };
}

test('refuses what v2 refuses', async () => {
  const base = { mediaUrl: 'http://example.com/a.png', mediaType: 2, version: 2, scene: 2, openid: 'o-1' };
  expect(await check({ ...base, openid: '' })).toEqual({ errCode: 40003 });
  expect(await check({ ...base, scene: 7 })).toEqual({ errCode: 40129 });
  expect(await check({ ...base, mediaType: 3 })).toEqual({ errCode: 47001 });
  expect(await check({ ...base, mediaUrl: 'cloud://not-a-url' })).toEqual({ errCode: 47001 });
});

test('answers trace ids now and pushes each verdict to the configured function once the clock passes the delay', async () => {
  const traces: string[] = [];
  for (const [i, bytes] of [clean, risky, review].entries()) {
    const { url } = await call<{ url: string }>({ action: 'upload', path: `media/${i}.png`, b64: bytes.toString('base64') });
    const res = await check({ mediaUrl: url, mediaType: 2, version: 2, scene: 2, openid: 'o-author' });
    expect(res.traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    traces.push(res.traceId ?? '');
  }
  const unreadable = await check({ mediaUrl: 'http://example.com/elsewhere.png', mediaType: 2, version: 2, scene: 2, openid: 'o-author' });

  expect(await call<Pushed[]>({ action: 'events' })).toEqual([]);
  await emu.setClockOffset(emu.clock.offsetMs() + 30_000);
  expect(await call<Pushed[]>({ action: 'events' })).toEqual([]);
  await emu.setClockOffset(emu.clock.offsetMs() + 31_000);

  const events = await call<Pushed[]>({ action: 'events' });
  const verdict = (trace: string | undefined) => events.find((e) => e.event.trace_id === trace)?.event;
  expect(events).toHaveLength(4);
  expect(verdict(traces[0])).toMatchObject({
    Event: 'wxa_media_check',
    version: 2,
    FromUserName: 'o-author',
    result: { suggest: 'pass', label: 100 },
  });
  expect(verdict(traces[1])?.result).toEqual({ suggest: 'risky', label: 20002 });
  expect(verdict(traces[2])?.result).toEqual({ suggest: 'review', label: 21000 });
  // A URL the emulator cannot fetch is not passed: it goes to review.
  expect(verdict(unreadable.traceId)?.result.suggest).toBe('review');
  expect(emu.mediaChecks.size()).toBe(0);
});
