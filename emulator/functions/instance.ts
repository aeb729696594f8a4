import { fork, type ChildProcess } from 'child_process';
import path from 'path';
import { isRecord } from '../http/body';
import { InvocationError } from './invocation-error';

const WORKER = path.join(__dirname, 'worker.cjs');

export interface InstanceOptions {
  id: string;
  functionName: string;
  bundle: string;
  bundleMtimeMs: number;
  /** The admin URL this instance's SDK talks to: <emulator>/admin/i/<id>. */
  adminUrl: string;
  /** node_modules the bundle resolves wx-server-sdk from. */
  nodePath: string;
  /** The function's own environment variables (its secrets), as the console sets them. */
  env?: Record<string, string>;
}

export interface InvokeRequest {
  requestId: string;
  event: unknown;
  context: Record<string, unknown>;
  env: Record<string, string>;
  timeoutMs: number;
  /** The emulator clock's shift from real time; the instance's Date follows it (worker.cjs). */
  clockOffsetMs: number;
}

interface Pending {
  requestId: string;
  resolve(result: unknown): void;
  reject(err: InvocationError): void;
  timer: NodeJS.Timeout;
}

/** One forked cloud function instance; runs one invocation at a time. */
export class FunctionInstance {
  readonly id: string;
  readonly functionName: string;
  readonly bundleMtimeMs: number;
  busy = false;
  dead = false;
  private child: ChildProcess;
  private pending: Pending | null = null;

  constructor(opts: InstanceOptions) {
    this.id = opts.id;
    this.functionName = opts.functionName;
    this.bundleMtimeMs = opts.bundleMtimeMs;
    this.child = fork(WORKER, [], {
      cwd: path.dirname(opts.bundle),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        ...opts.env,
        STRIVE_FUNCTION_BUNDLE: opts.bundle,
        NODE_PATH: opts.nodePath,
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: opts.adminUrl }),
        TENCENTCLOUD_SECRETID: 'local-secret-id',
        TENCENTCLOUD_SECRETKEY: 'local-secret-key',
        TENCENTCLOUD: 'true',
        SCF_NAMESPACE: 'local',
        SCF_FUNCTIONNAME: opts.functionName,
        TCB_ENV: 'local',
        // Cloud function instances run in UTC; code must not rely on the machine's zone.
        TZ: 'UTC',
      },
    });
    this.child.on('message', (msg: unknown) => this.onMessage(msg));
    this.child.on('exit', (code, signal) => this.onExit(code, signal));
    this.child.on('error', () => this.onExit(null, null));
  }

  invoke(req: InvokeRequest): Promise<unknown> {
    if (this.dead) return Promise.reject(new InvocationError('FUNCTIONS_EXECUTE_FAIL', 'instance is not running', req.requestId));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(
          new InvocationError(
            'FUNCTIONS_TIME_LIMIT_EXCEEDED',
            `Invoking task timed out after ${req.timeoutMs / 1000} seconds`,
            req.requestId,
          ),
        );
        this.kill();
      }, req.timeoutMs);
      this.pending = { requestId: req.requestId, resolve, reject, timer };
      this.child.send({
        type: 'invoke',
        id: req.requestId,
        event: req.event,
        context: req.context,
        env: req.env,
        clockOffsetMs: req.clockOffsetMs,
      });
    });
  }

  kill(): void {
    this.dead = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private onMessage(msg: unknown): void {
    if (!isRecord(msg) || !this.pending || msg.id !== this.pending.requestId) return;
    const pending = this.pending;
    this.pending = null;
    clearTimeout(pending.timer);
    if (msg.type === 'result') {
      pending.resolve(msg.result);
    } else {
      const error = isRecord(msg.error) ? msg.error : {};
      const message = typeof error.message === 'string' ? error.message : 'function failed';
      pending.reject(new InvocationError('FUNCTIONS_EXECUTE_FAIL', message, pending.requestId));
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.dead = true;
    const how = signal ? `signal ${signal}` : `code ${code ?? '?'}`;
    if (this.pending) {
      this.fail(new InvocationError('FUNCTIONS_EXECUTE_FAIL', `function instance exited unexpectedly (${how})`, this.pending.requestId));
    }
  }

  private fail(err: InvocationError): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    clearTimeout(pending.timer);
    pending.reject(err);
  }
}
