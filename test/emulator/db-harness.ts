/**
 * A tiny stand-in for the emulator's HTTP server, for the database contract tests: forwards every
 * `database.*` admin POST to openDatabase() and answers in the documented wire shape. Captures bodies
 * so tests can assert what the real pinned SDK sends.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { AdminError } from '../../emulator/admin-error';
import { openDatabase, type EmulatorDatabase, type DatabaseOptions } from '../../emulator/db';
import { COLLECTIONS } from '../../cloudfunctions/shared/collections';

export interface Harness {
  db: EmulatorDatabase;
  dir: string;
  url: string;
  /** Bodies received, newest last. */
  bodies: Array<Record<string, unknown>>;
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startHarness(opts: Partial<DatabaseOptions> = {}): Promise<Harness> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'db-test-'));
  const clock = { now: new Date('2026-03-01T08:00:00.000Z') };
  const db = openDatabase({ dir, collections: opts.collections ?? COLLECTIONS, now: opts.now ?? (() => clock.now) });
  const bodies: Array<Record<string, unknown>> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let reply: Record<string, unknown>;
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          bodies.push(body);
          const action = String(body.action ?? '');
          if (!action.startsWith('database.')) throw new AdminError('INVALID_PARAM', `not a database action: ${action}`);
          // The instance id of /admin/i/<id>, as the emulator's router passes it.
          const origin = /\/admin\/i\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? null;
          reply = { requestId: 'harness', ...(await db.handle(action, body, origin)) };
        } catch (e) {
          reply =
            e instanceof AdminError
              ? { code: e.code, message: e.message, requestId: 'harness' }
              : { code: 'SYS_ERR', message: String(e), requestId: 'harness' };
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/admin/i/test`;
  return {
    db,
    dir,
    url,
    bodies,
    clock,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

/** Point the real wx-server-sdk at the harness and return an initialised `cloud`. */
export function sdkFor(h: Harness): WxCloud {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: h.url }),
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'x',
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: 'local',
    SILENCE: 'true',
  });

  const cloud = require('wx-server-sdk') as WxCloud;
  // DYNAMIC_CURRENT_ENV is a symbol the published typings do not admit for `env`.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud;
}

export type WxCloud = typeof import('wx-server-sdk');

/** The database as the tests use it: the published typings mix callback overloads into every result. */
export function dbOf(cloud: WxCloud): SdkDb {
  return cloud.database() as unknown as SdkDb;
}

export interface SdkQuery {
  where(q: object): SdkQuery;
  orderBy(field: string, dir: 'asc' | 'desc'): SdkQuery;
  skip(n: number): SdkQuery;
  limit(n: number): SdkQuery;
  field(p: object): SdkQuery;
  get(): Promise<unknown>;
  count(): Promise<unknown>;
  update(o: { data: object }): Promise<unknown>;
  remove(): Promise<unknown>;
}
export interface SdkDocRef {
  field(p: object): SdkDocRef;
  get(): Promise<unknown>;
  set(o: { data: object }): Promise<unknown>;
  update(o: { data: object }): Promise<unknown>;
  remove(): Promise<unknown>;
}
export interface SdkAggregate {
  match(v: object): SdkAggregate;
  group(v: object): SdkAggregate;
  sort(v: object): SdkAggregate;
  project(v: object): SdkAggregate;
  lookup(v: object): SdkAggregate;
  unwind(v: string | object): SdkAggregate;
  addFields(v: object): SdkAggregate;
  skip(v: number): SdkAggregate;
  limit(v: number): SdkAggregate;
  count(v: string): SdkAggregate;
  end(): Promise<unknown>;
}
export interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDocRef;
  add(o: { data: object | object[] }): Promise<unknown>;
  aggregate(): SdkAggregate;
}
export interface SdkTransaction {
  collection(name: string): SdkCollection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}
export interface SdkDb {
  collection(name: string): SdkCollection;
  command: ReturnType<WxCloud['database']>['command'];
  serverDate(o?: { offset: number }): object;
  RegExp(o: { regexp: string; options?: string }): object;
  createCollection(name: string): Promise<unknown>;
  startTransaction(): Promise<SdkTransaction>;
  runTransaction<T>(fn: (t: SdkTransaction) => Promise<T>, times?: number): Promise<T>;
}

/** The last body with this action. */
export function lastBody(h: Harness, action: string): Record<string, unknown> {
  const b = [...h.bodies].reverse().find((x) => x.action === action);
  if (!b) throw new Error(`no ${action} body captured`);
  return b;
}
