/**
 * Bundles each cloud function domain (every folder of cloudfunctions/ but shared/) into
 * dist/cloudfunctions/<domain>/ — index.js with wx-server-sdk left external, a package.json that pins
 * the SDK (the cloud installs it on deploy), and config.json (openapi permissions, timer triggers).
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const sourceDir = join(root, 'cloudfunctions');
const outRoot = join(root, 'dist', 'cloudfunctions');
const SDK_VERSION = '4.0.2';

export function functionDomains(): string[] {
  return readdirSync(sourceDir)
    .filter((name) => name !== 'shared' && statSync(join(sourceDir, name)).isDirectory())
    .filter((name) => existsSync(join(sourceDir, name, 'index.ts')))
    .sort();
}

export async function buildFunctions(): Promise<{ domain: string; bytes: number }[]> {
  const results: { domain: string; bytes: number }[] = [];
  for (const domain of functionDomains()) {
    const outDir = join(outRoot, domain);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    await build({
      entryPoints: [join(sourceDir, domain, 'index.ts')],
      outfile: join(outDir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
    });
    writeFileSync(
      join(outDir, 'package.json'),
      JSON.stringify(
        { name: domain, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': SDK_VERSION } },
        null,
        2,
      ) + '\n',
    );
    const configPath = join(sourceDir, domain, 'config.json');
    const config = existsSync(configPath) ? readFileSync(configPath, 'utf8') : '{ "permissions": { "openapi": [] } }\n';
    writeFileSync(join(outDir, 'config.json'), config);
    results.push({ domain, bytes: statSync(join(outDir, 'index.js')).size });
  }
  return results;
}

if (require.main === module) {
  const started = Date.now();
  buildFunctions()
    .then((built) => {
      for (const b of built) console.log(`  dist/cloudfunctions/${b.domain}/index.js  ${(b.bytes / 1024).toFixed(1)} KB`);
      console.log(`cloud functions built in ${Date.now() - started} ms`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
