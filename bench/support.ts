/**
 * The set-up the benchmarks share: a fresh data directory under the repository, an emulator on a free port running
 * the built functions (dist/cloudfunctions), the demo seed, and this process's wx-server-sdk pointed at it.
 */
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmulator } from '../emulator/server';
import { seedDemo } from '../scripts/seed';

export const root = resolve(__dirname, '..');

export async function seededEmulator(options: { timers?: boolean } = {}) {
  const dir = mkdtempSync(join(root, '.data-bench-'));
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'emu'),
    functionsDir: join(root, 'dist', 'cloudfunctions'),
    ...options,
  });
  // The seed points this process's SDK at the emulator; the benchmark reuses that setup.
  await seedDemo(`${emulator.url}/admin`);
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return { dir, emulator, cloud, db: cloud.database() };
}
