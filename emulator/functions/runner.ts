import fs from 'fs';
import path from 'path';
import { newRequestId } from '../http/request-id';
import { bundlePath, readFunctionConfig } from './config';
import { FunctionInstance } from './instance';
import { InvocationError } from './invocation-error';

/** 'message_push': an event the environment's message-push settings route to a function (wxa_media_check, …). */
export type InvocationSource = 'wx_client' | 'wx_function' | 'timer' | 'message_push';

export interface Caller {
  openid: string;
  source: InvocationSource;
  /** The invocation that called this one (function-to-function), for stats. */
  parentRequestId?: string | null;
}

export interface RunningInvocation {
  requestId: string;
  functionName: string;
  openid: string;
}

export interface RunnerHooks {
  /** Base URL of the emulator (known once it listens). */
  baseUrl(): string;
  /** The emulator clock's shift from real time, read at each invocation (0 when absent). */
  clockOffsetMs?(): number;
  onStart?(requestId: string, functionName: string, parentRequestId: string | null): void;
  onEnd?(requestId: string, source: InvocationSource, durationMs: number, ok: boolean): void;
}

export interface RunnerOptions {
  functionsDir: string;
  maxInstancesPerFunction?: number;
  defaultTimeoutMs?: number;
  /** The values of the secrets a function's config.json names (envSecrets), set in its instances' environment. */
  secrets?: (names: readonly string[]) => Record<string, string>;
}

export const APPID = 'wx-local-appid';
const NODE_PATH = path.dirname(path.dirname(require.resolve('wx-server-sdk/package.json')));

interface Pool {
  instances: FunctionInstance[];
  waiters: Array<() => void>;
}

/**
 * Runs cloud functions the way the platform does: per function a few warm instances, each serving
 * one invocation at a time; more instances up to a cap, a queue beyond it. A crashed or timed-out
 * instance is dropped; a rebuilt bundle (new mtime) retires the warm ones.
 */
export class FunctionRunner {
  private pools = new Map<string, Pool>();
  private byInstance = new Map<string, RunningInvocation>();
  private nextInstance = 1;
  private closed = false;
  private readonly maxInstances: number;
  private readonly defaultTimeoutMs: number;

  constructor(
    private readonly opts: RunnerOptions,
    private readonly hooks: RunnerHooks,
  ) {
    this.maxInstances = opts.maxInstancesPerFunction ?? 4;
    this.defaultTimeoutMs = opts.defaultTimeoutMs ?? 20_000;
  }

  exists(name: string): boolean {
    return bundlePath(this.opts.functionsDir, name) !== null;
  }

  /** The invocation an instance is running now (admin calls carry the instance id in their URL). */
  invocationOf(instanceId: string): RunningInvocation | null {
    return this.byInstance.get(instanceId) ?? null;
  }

  functionOfInstance(instanceId: string): string | null {
    return this.byInstance.get(instanceId)?.functionName ?? null;
  }

  async invoke(name: string, event: unknown, caller: Caller): Promise<{ requestId: string; result: unknown }> {
    const requestId = newRequestId();
    const bundle = bundlePath(this.opts.functionsDir, name);
    if (!bundle) throw new InvocationError('FUNCTION_NOT_FOUND', `FUNCTION_NOT_FOUND: ${name}`, requestId);
    const config = readFunctionConfig(this.opts.functionsDir, name);
    const timeoutMs = config.timeout ? config.timeout * 1000 : this.defaultTimeoutMs;
    const parent = caller.parentRequestId ?? null;
    const started = Date.now();
    this.hooks.onStart?.(requestId, name, parent);
    let ok = false;
    let instance: FunctionInstance | null = null;
    try {
      instance = await this.acquire(name, bundle, requestId, config.envSecrets);
      this.byInstance.set(instance.id, { requestId, functionName: name, openid: caller.openid });
      const result = await instance.invoke({
        requestId,
        event,
        timeoutMs,
        clockOffsetMs: this.hooks.clockOffsetMs?.() ?? 0,
        context: {
          callbackWaitsForEmptyEventLoop: false,
          memory_limit_in_mb: 256,
          time_limit_in_ms: timeoutMs,
          request_id: requestId,
          function_name: name,
          function_version: '$LATEST',
          namespace: 'local',
          environ: '',
        },
        env: {
          WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,TCB_SOURCE',
          WX_OPENID: caller.openid,
          WX_APPID: APPID,
          WX_UNIONID: '',
          TCB_SOURCE: caller.source,
          SCF_REQUESTID: requestId,
        },
      });
      ok = true;
      return { requestId, result };
    } finally {
      if (instance) {
        this.byInstance.delete(instance.id);
        this.release(name, instance);
      }
      this.hooks.onEnd?.(requestId, caller.source, Date.now() - started, ok);
    }
  }

  /** Stops every instance. */
  close(): void {
    this.closed = true;
    for (const pool of this.pools.values()) {
      for (const inst of pool.instances) inst.kill();
      pool.instances = [];
      for (const wake of pool.waiters.splice(0)) wake();
    }
  }

  private pool(name: string): Pool {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = { instances: [], waiters: [] };
      this.pools.set(name, pool);
    }
    return pool;
  }

  private async acquire(name: string, bundle: string, requestId: string, envSecrets: readonly string[]): Promise<FunctionInstance> {
    const pool = this.pool(name);
    for (;;) {
      if (this.closed) throw new InvocationError('FUNCTIONS_EXECUTE_FAIL', 'emulator is shutting down', requestId);
      const mtimeMs = fs.statSync(bundle).mtimeMs;
      // Retire dead instances and idle ones running an older build.
      pool.instances = pool.instances.filter((inst) => {
        if (!inst.dead && (inst.busy || inst.bundleMtimeMs === mtimeMs)) return true;
        inst.kill();
        return false;
      });
      const idle = pool.instances.find((inst) => !inst.busy && inst.bundleMtimeMs === mtimeMs);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.instances.length < this.maxInstances) {
        const id = `${name}-${this.nextInstance++}`;
        const inst = new FunctionInstance({
          id,
          functionName: name,
          bundle,
          bundleMtimeMs: mtimeMs,
          adminUrl: `${this.hooks.baseUrl()}/admin/i/${encodeURIComponent(id)}`,
          nodePath: NODE_PATH,
          env: envSecrets.length > 0 ? (this.opts.secrets?.(envSecrets) ?? {}) : {},
        });
        inst.busy = true;
        pool.instances.push(inst);
        return inst;
      }
      await new Promise<void>((resolve) => pool.waiters.push(resolve));
    }
  }

  private release(name: string, instance: FunctionInstance): void {
    const pool = this.pool(name);
    instance.busy = false;
    if (instance.dead) pool.instances = pool.instances.filter((i) => i !== instance);
    pool.waiters.shift()?.();
  }
}
