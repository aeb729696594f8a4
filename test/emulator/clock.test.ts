/**
 * The emulator's one clock (emulator/clock.ts): the Date inside function instances, db.serverDate() and
 * timer triggers follow its offset; POST /api/_emulator/clock moves it and answers once the timer runs the
 * move made due have finished, so nothing here sleeps and the test process's Date stays real.
 */
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { nextFireTime } from '../../emulator/functions/timers';
import type { LocalClock, LocalClockMoved } from '../../types/app';
import { callApp, makeTempDirs, request, writeFunction, type TempDirs } from './support';

jest.setTimeout(60_000);

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
// Half a day away from now in Shanghai, so no real-time run happens while the test runs.
const DAILY_HOUR = (new Date().getUTCHours() + 8 + 12) % 24;
const DAILY = `0 0 ${DAILY_HOUR} * * * *`;

let dirs: TempDirs;
let emu: RunningEmulator;

beforeAll(async () => {
  dirs = makeTempDirs('clock');
  writeFunction(
    dirs.functionsDir,
    'now',
    `
    class Later extends Date {}
    const db = cloud.database();
    const { _id } = await db.collection('audit').add({ data: { target: 'now', at: db.serverDate() } });
    const { data } = await db.collection('audit').doc(_id).get();
    return {
      now: new Date().toISOString(),
      nowMs: Date.now(),
      called: Date(),
      later: new Later().getTime(),
      isDate: new Date() instanceof Date && new Later() instanceof Date,
      epoch: new Date(0).toISOString(),
      parsed: Date.parse('2020-01-01T00:00:00Z'),
      serverAt: data.at.toISOString(),
    };
  `,
  );
  writeFunction(
    dirs.functionsDir,
    'tick',
    `
    const db = cloud.database();
    await db.collection('audit').add({
      data: { target: 'tick', trigger: event.TriggerName, time: event.Time, fnNow: new Date(), at: db.serverDate() },
    });
    return null;
  `,
    {
      triggers: [
        { name: 'daily', type: 'timer', config: DAILY },
        { name: 'far', type: 'timer', config: '0 0 0 1 1 * 2099' },
      ],
    },
  );
  emu = await startEmulator({ dataDir: dirs.dataDir, functionsDir: dirs.functionsDir, timers: true });
});

afterAll(async () => {
  await emu.close();
  dirs.cleanup();
});

interface Now {
  now: string;
  nowMs: number;
  called: string;
  later: number;
  isDate: boolean;
  epoch: string;
  parsed: number;
  serverAt: string;
}
interface Tick {
  trigger: string;
  time: string;
  fnNowMs: number;
  atMs: number;
}

async function nowInFunction(): Promise<Now> {
  const res = await callApp<{ result: Now }>(emu.url, 'now', {});
  expect(res.status).toBe(200);
  return res.body.result;
}

type EjsonDate = { $date: string | { $numberLong: string } };
const msOf = (d: EjsonDate): number => (typeof d.$date === 'string' ? Date.parse(d.$date) : Number(d.$date.$numberLong));

/** The runs 'tick' recorded, by scheduled time; read through the admin API as the SDK would (canonical EJSON). */
async function ticks(): Promise<Tick[]> {
  const res = await request<{ data: { list: string[] } }>(`${emu.url}/admin`, {
    body: { action: 'database.getDocument', collectionName: 'audit', queryType: 'WHERE', query: '{"target":"tick"}', limit: 100 },
  });
  const list = res.body.data.list.map((text) => JSON.parse(text) as { trigger: string; time: string; fnNow: EjsonDate; at: EjsonDate });
  return list
    .map((t) => ({ trigger: t.trigger, time: t.time, fnNowMs: msOf(t.fnNow), atMs: msOf(t.at) }))
    .sort((a, b) => (a.time < b.time ? -1 : 1));
}

const move = (body: Record<string, unknown>) => request<LocalClockMoved>(`${emu.url}/api/_emulator/clock`, { body });
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

test('GET /api/_emulator/clock starts at real time', async () => {
  const real = Date.now();
  const res = await request<LocalClock>(`${emu.url}/api/_emulator/clock`);
  expect(res.status).toBe(200);
  expect(res.body.offsetMs).toBe(0);
  expect(Math.abs(Date.parse(res.body.now) - real)).toBeLessThan(5_000);
});

