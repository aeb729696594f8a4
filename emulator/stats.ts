/**
 * Counters the emulator keeps for tests and benchmarks: every admin request by action, and per
 * function invocation the number of database admin requests it caused (its own and those of the
 * functions it called).
 */
export interface InvocationStat {
  requestId: string;
  functionName: string;
  source: string;
  dbRequests: number;
  durationMs: number;
  ok: boolean;
}

export interface StatsSnapshot {
  adminRequests: { total: number; byAction: Record<string, number> };
  invocations: { total: number; byFunction: Record<string, { count: number; dbRequests: number }> };
  /** The latest invocations, oldest first (at most 200). */
  recent: InvocationStat[];
}

interface LiveInvocation {
  functionName: string;
  dbRequests: number;
  parent: LiveInvocation | null;
}

const RECENT_MAX = 200;

export class Stats {
  private byAction = new Map<string, number>();
  private adminTotal = 0;
  private live = new Map<string, LiveInvocation>();
  private byFunction = new Map<string, { count: number; dbRequests: number }>();
  private recent: InvocationStat[] = [];
  private invocationTotal = 0;

  /** Starts counting for an invocation; `parentId` is the invocation that called it, if any. */
  begin(requestId: string, functionName: string, parentId: string | null): void {
    const parent = parentId ? (this.live.get(parentId) ?? null) : null;
    this.live.set(requestId, { functionName, dbRequests: 0, parent });
  }

  /** Ends an invocation and returns the database requests it caused. */
  end(requestId: string, source: string, durationMs: number, ok: boolean): number {
    const inv = this.live.get(requestId);
    this.live.delete(requestId);
    const dbRequests = inv?.dbRequests ?? 0;
    const functionName = inv?.functionName ?? '?';
    const agg = this.byFunction.get(functionName) ?? { count: 0, dbRequests: 0 };
    agg.count += 1;
    agg.dbRequests += dbRequests;
    this.byFunction.set(functionName, agg);
    this.invocationTotal += 1;
    this.recent.push({ requestId, functionName, source, dbRequests, durationMs, ok });
    if (this.recent.length > RECENT_MAX) this.recent.shift();
    return dbRequests;
  }

  /** Counts one admin request; database ones are charged to the invocation (and its callers). */
  adminRequest(action: string, invocationId: string | null): void {
    this.adminTotal += 1;
    this.byAction.set(action, (this.byAction.get(action) ?? 0) + 1);
    if (!action.startsWith('database.') || !invocationId) return;
    for (let inv = this.live.get(invocationId) ?? null; inv; inv = inv.parent) inv.dbRequests += 1;
  }

  /** Database requests of a finished invocation still among the recent ones. */
  dbRequestsOf(requestId: string): number {
    for (let i = this.recent.length - 1; i >= 0; i--) if (this.recent[i].requestId === requestId) return this.recent[i].dbRequests;
    return 0;
  }

  snapshot(): StatsSnapshot {
    return {
      adminRequests: { total: this.adminTotal, byAction: Object.fromEntries(this.byAction) },
      invocations: { total: this.invocationTotal, byFunction: Object.fromEntries(this.byFunction) },
      recent: [...this.recent],
    };
  }

  reset(): void {
    this.byAction.clear();
    this.adminTotal = 0;
    this.byFunction.clear();
    this.recent = [];
    this.invocationTotal = 0;
    for (const inv of this.live.values()) inv.dbRequests = 0;
  }
}
