/**
 * The local CloudBase: one HTTP server for the SDK's admin API (database, storage, functions,
 * openapi), the app's function calls, local sign-in, emulator controls and the H5 build.
 *
 * Routes:
 *   POST /admin, /admin/i/:instanceId     admin API (body.action)        -> admin/router.ts
 *   PUT|GET /storage/<cloudPath>          upload target and temp URLs    -> storage/storage-http.ts
 *   POST /api/functions/:name             app call {action, payload}     -> functions/app-route.ts
 *   /api/local/*                          local sign-in                  -> local/session-routes.ts
 *   /api/_emulator/*                      stats, inbox, timers, clock    -> emulator-routes.ts
 *   anything else                         staticDir (SPA)                -> http/static.ts
 * Every request must name the emulator in its Host header (127.0.0.1, localhost or [::1] with the port),
 * or it is refused with 403 (http/host.ts). One clock (clock.ts) is "now" for the database's serverDate,
 * timer triggers, the functions' Date and the inbox.
 */
import fs from 'fs';
import http, { type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { COLLECTIONS } from '../cloudfunctions/shared/collections';
import { handleAdmin, type AdminDeps } from './admin/router';
import { type ClockMove, EmulatorClock } from './clock';
import { openDatabase } from './db';
import { handleEmulatorRoute } from './emulator-routes';
import { handleAppCall } from './functions/app-route';
import { APPID, FunctionRunner } from './functions/runner';
import { FunctionSecrets } from './functions/secrets';
import { TimerScheduler } from './functions/timers';
import { BodyTooLargeError } from './http/body';
import { allowedHosts, isAllowedHost } from './http/host';
import { sendJson } from './http/respond';
import { serveStatic } from './http/static';
import { handleLocalUpload } from './local/upload-route';
import { handleLocalSession } from './local/session-routes';
import { DEFAULT_BLOCKED_WORDS_FILE, readBlockedWords } from './openapi/blocked-words';
import { Inbox } from './openapi/inbox';
import { defaultTemplateLibrary, handleSubscribeRoute, SubscriptionCredits } from './openapi/subscribe-message';
import { MediaCheckQueue, type MediaSuggest } from './openapi/media-check';
import { Stats } from './stats';
import { handleStorageHttp } from './storage/storage-http';

export { Stats } from './stats';
export type { ClockMove } from './clock';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Database, storage and inbox live here; created when missing, never wiped. */
  dataDir: string;
  /** Built function bundles: <functionsDir>/<name>/index.js (+ config.json). */
  functionsDir: string;
  /** The H5 build served at /. */
  staticDir?: string;
  /** Fire timer triggers on their schedule (default false; POST /api/_emulator/timers/... always works). */
  timers?: boolean;
  /** Words msgSecCheck rejects; default STRIVE_BLOCKED_WORDS (a file) or openapi/blocked-words.txt. */
  blockedWords?: string[];
  /** Default function timeout when config.json has none (20 s). */
  functionTimeoutMs?: number;
  /** mediaCheckAsync verdicts by image SHA-256; default STRIVE_MEDIA_RULES (a file) or openapi/media-rules.txt. */
  mediaRules?: Map<string, MediaSuggest>;
  /** How long (emulated) a mediaCheckAsync verdict takes to arrive; default 5 s or STRIVE_MEDIA_CHECK_DELAY_MS. */
  mediaCheckDelayMs?: number;
}

export interface RunningEmulator {
  url: string;
  port: number;
  stats: Stats;
  clock: EmulatorClock;
  /** Pending mediaCheckAsync verdicts; moving the clock past one delivers it (see setClockOffset). */
  mediaChecks: MediaCheckQueue;
  /**
   * Sets the clock's shift from real time (0 = real time; never negative). With timers on, resolves once
   * the triggers whose time the move passed have run (each once).
   */
  setClockOffset(offsetMs: number): Promise<ClockMove>;
  close(): Promise<void>;
}

