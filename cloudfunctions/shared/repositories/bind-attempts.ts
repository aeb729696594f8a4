import type { BindAttempts } from '../../../types/models';
import { isDuplicateKey } from './db-errors';
import { Repository } from './repository';

/** A person may fail this many times within the window; then they are locked out for LOCK_MS. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 10 * 60 * 1000;
export const LOCK_MS = 10 * 60 * 1000;

export type AttemptState = Pick<BindAttempts, 'failures' | 'windowStart' | 'lockedUntil'>;

const asTime = (d: Date | string | null | undefined): number => (d ? new Date(d).getTime() : 0);

export function isLocked(doc: AttemptState | null, now: number): boolean {
  return Boolean(doc && asTime(doc.lockedUntil) > now);
}

/** Minutes left of a lock, for the message. */
export function minutesLeft(doc: AttemptState | null, now: number): number {
  return doc ? Math.max(1, Math.ceil((asTime(doc.lockedUntil) - now) / 60_000)) : 0;
}

/**
 * Failed binding / invite attempts of one WeChat identity (document id = openid). Failures are counted
 * with compare-and-set writes, so concurrent wrong guesses each count once and exactly the attempts
 * after the limit are refused. The clock is the function's, which is the server's.
 */
class BindAttemptRepository extends Repository<BindAttempts> {
  constructor() {
    super('bindAttempts');
  }

  /**
   * Counts one failure. Returns 'locked' when the identity was already locked (this attempt must be
   * answered RATE_LIMITED), otherwise 'counted' (the lock starts once MAX_FAILURES is reached).
   */
  async recordFailure(openid: string, known: BindAttempts | null, now = Date.now()): Promise<'counted' | 'locked'> {
    let current = known;
    for (let attempt = 0; attempt < 30; attempt++) {
      if (isLocked(current, now)) return 'locked';
      const fresh = !current || asTime(current.windowStart) + WINDOW_MS <= now;
      const failures = fresh ? 1 : (current as BindAttempts).failures + 1;
      const next = {
        failures,
        windowStart: fresh ? new Date(now) : new Date(asTime((current as BindAttempts).windowStart)),
        lockedUntil: failures >= MAX_FAILURES ? new Date(now + LOCK_MS) : null,
      };
      if (!current) {
        try {
          await this.collection().add({ data: { _id: openid, ...next } });
          return 'counted';
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
      } else {
        if ((await this.updateWhere({ _id: openid, failures: current.failures }, next)) === 1) return 'counted';
      }
      current = await this.byId(openid);
    }
    throw new Error('bindAttempts: too much contention');
  }

  /** A success forgets earlier failures (never lifts an active lock: callers check it first). */
  async reset(openid: string): Promise<void> {
    await this.removeWhere({ _id: openid });
  }
}

export const bindAttempts = new BindAttemptRepository();
