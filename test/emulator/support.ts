/** Shared helpers for the emulator tests: temp dirs under .data-test/, plain-JS test functions, HTTP calls. */
import fs from 'fs';
import path from 'path';
import { randomUUID } from 'crypto';

export const ROOT = path.resolve(__dirname, '../..');

export interface TempDirs {
  dataDir: string;
  functionsDir: string;
  cleanup(): void;
}

export function makeTempDirs(label: string): TempDirs {
  const base = path.join(ROOT, '.data-test', `${label}-${randomUUID().slice(0, 8)}`);
  const dataDir = path.join(base, 'data');
  const functionsDir = path.join(base, 'functions');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(functionsDir, { recursive: true });
  return { dataDir, functionsDir, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}

/** A cloud function bundle: `body` is the code of `async (event, context) => { ... }`'s block. */
export function writeFunction(functionsDir: string, name: string, body: string, config?: Record<string, unknown>): void {
  const dir = path.join(functionsDir, name);
  fs.mkdirSync(dir, { recursive: true });
  const source = [
    "'use strict';",
    "const cloud = require('wx-server-sdk');",
    'cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });',
    'exports.main = async (event, context) => {',
    body,
    '};',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'index.js'), source);
  if (config) fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
}

export interface HttpReply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpReply<T>> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let body: string | undefined;
  if (init.raw !== undefined) body = init.raw;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), body, headers });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** Calls a function as the app does, optionally as a signed-in openid. */
export function callApp<T = Record<string, unknown>>(
  baseUrl: string,
  name: string,
  event: Record<string, unknown>,
  openid?: string,
): Promise<HttpReply<T>> {
  return request<T>(`${baseUrl}/api/functions/${name}`, {
    body: event,
    headers: openid ? { 'x-strive-openid': openid } : {},
  });
}
