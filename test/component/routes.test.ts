/** src/routes.ts: the same pages as src/app.config.ts (both ways), query values encoded, tab pages opened with switchTab. */
import { PAGES, TAB_PAGES, openPage, routes } from '@/routes';
import { SIGN_PAGE } from '@contract/pledge';
import { ATTEND_PAGE } from '@contract/fulfil';
import { VERIFY_PAGE } from '@contract/commend';
import { navigateTo, switchTab } from './taro-shim';

interface AppConfig {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string }[] };
}

async function appConfig(): Promise<AppConfig> {
  const g = globalThis as unknown as { defineAppConfig?: (c: unknown) => unknown };
  g.defineAppConfig = (c) => c;
  // Imported after defineAppConfig exists: app.config.ts calls it at load time.
  return (await import('../../src/app.config')).default as unknown as AppConfig;
}

beforeEach(() => {
  navigateTo.mockClear();
  switchTab.mockClear();
});

test('every route is a page of app.config.ts and every page of app.config.ts has a route', async () => {
  const config = await appConfig();
  const configured = [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
  expect([...Object.values(PAGES)].sort()).toEqual([...configured].sort());
  expect(new Set(Object.values(PAGES)).size).toBe(Object.values(PAGES).length);
});

test('the tab pages are the tabBar of app.config.ts, in order', async () => {
  const config = await appConfig();
  expect(TAB_PAGES).toEqual(config.tabBar.list.map((t) => t.pagePath));
});

test('the sign page is the one the functions put in a signing 小程序码', () => {
  expect(PAGES.sign).toBe(SIGN_PAGE);
});

test('the attend page is the one the functions put in an activity 签到码', () => {
  expect(PAGES.fulfilAttend).toBe(ATTEND_PAGE);
});

test('builders encode query values and leave out the missing ones', () => {
  expect(routes.mine()).toBe('/pages/mine/index');
  expect(routes.members('org/1 & 2')).toBe('/package-admin/members/index?orgId=org%2F1%20%26%202');
  expect(routes.org()).toBe('/package-admin/org/index');
  expect(routes.session({ branchId: 'org-cs-1' })).toBe('/package-pledge/session/index?branchId=org-cs-1');
  expect(routes.sheet({ branchId: 'org-cs-1', roundKey: 'round-1' })).toBe(
    '/package-pledge/sheet/index?branchId=org-cs-1&roundKey=round-1',
  );
  expect(routes.sign('k=AbC')).toBe('/package-pledge/sign/index?scene=k%3DAbC');
  // A URL inside a query is encoded once more, so its own query survives the trip.
  expect(routes.bind(routes.sign('k=AbC'))).toBe(
    `/pages/bind/index?redirect=${encodeURIComponent('/package-pledge/sign/index?scene=k%3DAbC')}`,
  );
});

test('openPage: a tab page opens with switchTab (without its query), any other page with navigateTo', () => {
  openPage('pages/pledge/index?x=1');
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/pledge/index' });
  openPage('/package-admin/members/index?orgId=o1');
  expect(navigateTo).toHaveBeenCalledWith({ url: '/package-admin/members/index?orgId=o1' });
  expect(switchTab).toHaveBeenCalledTimes(1);
});

test('the verify page is the one a certificate 小程序码 opens', () => {
  expect(PAGES.verify).toBe(VERIFY_PAGE);
});
