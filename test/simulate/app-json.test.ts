/**
 * dist/weapp/app.json checked as WeChat checks it when the project is compiled or uploaded: every page
 * has its files, every usingComponents entry resolves, sub-package roots are folders that own their
 * pages, the tabBar names main-package pages with small square icons, lazyCodeLoading is on, the
 * sitemap is there, and the packages fit WeChat's size limits.
 * (Rules: developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html, …/framework/subpackages.html,
 * …/framework/sitemap.html, …/framework/ability/lazyload.html.)
 */
import fs from 'fs';
import path from 'path';
import { pageRoutes, readAppJson, subPackagesOf } from './app-json';
import { DIST, assertBuilt } from './weapp-host';

assertBuilt();
const app = readAppJson();
const subPackages = subPackagesOf(app);

const KB = 1024;
const MB = 1024 * KB;
/** WeChat: a tabBar icon at most 40 KB, 81 × 81 px recommended (and required here). */
const ICON_MAX_BYTES = 40 * KB;
const ICON_SIZE = 81;
/** WeChat: the main package and each sub-package at most 2 MB, all packages together at most 20 MB. */
const PACKAGE_MAX = 2 * MB;
const TOTAL_MAX = 20 * MB;
/** The team's own budget, far under WeChat's: the main package is what every first open downloads, so new pages go in sub-packages. */
const MAIN_BUDGET = 450 * KB;

const exists = (rel: string) => fs.existsSync(path.join(DIST, rel));
const readJson = (rel: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(DIST, rel), 'utf8')) as Record<string, unknown>;

/** Width and height from a PNG's IHDR chunk (or JPEG's first SOF marker), null for anything else. */
function imageSize(file: string): { width: number; height: number } | null {
  const b = fs.readFileSync(file);
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && b.toString('ascii', 12, 16) === 'IHDR') {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 9 < b.length;) {
      const marker = b[i + 1];
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      }
      i += 2 + b.readUInt16BE(i + 2);
    }
  }
  return null;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(full) : [full];
  });
}

test('every page listed in app.json has its .js, .json and .wxml (a .wxss is optional), and none is listed twice', () => {
  const routes = pageRoutes(app);
  expect(routes.length).toBeGreaterThan(0);
  expect(routes.length).toBe(new Set(routes).size);
  const missing = routes.flatMap((route) =>
    ['js', 'json', 'wxml'].filter((ext) => !exists(`${route}.${ext}`)).map((ext) => `${route}.${ext}`),
  );
  expect(missing).toEqual([]);
  for (const route of routes) expect(() => readJson(`${route}.json`)).not.toThrow();
});

test('every usingComponents entry of a page or component resolves to a component', () => {
  const seen = new Set<string>();
  const problems: string[] = [];
  const visit = (rel: string) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const using = (readJson(`${rel}.json`).usingComponents ?? {}) as Record<string, string>;
    for (const [tag, target] of Object.entries(using)) {
      if (target.startsWith('plugin://')) continue;
      const resolved = target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(rel), target);
      const lacking = ['js', 'json', 'wxml'].filter((ext) => !exists(`${resolved}.${ext}`));
      if (lacking.length > 0) problems.push(`${rel}: <${tag}> → ${target} lacks ${lacking.join(', ')}`);
      else visit(resolved);
    }
  };
  for (const route of pageRoutes(app)) visit(route);
  expect(problems).toEqual([]);
});

test('sub-package roots are folders of their own that no main-package page or other root lies in', () => {
  const roots = subPackages.map((s) => s.root.replace(/\/$/, ''));
  expect(roots.length).toBe(new Set(roots).size);
  for (const root of roots) {
    expect(fs.statSync(path.join(DIST, root)).isDirectory()).toBe(true);
    expect(app.pages.filter((page) => page.startsWith(`${root}/`))).toEqual([]);
    expect(roots.filter((other) => other !== root && other.startsWith(`${root}/`))).toEqual([]);
  }
  for (const sub of subPackages) expect(sub.pages.length).toBeGreaterThan(0);
});

test('the tabBar lists 2 to 5 main-package pages, each with icons of at most 40 KB and 81 × 81 px', () => {
  const list = app.tabBar?.list ?? [];
  expect(list.length).toBeGreaterThanOrEqual(2);
  expect(list.length).toBeLessThanOrEqual(5);
  const problems: string[] = [];
  for (const item of list) {
    if (!app.pages.includes(item.pagePath)) problems.push(`${item.pagePath} is not a main-package page`);
    if (!item.text) problems.push(`${item.pagePath} has no text`);
    for (const icon of [item.iconPath, item.selectedIconPath]) {
      if (!icon) {
        if (!app.tabBar?.custom) problems.push(`${item.pagePath} lacks an icon`);
        continue;
      }
      const file = path.join(DIST, icon);
      if (!fs.existsSync(file)) {
        problems.push(`${icon} does not exist`);
        continue;
      }
      const bytes = fs.statSync(file).size;
      const size = imageSize(file);
      if (bytes > ICON_MAX_BYTES) problems.push(`${icon} is ${bytes} bytes (> 40 KB)`);
      if (!size) problems.push(`${icon} is not a PNG or JPEG`);
      else if (size.width !== ICON_SIZE || size.height !== ICON_SIZE) problems.push(`${icon} is ${size.width} × ${size.height} px`);
    }
  }
  expect(problems).toEqual([]);
});

test('lazyCodeLoading is requiredComponents (components are injected only where a page uses them)', () => {
  expect(app.lazyCodeLoading).toBe('requiredComponents');
});

test('the sitemap app.json names (sitemapLocation, default sitemap.json) exists and its rules name pages of the app', () => {
  const location = app.sitemapLocation ?? 'sitemap.json';
  expect(exists(location)).toBe(true);
  const sitemap = readJson(location) as { rules?: { action?: string; page?: string }[] };
  expect(Array.isArray(sitemap.rules)).toBe(true);
  const pages = new Set(pageRoutes(app));
  for (const rule of sitemap.rules ?? []) {
    expect(['allow', 'disallow']).toContain(rule.action ?? 'allow');
    if (rule.page !== '*') expect(pages.has(rule.page ?? '')).toBe(true);
  }
});

test('the main package and each sub-package are at most 2 MB, all together at most 20 MB', () => {
  const roots = subPackages.map((s) => s.root.replace(/\/$/, ''));
  const sizes = new Map<string, number>([['(main)', 0], ...roots.map((r): [string, number] => [r, 0])]);
  for (const file of filesUnder(DIST)) {
    const rel = path.relative(DIST, file).split(path.sep).join('/');
    const owner = roots.find((root) => rel.startsWith(`${root}/`)) ?? '(main)';
    sizes.set(owner, (sizes.get(owner) ?? 0) + fs.statSync(file).size);
  }
  const over = [...sizes].filter(([, bytes]) => bytes > PACKAGE_MAX).map(([name, bytes]) => `${name}: ${bytes} bytes`);
  expect(over).toEqual([]);
  expect([...sizes.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TOTAL_MAX);
});

test('the main package (without source maps) stays within the team budget of 450 KB', () => {
  const roots = subPackages.map((s) => `${s.root.replace(/\/$/, '')}/`);
  const main = filesUnder(DIST)
    .map((file) => path.relative(DIST, file).split(path.sep).join('/'))
    .filter((rel) => !rel.endsWith('.map') && !roots.some((root) => rel.startsWith(root)));
  const bytes = main.reduce((sum, rel) => sum + fs.statSync(path.join(DIST, rel)).size, 0);
  expect(bytes).toBeLessThanOrEqual(MAIN_BUDGET);
});
