/** Runs the real `npm start` entry (scripts/start.ts) on a random port with its own data directory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './emulator';

export interface RunningApp {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export async function npmStart(timeoutMs = 150_000): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(root, '.data-e2e-'));
  const child: ChildProcess = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', STRIVE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
    // Keep what the server printed next to the screenshots, for reading a failed CI run.
    mkdirSync(join(root, 'test-results'), { recursive: true });
    writeFileSync(join(root, 'test-results', `npm-start-${process.pid}-${Date.now()}.log`), output);
  };

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = (): void => {
      const m = /is running at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });

  return { url, output: () => output, stop };
}
