/**
 * The mini-program's pages, as WeChat knows them from app.json: wxacode.getUnlimited checks `page`
 * against them (check_path) and opens the home page (the first of `pages`) when none is given.
 *
 * Read from src/app.config.ts, the file Taro turns into dist/weapp/app.json (same pages, same order), so
 * the emulator needs no weapp build to know them.
 */
import path from 'path';
import { isRecord } from '../http/body';

export interface AppPages {
  /** Every page path, main package then sub-packages (`<root>/<page>`), without a leading slash. */
  pages: string[];
  /** The first page of app.json's `pages`. */
  home: string;
}

export const DEFAULT_APP_CONFIG = path.resolve(__dirname, '../../src/app.config.ts');

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : []);

/** The pages of an app.json-shaped object (`pages` and `subPackages`/`subpackages`). */
export function pagesOfAppJson(config: unknown): AppPages {
  if (!isRecord(config)) throw new Error('app config is not an object');
  const main = strings(config.pages);
  if (main.length === 0) throw new Error('app config has no pages');
  const subs = Array.isArray(config.subPackages) ? config.subPackages : Array.isArray(config.subpackages) ? config.subpackages : [];
  const pages = [...main];
  for (const sub of subs) {
    if (!isRecord(sub) || typeof sub.root !== 'string') continue;
    const root = sub.root.replace(/\/+$/, '');
    for (const p of strings(sub.pages)) pages.push(`${root}/${p}`);
  }
  return { pages, home: main[0] };
}

let cached: AppPages | null = null;

/** The app's pages from src/app.config.ts (Taro's `defineAppConfig` is an identity function). */
export function readAppPages(file = DEFAULT_APP_CONFIG): AppPages {
  if (cached && file === DEFAULT_APP_CONFIG) return cached;
  const scope = globalThis as { defineAppConfig?: (c: unknown) => unknown };
  scope.defineAppConfig ??= (c: unknown) => c;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a .ts module loaded at run time (tsx, jest)
  const mod = require(file) as { default?: unknown };
  const pages = pagesOfAppJson(mod.default ?? mod);
  if (file === DEFAULT_APP_CONFIG) cached = pages;
  return pages;
}
