import cloud = require('wx-server-sdk');

/**
 * The one place that initialises wx-server-sdk. DYNAMIC_CURRENT_ENV makes a function use the env it is
 * deployed in, so the same bundle runs in every cloud env and against the local emulator.
 */
let initialised = false;

export function sdk(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

export type Database = ReturnType<typeof cloud.database>;

let database: Database | null = null;

export function db(): Database {
  if (!database) database = sdk().database();
  return database;
}

/** The caller's identity as the platform states it; never read from a payload. */
export function callerOpenid(): string {
  return sdk().getWXContext().OPENID ?? '';
}