test('the Date in a function instance and db.serverDate() follow the clock; dates from values do not move', async () => {
  const atRealTime = await nowInFunction();
  expect(Math.abs(atRealTime.nowMs - Date.now())).toBeLessThan(5_000);

  // Two hours: less than the wait for the next 'daily' run, so no timer runs here.
  const offset = 2 * HOUR_MS + 1;
  const moved = await move({ offsetMs: offset });
  expect(moved.status).toBe(200);
  expect(moved.body).toMatchObject({ offsetMs: offset, fired: [] });
  const real = Date.now();
  const later = await nowInFunction();
  for (const ms of [later.nowMs, Date.parse(later.now), later.later, Date.parse(later.serverAt)]) {
    expect(ms).toBeGreaterThanOrEqual(real + offset);
    expect(ms).toBeLessThan(real + offset + 10_000);
  }
  // Date() without new gives the moved time as text (to the second).
  expect(Math.abs(Date.parse(later.called) - later.nowMs)).toBeLessThan(2_000);
  expect(later.isDate).toBe(true);
  expect(later.epoch).toBe('1970-01-01T00:00:00.000Z');
  expect(later.parsed).toBe(Date.UTC(2020, 0, 1));

  const back = await move({ offsetMs: 0 });
  expect(back.body).toMatchObject({ offsetMs: 0, fired: [] });
});

test('timers fire according to the moved clock: each due trigger once (skipped runs coalesce), the others not at all', async () => {
  expect(await ticks()).toEqual([]);
  const start = Date.now();
  const firstRun = nextFireTime(DAILY, new Date(start))!;
  expect(firstRun.getTime() - start).toBeGreaterThan(DAY_MS / 4);

  // A day ahead passes one 'daily' run: the answer comes after it ran.
  const day = await move({ advanceMs: DAY_MS });
  expect(day.status).toBe(200);
  expect(day.body.offsetMs).toBe(DAY_MS);
  expect(day.body.fired).toEqual([{ functionName: 'tick', triggerName: 'daily', time: iso(firstRun.getTime()) }]);
  const afterDay = await ticks();
  expect(afterDay).toHaveLength(1);
  expect(afterDay[0]).toMatchObject({ trigger: 'daily', time: iso(firstRun.getTime()) });
  // Inside the run, Date and serverDate read the moved clock.
  for (const ms of [afterDay[0].fnNowMs, afterDay[0].atMs]) expect(ms).toBeGreaterThanOrEqual(start + DAY_MS);

  // Two more days pass two runs: they coalesce into one, for the first of them.
  const secondRun = nextFireTime(DAILY, firstRun)!;
  const twoDays = await move({ advanceMs: 2 * DAY_MS });
  expect(twoDays.body.offsetMs).toBe(3 * DAY_MS);
  expect(twoDays.body.fired).toEqual([{ functionName: 'tick', triggerName: 'daily', time: iso(secondRun.getTime()) }]);
  expect((await ticks()).map((t) => t.time)).toEqual([iso(firstRun.getTime()), iso(secondRun.getTime())]);

  // Back to real time runs nothing; the next run is planned from real time again.
  const back = await move({ offsetMs: 0 });
  expect(back.body).toMatchObject({ offsetMs: 0, fired: [] });
  expect(await ticks()).toHaveLength(2);
  const again = await move({ advanceMs: DAY_MS });
  expect(again.body.fired).toEqual([{ functionName: 'tick', triggerName: 'daily', time: iso(firstRun.getTime()) }]);
  await move({ offsetMs: 0 });
});

test('the timer endpoint stamps its event with the clock', async () => {
  await move({ offsetMs: 10 * DAY_MS });
  const res = await request(`${emu.url}/api/_emulator/timers/tick/far`, { method: 'POST' });
  expect(res.status).toBe(200);
  const far = (await ticks()).filter((t) => t.trigger === 'far');
  expect(far).toHaveLength(1);
  expect(Date.parse(far[0].time)).toBeGreaterThanOrEqual(Date.now() + 10 * DAY_MS - 5_000);
  await move({ offsetMs: 0 });
});

test('a bad move is refused with 400 and changes nothing', async () => {
  await move({ offsetMs: DAY_MS });
  for (const body of [
    { offsetMs: -1 },
    { advanceMs: -2 * DAY_MS },
    { offsetMs: 1.5 },
    { advanceMs: '86400000' },
    { offsetMs: 11 * 366 * DAY_MS },
    {},
  ]) {
    const res = await move(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_PARAM' });
  }
  const bad = await request(`${emu.url}/api/_emulator/clock`, { raw: '{"offsetMs":', headers: { 'content-type': 'application/json' } });
  expect(bad.status).toBe(400);
  expect((await request<LocalClock>(`${emu.url}/api/_emulator/clock`)).body.offsetMs).toBe(DAY_MS);
  await move({ offsetMs: 0 });
});

test('the offset survives a restart on the same data directory', async () => {
  const tmp = makeTempDirs('clock-restart');
  try {
    const first = await startEmulator({ dataDir: tmp.dataDir, functionsDir: tmp.functionsDir });
    await first.setClockOffset(7 * DAY_MS);
    await first.close();
    const second = await startEmulator({ dataDir: tmp.dataDir, functionsDir: tmp.functionsDir });
    try {
      expect(second.clock.offsetMs()).toBe(7 * DAY_MS);
    } finally {
      await second.close();
    }
  } finally {
    tmp.cleanup();
  }
});
