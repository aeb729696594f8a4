/**
 * Starts the real emulator for a test file: its own data directory, the bundled cloud functions from
 * dist/cloudfunctions (npm test builds them first), optionally the demo university seeded through the SDK.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Envelope } from '../../types/envelope';
import { isQuietHour } from '../../types/notify';
import { startEmulator, type ClockMove } from '../../emulator/server';
import { seedDemo } from '../../scripts/seed';

export const root = resolve(__dirname, '..', '..');

export interface CallResult<T = unknown> {
  status: number;
  /** The function's envelope (undefined when the emulator refused before running it). */
  result: Envelope<T> | undefined;
  body: Record<string, unknown>;
  /** Database requests the invocation made, as counted by the emulator. */
  dbRequests: number;
}

export interface TestEmulator {
  url: string;
  dataDir: string;
  call<T = unknown>(fn: string, action: string, payload?: unknown, openid?: string): Promise<CallResult<T>>;
  /** The emulator's "now" (real time plus the clock's offset): what serverDate and the functions' Date read. */
  now(): Date;
  /** Moves the emulator's clock ahead; with `timers: true` resolves after the triggers it made due have run. */
  advanceClock(ms: number): Promise<ClockMove>;
  /** Sets the clock's shift from real time (0 = back to real time). */
  setClockOffset(ms: number): Promise<ClockMove>;
  close(): Promise<void>;
}

export const DAY_MS = 24 * 3600 * 1000;

/** Milliseconds from `now` to the next 07:05 in Shanghai, when `now` falls in the reminders' quiet hours; else 0. */
export function untilMorning(now: Date): number {
  if (!isQuietHour(now)) return 0;
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  let morning = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate(), 7, 5) - 8 * 3600_000;
  if (morning <= now.getTime()) morning += DAY_MS;
  return morning - now.getTime();
}

/**
 * `daytime`: a file that sends reminders and expects them at once starts its world (clock and demo dates) at 07:05
 * Shanghai when the real time is in the quiet hours (22:00–07:00), so it passes whenever CI runs it.
 */
export async function startTestEmulator(
  opts: { seed?: boolean; staticDir?: string; timers?: boolean; daytime?: boolean } = {},
): Promise<TestEmulator> {
  const functionsDir = join(root, 'dist', 'cloudfunctions');
  if (!existsSync(join(functionsDir, 'system', 'index.js'))) {
    throw new Error('dist/cloudfunctions is missing: run `npm run build:functions` (npm test does it for you)');
  }
  const dataDir = mkdtempSync(join(root, '.data-test-'));
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    functionsDir,
    staticDir: opts.staticDir,
    timers: opts.timers ?? false,
  });
  if (opts.daytime) await emulator.setClockOffset(untilMorning(emulator.clock.now()));
  if (opts.seed !== false) await seedDemo(`${emulator.url}/admin`, emulator.clock.now());

  return {
    url: emulator.url,
    dataDir,
    async call<T>(fn: string, action: string, payload: unknown = {}, openid?: string): Promise<CallResult<T>> {
      const res = await fetch(`${emulator.url}/api/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-strive-openid': openid } : {}) },
        body: JSON.stringify({ action, payload }),
      });
      const body = (await res.json()) as Record<string, unknown>;
      return {
        status: res.status,
        result: body.result as Envelope<T> | undefined,
        body,
        dbRequests: Number(res.headers.get('x-emulator-db-requests') ?? NaN),
      };
    },
    now: () => emulator.clock.now(),
    advanceClock: (ms) => emulator.setClockOffset(emulator.clock.offsetMs() + ms),
    setClockOffset: (ms) => emulator.setClockOffset(ms),
    async close() {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The data of a successful call; anything else fails the test with the whole reply. */
export function okData<T>(res: CallResult<T>): T {
  if (!res.result?.ok) throw new Error(JSON.stringify(res.body));
  return res.result.data;
}

/** The error code of a refused call, or 'OK'. */
export function errorCode(res: CallResult): string {
  return res.result && !res.result.ok ? res.result.code : 'OK';
}

export type Sdk = typeof import('wx-server-sdk');
export type SdkDb = ReturnType<Sdk['database']>;

/** Openids of people in the seeded demo university (scripts/demo-data.ts) whom the function tests call as. */
export const ADMIN = 'demo-admin';
/** General secretary of 计算机学院团总支 (org-cs). */
export const GS = 'demo-general-cs';
/** Secretary of 计科2301班团支部 (org-cs-1). */
export const SECRETARY = 'demo-2023010101';
/** A plain member of org-cs-1 (m-2023010104). */
export const MEMBER = 'demo-2023010104';
/** The leader whose contact point is org-cs-1. */
export const LEADER = 'demo-leader-1';

export interface SeededEmulator {
  /** The emulator; a handle that may be taken before it starts. */
  readonly emu: TestEmulator;
  /** wx-server-sdk, initialised against this emulator by the seed (storage, openapi, database). */
  readonly sdk: Sdk;
  /** The SDK's database, pointed at this emulator by the seed. */
  readonly db: SdkDb;
  /** Every matching document, 100 per request. */
  find<T = Record<string, unknown>>(coll: string, where: Record<string, unknown>): Promise<T[]>;
  count(coll: string, where?: Record<string, unknown>): Promise<number>;
}

/**
 * For a test file: the seeded emulator, started before its tests and closed after them, with the SDK and its
 * database. Every function test starts its emulator this way; `timers: true` runs due timer triggers.
 */
export function seededEmulator(opts: { timers?: boolean; daytime?: boolean } = {}): SeededEmulator {
  let started: { emu: TestEmulator; sdk: Sdk; db: SdkDb } | null = null;
  beforeAll(async () => {
    const emu = await startTestEmulator({ timers: opts.timers, daytime: opts.daytime });
    const sdk = require('wx-server-sdk') as Sdk;
    started = { emu, sdk, db: sdk.database() };
  });
  afterAll(() => started?.emu.close());
  const get = () => {
    if (!started) throw new Error('seededEmulator: used before beforeAll ran');
    return started;
  };
  // A handle usable from the file's top level (`const { emu } = seededEmulator()`); it reaches the emulator once started.
  const emu: TestEmulator = {
    get url() {
      return get().emu.url;
    },
    get dataDir() {
      return get().emu.dataDir;
    },
    call<T>(fn: string, action: string, payload?: unknown, openid?: string) {
      return get().emu.call<T>(fn, action, payload, openid);
    },
    now: () => get().emu.now(),
    advanceClock: (ms) => get().emu.advanceClock(ms),
    setClockOffset: (ms) => get().emu.setClockOffset(ms),
    close: () => get().emu.close(),
  };
  return {
    emu,
    get sdk() {
      return get().sdk;
    },
    get db() {
      return get().db;
    },
    async find<T>(coll: string, where: Record<string, unknown>): Promise<T[]> {
      const out: T[] = [];
      for (;;) {
        const res = (await get().db.collection(coll).where(where).skip(out.length).limit(100).get()) as unknown as { data: T[] };
        out.push(...res.data);
        if (res.data.length < 100) return out;
      }
    },
    async count(coll: string, where: Record<string, unknown> = {}): Promise<number> {
      return ((await get().db.collection(coll).where(where).count()) as unknown as { total: number }).total;
    },
  };
}
