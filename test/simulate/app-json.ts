/** dist/weapp/app.json as the build wrote it, and the page routes it declares (main package first). */
import fs from 'fs';
import path from 'path';
import { DIST } from './weapp-host';

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; name?: string; pages: string[]; independent?: boolean }[];
  subpackages?: AppJson['subPackages'];
  tabBar?: { list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[]; custom?: boolean };
  lazyCodeLoading?: string;
  sitemapLocation?: string;
  window?: Record<string, unknown>;
  [key: string]: unknown;
}

export function readAppJson(): AppJson {
  return JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as AppJson;
}

export function subPackagesOf(app: AppJson): NonNullable<AppJson['subPackages']> {
  return app.subPackages ?? app.subpackages ?? [];
}

/** Every page route: the main package's, then each sub-package's as root/page. */
export function pageRoutes(app: AppJson): string[] {
  return [...app.pages, ...subPackagesOf(app).flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))];
}