function blockedWordsFrom(opts: EmulatorOptions): string[] {
  if (opts.blockedWords) return opts.blockedWords;
  return readBlockedWords(process.env.STRIVE_BLOCKED_WORDS || DEFAULT_BLOCKED_WORDS_FILE);
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const dataDir = path.resolve(opts.dataDir);
  const functionsDir = path.resolve(opts.functionsDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const clock = new EmulatorClock(path.join(dataDir, 'clock.json'));
  const inbox = new Inbox(path.join(dataDir, 'inbox.json'), () => clock.now());
  const credits = new SubscriptionCredits(path.join(dataDir, 'subscriptions.json'));
  const templates = defaultTemplateLibrary();
  const blockedWords = blockedWordsFrom(opts);
  const db = openDatabase({ dir: path.join(dataDir, 'db'), collections: COLLECTIONS, now: () => clock.now() });
  const stats = new Stats();
  let baseUrl = '';
  const secrets = new FunctionSecrets(path.join(dataDir, 'function-secrets.json'));
  const runner = new FunctionRunner(
    { functionsDir, defaultTimeoutMs: opts.functionTimeoutMs, secrets: (names) => secrets.valuesFor(names) },
    {
      baseUrl: () => baseUrl,
      clockOffsetMs: () => clock.offsetMs(),
      onStart: (id, name, parent) => stats.begin(id, name, parent),
      onEnd: (id, source, ms, ok) => void stats.end(id, source, ms, ok),
    },
  );
  const storage = { root: path.join(dataDir, 'storage'), baseUrl: () => baseUrl };
  const envDelay = Number(process.env.STRIVE_MEDIA_CHECK_DELAY_MS);
  const mediaChecks = new MediaCheckQueue({
    clock,
    storageRoot: storage.root,
    baseUrl: () => baseUrl,
    appid: APPID,
    rules: opts.mediaRules,
    delayMs: opts.mediaCheckDelayMs ?? (Number.isFinite(envDelay) && envDelay >= 0 ? envDelay : undefined),
    deliver: async (name, event) => {
      try {
        await runner.invoke(name, event, { openid: '', source: 'message_push' });
      } catch (err) {
        console.error(`[emulator] ${event.Event} to ${name} failed:`, (err as Error).message);
      }
    },
  });
  const deps: AdminDeps = {
    db,
    storage,
    runner,
    stats,
    functionsDir,
    openapi: { baseUrl: () => baseUrl, inbox, credits, templates, blockedWords, mediaChecks },
  };
  const log = process.env.STRIVE_LOG === '1';
  const timers = new TimerScheduler(functionsDir, clock, async (name, event) => {
    try {
      await runner.invoke(name, event, { openid: '', source: 'timer' });
    } catch (err) {
      console.error(`[emulator] timer ${name}/${event.TriggerName} failed:`, (err as Error).message);
    }
  });
  async function setClockOffset(offsetMs: number): Promise<ClockMove> {
    clock.setOffset(offsetMs);
    const [fired] = await Promise.all([timers.catchUp(), mediaChecks.catchUp()]);
    return { now: clock.now(), offsetMs: clock.offsetMs(), fired };
  }
  let hosts = new Set<string>();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.pathname;
    const admin = /^\/admin(?:\/i\/([^/]+))?\/?$/.exec(p);
    if (admin && req.method === 'POST') return handleAdmin(deps, req, res, admin[1] ? decodeURIComponent(admin[1]) : null);
    if (p.startsWith('/storage/')) return handleStorageHttp(storage, req, res, p);
    const fn = /^\/api\/functions\/([^/]+)$/.exec(p);
    if (fn && req.method === 'POST') return handleAppCall(runner, stats, req, res, decodeURIComponent(fn[1]));
    if (p === '/api/local/upload' && req.method === 'POST') return handleLocalUpload(storage, req, res, url);
    if (p.startsWith('/api/local/') && (await handleLocalSession(db, req, res, p))) return;
    if (p === '/api/_emulator/subscribe' && (await handleSubscribeRoute(credits, templates, req, res, url))) return;
    if (
      p.startsWith('/api/_emulator/') &&
      (await handleEmulatorRoute({ runner, stats, inbox, functionsDir, clock, setClockOffset, mediaChecks }, req, res, url))
    ) {
      return;
    }
    if (p.startsWith('/api/') || p.startsWith('/admin')) {
      sendJson(res, 404, { errCode: -501000, errMsg: `NOT_FOUND: ${req.method} ${p}`, code: 'NOT_FOUND' });
      return;
    }
    serveStatic(req, res, p, opts.staticDir);
  }

  const server = http.createServer((req, res) => {
    const started = Date.now();
    if (log) res.on('finish', () => console.log(`[emulator] ${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    if (!isAllowedHost(req.headers.host, hosts)) {
      sendJson(res, 403, {
        errCode: -501000,
        errMsg: '拒绝访问：本地模拟器只接受 127.0.0.1、localhost 或 [::1] 的请求 (Host not allowed)',
        code: 'HOST_NOT_ALLOWED',
      });
      return;
    }
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof BodyTooLargeError) {
        sendJson(res, 413, { errCode: -501007, errMsg: err.message, code: 'EXCEED_REQUEST_LIMIT' });
        return;
      }
      console.error(`[emulator] ${req.method} ${req.url} failed:`, err);
      sendJson(res, 500, { errCode: -501001, errMsg: 'SYS_ERR: emulator internal error', code: 'SYS_ERR' });
    });
  });
  server.keepAliveTimeout = 4000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    db.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  baseUrl = `http://${publicHost}:${port}`;
  hosts = allowedHosts(port, host);
  if (opts.timers) timers.start();

  return {
    url: baseUrl,
    port,
    stats,
    clock,
    mediaChecks,
    setClockOffset,
    async close() {
      timers.stop();
      mediaChecks.stop();
      runner.close();
      credits.flush();
      inbox.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.close();
    },
  };
}
