/**
 * The emulator's one clock: real time plus a settable offset. `db.serverDate()`, timer triggers, the
 * `Date` inside function instances and the inbox's send times all read it, so a test or the 本地工具
 * page can move "now" a week ahead without anyone waiting or faking Date in the test process.
 *
 * The offset never goes below 0 (emulated time is never before real time: documents the functions wrote
 * are never in the future) and is kept in `<dataDir>/clock.json`, so a restart keeps the time the data
 * was written in.
 */
import fs from 'fs';
import path from 'path';
import type { LocalTimerRun } from '../types/app';
import { isRecord } from './http/body';

/** Ten years: far enough for any campaign, small enough that Date arithmetic stays exact. */
export const MAX_CLOCK_OFFSET_MS = 10 * 365 * 24 * 3600 * 1000;

/** Where the clock stands after a move, and the timer runs the move made due. */
export interface ClockMove {
  now: Date;
  offsetMs: number;
  fired: LocalTimerRun[];
}

export class ClockOffsetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClockOffsetError';
  }
}

export class EmulatorClock {
  private offset = 0;

  /** `file` keeps the offset across restarts; without one the clock starts at real time. */
  constructor(private readonly file?: string) {
    if (!file || !fs.existsSync(file)) return;
    try {
      const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      const offsetMs = isRecord(raw) ? raw.offsetMs : undefined;
      this.offset = validOffset(offsetMs);
    } catch (err) {
      // The offset is a convenience, not data: start at real time and say so.
      console.error(`[emulator] ignoring ${file}: ${(err as Error).message}`);
    }
  }

  /** Milliseconds since the epoch, emulated. */
  nowMs(): number {
    return Date.now() + this.offset;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  offsetMs(): number {
    return this.offset;
  }

  /** Sets the shift from real time; throws ClockOffsetError for a negative, fractional or huge one. */
  setOffset(offsetMs: unknown): void {
    this.offset = validOffset(offsetMs);
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ offsetMs: this.offset }));
    fs.renameSync(tmp, this.file);
  }
}

function validOffset(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ClockOffsetError('时间偏移必须是整数毫秒 (offsetMs must be an integer number of milliseconds)');
  }
  if (value < 0) throw new ClockOffsetError('模拟时间不能早于真实时间 (offsetMs cannot be negative)');
  if (value > MAX_CLOCK_OFFSET_MS) throw new ClockOffsetError('时间偏移不能超过十年 (offsetMs cannot exceed ten years)');
  return value;
}
