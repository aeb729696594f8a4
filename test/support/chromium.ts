/**
 * Which Chromium the e2e tests drive, and the fonts it draws Chinese with, on a machine nobody prepared:
 * CHROMIUM_PATH, else a system Chromium/Chrome, else the Chromium that the @sparticuz/chromium package ships (unpacked once
 * into node_modules/.cache). When the system has no CJK font, fontconfig is pointed at Noto Sans SC from
 * @expo-google-fonts/noto-sans-sc, so screenshots show Chinese instead of boxes without apt.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { root } from './emulator';

export interface ChromiumChoice {
  readonly executablePath: string;
  /** Where it came from, for the line the e2e run prints. */
  readonly source: string;
}

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

const cacheDir = join(root, 'node_modules', '.cache', 'strive-e2e');

export async function findChromium(): Promise<ChromiumChoice> {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    // An explicit choice that is wrong must fail loudly, not fall back to another browser.
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist`);
    return { executablePath: override, source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return { executablePath: system, source: 'system' };
  return unpackPackagedChromium();
}

/** @sparticuz/chromium ships one brotli-compressed Linux x64 binary; its own unpacker writes to a shared /tmp/chromium without versioning or locking, so unpack it here instead. */
async function unpackPackagedChromium(): Promise<ChromiumChoice> {
  const pkgDir = join(root, 'node_modules', '@sparticuz', 'chromium');
  const packed = join(pkgDir, 'bin', 'chromium.br');
  if (process.platform !== 'linux' || process.arch !== 'x64' || !existsSync(packed)) {
    throw new Error(
      `no Chromium found: set CHROMIUM_PATH, or install Chromium/Chrome at one of ${SYSTEM_BROWSERS.join(', ')} ` +
        `(the Chromium shipped by @sparticuz/chromium runs on Linux x64 only; this is ${process.platform} ${process.arch})`,
    );
  }
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = join(cacheDir, `chromium-${version}`);
  const executablePath = join(dir, 'chromium');
  const source = `@sparticuz/chromium ${version}`;
  if (existsSync(executablePath)) return { executablePath, source };

  mkdirSync(dir, { recursive: true });
  // Test files run in parallel workers: each unpacks to its own file and renames it into place, so none sees half a binary.
  const partial = `${executablePath}.${process.pid}.partial`;
  const started = Date.now();
  try {
    await pipeline(createReadStream(packed), createBrotliDecompress(), createWriteStream(partial, { mode: 0o755 }));
    renameSync(partial, executablePath);
  } finally {
    rmSync(partial, { force: true });
  }
  return { executablePath, source: `${source} (unpacked in ${((Date.now() - started) / 1000).toFixed(1)} s)` };
}

export interface FontChoice {
  /** Extra environment for the browser process (FONTCONFIG_FILE), empty when the system's fonts already cover Chinese. */
  readonly env: Record<string, string>;
  readonly source: string;
}

export function chineseFonts(): FontChoice {
  if (process.env.FONTCONFIG_FILE) return { env: {}, source: `FONTCONFIG_FILE=${process.env.FONTCONFIG_FILE}` };
  if (systemHasChineseFont()) return { env: {}, source: 'system CJK font' };
  const fontPkg = join(root, 'node_modules', '@expo-google-fonts', 'noto-sans-sc');
  const dirs = ['400Regular', '700Bold'].map((weight) => join(fontPkg, weight));
  if (!dirs.every((dir) => existsSync(dir))) return { env: {}, source: 'no CJK font (Chinese renders as boxes)' };

  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, 'fonts.conf');
  // The system's configuration (when there is one) keeps its fonts and aliases; the package's folders add Chinese.
  const conf = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    `  <cachedir>${join(cacheDir, 'fontconfig')}</cachedir>`,
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ...dirs.map((dir) => `  <dir>${dir}</dir>`),
    '</fontconfig>',
    '',
  ].join('\n');
  if (!existsSync(file) || readFileSync(file, 'utf8') !== conf) {
    // Parallel test files may write it at once: a browser must never read half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, conf);
    renameSync(partial, file);
  }
  return { env: { FONTCONFIG_FILE: file }, source: 'Noto Sans SC from @expo-google-fonts/noto-sans-sc' };
}

/** fc-list may be missing on a fresh machine: then nothing says a CJK font is there, so the packaged one is added. */
function systemHasChineseFont(): boolean {
  const res = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.trim() !== '';
}
