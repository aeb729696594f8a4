import { parseExpression } from 'cron-parser';
import type { LocalTimerRun } from '../../types/app';
import type { EmulatorClock } from '../clock';
import { listFunctions, readFunctionConfig } from './config';

export const TIMER_ZONE = 'Asia/Shanghai';
/** setTimeout cannot wait longer than ~24.8 days; wake at least daily and look again. */
const MAX_WAIT_MS = 24 * 3600 * 1000;

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
}

/** Runs one timer invocation; reports its own failures and never rejects. */
export type FireTimer = (functionName: string, event: TimerEvent) => Promise<void>;

/** WeChat's cron has 7 fields (sec min hour day month week year); cron-parser takes the first 6. */
export function nextFireTime(cron: string, after: Date): Date | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7 && fields.length !== 6) throw new Error(`invalid timer cron "${cron}": expected 7 fields`);
  const year = fields.length === 7 ? fields[6] : '*';
  const interval = parseExpression(fields.slice(0, 6).join(' '), { currentDate: after, tz: TIMER_ZONE });
  for (let i = 0; i < 1000; i++) {
    const next = interval.next().toDate();
    if (yearMatches(year, next)) return next;
  }
  return null;
}

function yearMatches(field: string, date: Date): boolean {
  if (field === '*') return true;
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: TIMER_ZONE, year: 'numeric' }).format(date));
  return field.split(',').some((part) => {
    const [lo, hi] = part.split('-').map(Number);
    return hi === undefined ? year === lo : year >= lo && year <= hi;
  });
}

export function timerEvent(triggerName: string, at: Date): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

interface Trigger {
  functionName: string;
  triggerName: string;
  cron: string;
  /** The next scheduled run, emulated time; null when the cron has no more. */
  next: Date | null;
  handle: NodeJS.Timeout | null;
  running: Promise<void> | null;
}

/**
 * Fires every timer trigger declared in the functions' config.json on its schedule, read from the
 * emulator's clock. When the clock jumps ahead, `catchUp()` runs each trigger whose time has passed
 * once (the runs it skipped coalesce into that one, as a late run would) and plans the next from the
 * new "now"; when it goes back, the next runs are planned again from there.
 */
export class TimerScheduler {
  private triggers: Trigger[] = [];
  private started = false;
  private stopped = false;

  constructor(
    private readonly functionsDir: string,
    private readonly clock: EmulatorClock,
    private readonly fire: FireTimer,
  ) {}

  start(): void {
    this.started = true;
    for (const functionName of listFunctions(this.functionsDir)) {
      for (const t of readFunctionConfig(this.functionsDir, functionName).timers) {
        const trigger: Trigger = { functionName, triggerName: t.name, cron: t.config, next: null, handle: null, running: null };
        this.triggers.push(trigger);
        this.plan(trigger);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    for (const trigger of this.triggers) this.disarm(trigger);
  }

  /** After the clock moved: runs what became due (resolving when those runs end) and re-plans the rest. */
  async catchUp(): Promise<LocalTimerRun[]> {
    if (!this.started || this.stopped) return [];
    const fired = await Promise.all(this.triggers.map((trigger) => this.runIfDue(trigger)));
    return fired.filter((f): f is LocalTimerRun => f !== null);
  }

  private async runIfDue(trigger: Trigger): Promise<LocalTimerRun | null> {
    while (trigger.running) await trigger.running;
    if (this.stopped) return null;
    if (!trigger.next || trigger.next.getTime() > this.clock.nowMs()) {
      this.plan(trigger);
      return null;
    }
    const event = timerEvent(trigger.triggerName, trigger.next);
    this.disarm(trigger);
    trigger.running = this.fire(trigger.functionName, event).finally(() => {
      trigger.running = null;
      this.plan(trigger);
    });
    await trigger.running;
    return { functionName: trigger.functionName, triggerName: trigger.triggerName, time: event.Time };
  }

  /** The next run after the clock's "now", and a real-time wake-up for it. */
  private plan(trigger: Trigger): void {
    this.disarm(trigger);
    if (this.stopped) return;
    try {
      trigger.next = nextFireTime(trigger.cron, this.clock.now());
    } catch (err) {
      console.error(`[emulator] timer ${trigger.functionName}/${trigger.triggerName}: ${(err as Error).message}`);
      trigger.next = null;
    }
    this.arm(trigger);
  }

  private arm(trigger: Trigger): void {
    if (!trigger.next || this.stopped) return;
    const wait = trigger.next.getTime() - this.clock.nowMs();
    trigger.handle = setTimeout(
      () => {
        trigger.handle = null;
        // Woken early (a capped wait): look again; due: run it.
        if (trigger.next && trigger.next.getTime() > this.clock.nowMs()) this.arm(trigger);
        else void this.runIfDue(trigger);
      },
      Math.max(0, Math.min(wait, MAX_WAIT_MS)),
    );
    trigger.handle.unref();
  }

  private disarm(trigger: Trigger): void {
    if (trigger.handle) clearTimeout(trigger.handle);
    trigger.handle = null;
  }
}
