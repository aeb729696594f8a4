/** Decides whether dist/h5 is older than its sources, and rebuilds it with Taro when it is. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), st.mtimeMs);
}

export function h5IsStale(): boolean {
  const built = join(root, 'dist', 'h5', 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(...['src', 'config', 'types', 'babel.config.js', 'package.json'].map((p) => newest(join(root, p))));
  return sources > statSync(built).mtimeMs;
}

export function buildH5(): void {
  const started = Date.now();
  console.log('building the H5 app (taro build --type h5)…');
  const res = spawnSync(join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
    cwd: root,
    stdio: 'inherit',
    // A production build even when started from jest (NODE_ENV=test), which otherwise gets React Refresh hooks
    // that fail in the browser ("$RefreshReg$ is not defined").
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error('H5 build failed (see the output above)');
  console.log(`H5 built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
