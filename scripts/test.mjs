#!/usr/bin/env node
/**
 * `npm test`: lints, type-checks and builds what the tests exercise (cloud functions, the weapp and H5 apps), then runs every
 * jest project: unit, emulator, functions, component, simulate, e2e. Extra arguments go to jest
 * (e.g. `npm test -- --selectProjects unit`). STRIVE_SKIP_BUILD=1 reuses existing builds.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(label, cmd, args) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (res.status !== 0) {
    console.error(`✖ ${label} failed (exit ${res.status ?? res.signal})`);
    process.exit(res.status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

if (process.env.STRIVE_SKIP_BUILD !== '1') {
  run('lint (eslint, prettier)', bin('eslint'), ['.', '--max-warnings', '0']);
  run('format check', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
  run('type check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  run('build cloud functions', bin('tsx'), ['scripts/build-functions.ts']);
  run('build weapp', bin('taro'), ['build', '--type', 'weapp']);
  run('build h5', bin('taro'), ['build', '--type', 'h5']);
}
run('jest', bin('jest'), ['--ci', ...process.argv.slice(2)]);
