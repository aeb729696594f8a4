import { parseExpression } from 'cron-parser';
import { listFunctions, readFunctionConfig } from './config';

export const TIMER_ZONE = 'Asia/Shanghai';
/** setTimeout cannot wait longer than ~24.8 days; wake at least daily and look again. */
const MAX_WAIT_MS = 24 * 3600 * 1000;

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
}

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

/** Fires every timer trigger declared in the functions' config.json on its schedule. */
export class TimerClock {
  private handles: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(
    private readonly functionsDir: string,
    private readonly fire: FireTimer,
  ) {}

  start(): void {
    for (const name of listFunctions(this.functionsDir)) {
      for (const trigger of readFunctionConfig(this.functionsDir, name).timers) {
        this.schedule(name, trigger.name, trigger.config);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    for (const handle of this.handles) clearTimeout(handle);
    this.handles = [];
  }

  private schedule(name: string, triggerName: string, cron: string, after = new Date()): void {
    if (this.stopped) return;
    let next: Date | null;
    try {
      next = nextFireTime(cron, new Date(Math.max(Date.now(), after.getTime())));
    } catch (err) {
      console.error(`[emulator] timer ${name}/${triggerName}: ${(err as Error).message}`);
      return;
    }
    if (!next) return;
    const at = next;
    const wait = at.getTime() - Date.now();
    const handle = setTimeout(
      () => {
        this.handles = this.handles.filter((h) => h !== handle);
        if (wait > MAX_WAIT_MS) return this.schedule(name, triggerName, cron);
        const fired = this.fire(name, timerEvent(triggerName, at));
        void fired.finally(() => this.schedule(name, triggerName, cron, at));
      },
      Math.max(0, Math.min(wait, MAX_WAIT_MS)),
    );
    handle.unref();
    this.handles.push(handle);
  }
}
