/**
 * `npm start`: the whole product in local mode — cloud functions bundled, the H5 app built when its
 * sources changed, the local CloudBase emulator serving both at http://127.0.0.1:3000 (PORT overrides),
 * demo data seeded once. Data lives in .data/ (STRIVE_DATA_DIR overrides); `npm run reset` clears it.
 */
import { resolve } from 'node:path';
import { startEmulator } from '../emulator/server';
import { DataDirError } from '../emulator/db';
import { buildFunctions } from './build-functions';
import { buildH5, h5IsStale } from './h5-build';
import { seedDemo } from './seed';

const root = resolve(__dirname, '..');

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = resolve(root, process.env.STRIVE_DATA_DIR ?? '.data');

  await buildFunctions();
  if (h5IsStale()) buildH5();

  const emulator = await startEmulator({
    port,
    host: '127.0.0.1',
    dataDir,
    functionsDir: resolve(root, 'dist', 'cloudfunctions'),
    staticDir: resolve(root, 'dist', 'h5'),
    timers: true,
  });
  const seed = await seedDemo(`${emulator.url}/admin`);
  if (seed.seeded) console.log(`demo data seeded: ${JSON.stringify(seed.counts)}`);

  console.log('');
  console.log(`党团共建·创先争优 (local mode) is running at ${emulator.url}`);
  console.log(`  data: ${dataDir}   (npm run reset to start over)`);
  console.log('  open the URL, pick a demo identity on the 本地登录 page. Ctrl+C stops.');

  const stop = (): void => {
    emulator.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof DataDirError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
