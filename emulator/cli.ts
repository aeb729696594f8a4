/**
 * `tsx emulator/cli.ts`: starts the local CloudBase.
 * PORT (default 3000), HOST (127.0.0.1), STRIVE_DATA_DIR (.data), STRIVE_FUNCTIONS_DIR
 * (dist/cloudfunctions), STRIVE_STATIC_DIR (dist/h5), STRIVE_TIMERS=0 to keep timers still,
 * STRIVE_BLOCKED_WORDS (file), STRIVE_LOG=1 (a line per request).
 */
import path from 'path';
import { DataDirError } from './db';
import { startEmulator } from './server';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.STRIVE_DATA_DIR || path.join(root, '.data'));
  const emulator = await startEmulator({
    port: process.env.PORT ? Number(process.env.PORT) : 3000,
    host: process.env.HOST || '127.0.0.1',
    dataDir,
    functionsDir: path.resolve(process.env.STRIVE_FUNCTIONS_DIR || path.join(root, 'dist/cloudfunctions')),
    staticDir: path.resolve(process.env.STRIVE_STATIC_DIR || path.join(root, 'dist/h5')),
    timers: process.env.STRIVE_TIMERS !== '0',
  });
  console.log(`本地模拟器已启动 (emulator listening): ${emulator.url}  数据目录 (data): ${dataDir}`);
  const offsetMs = emulator.clock.offsetMs();
  if (offsetMs > 0) {
    const days = Math.round((offsetMs / 86_400_000) * 10) / 10;
    console.log(`模拟时间比真实时间快 ${days} 天 (clock offset, kept in clock.json): ${emulator.clock.now().toISOString()}`);
  }
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof DataDirError) {
    console.error(err.message);
  } else if (err instanceof Error && /EADDRINUSE/.test(err.message)) {
    console.error(`端口已被占用 (port in use): ${err.message}。请设置 PORT=<其他端口>。`);
  } else if (err instanceof Error && /inbox file is corrupt/.test(err.message)) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
