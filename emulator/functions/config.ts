import fs from 'fs';
import path from 'path';
import { isRecord } from '../http/body';

export interface TimerTrigger {
  name: string;
  /** WeChat's 7-field cron: sec min hour day month week year. */
  config: string;
}

export interface FunctionConfig {
  /** Seconds; undefined means the emulator default. */
  timeout?: number;
  /** Openapi names the function may call (e.g. wxacode.getUnlimited); undefined = not declared. */
  openapi?: string[];
  timers: TimerTrigger[];
  /** Environment variables the deploy sets to a random secret; the emulator generates them (functions/secrets.ts). */
  envSecrets: string[];
}

/** Reads `<functionsDir>/<name>/config.json`; a missing or unreadable file is an empty config. */
export function readFunctionConfig(functionsDir: string, name: string): FunctionConfig {
  const file = path.join(functionsDir, name, 'config.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { timers: [], envSecrets: [] };
  }
  if (!isRecord(raw)) return { timers: [], envSecrets: [] };
  const config: FunctionConfig = { timers: [], envSecrets: [] };
  if (typeof raw.timeout === 'number' && raw.timeout > 0) config.timeout = raw.timeout;
  const permissions = raw.permissions;
  if (isRecord(permissions) && Array.isArray(permissions.openapi)) {
    config.openapi = permissions.openapi.filter((x): x is string => typeof x === 'string');
  }
  if (Array.isArray(raw.envSecrets)) config.envSecrets = raw.envSecrets.filter((x): x is string => typeof x === 'string');
  if (Array.isArray(raw.triggers)) {
    for (const t of raw.triggers) {
      if (isRecord(t) && t.type === 'timer' && typeof t.name === 'string' && typeof t.config === 'string') {
        config.timers.push({ name: t.name, config: t.config });
      }
    }
  }
  return config;
}

const NAME = /^[A-Za-z0-9_-]{1,60}$/;

/** The bundle of a function, or null when the name is invalid or nothing is built there. */
export function bundlePath(functionsDir: string, name: string): string | null {
  if (!NAME.test(name)) return null;
  const file = path.join(functionsDir, name, 'index.js');
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

export function listFunctions(functionsDir: string): string[] {
  try {
    return fs.readdirSync(functionsDir).filter((name) => bundlePath(functionsDir, name) !== null);
  } catch {
    return [];
  }
}
