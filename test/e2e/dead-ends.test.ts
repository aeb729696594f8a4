/**
 * Issue 9, dead ends and missing ways, in a phone-sized Chromium against the real `npm start`: the
 * secretary's signing page names the cadres who have not signed and offers 我先签, 自动更换 turns on;
 * a cadre who signed opens their own pledge from 承诺; the leader's 工作台 leads to 我的联系点; the
 * unbound visitor's 承诺 tab has 去绑定; the admin's 承诺 tab shows 承诺概况 with drill-down; sub-pages
 * carry a title and a back control; the local sign-in is grouped by role.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { phonePage, screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

const env = useRunningApp();
const LEADS = ['conviction', 'study', 'results', 'morals'] as const;

async function signInUi(page: Page, openid: string): Promise<void> {
  await page.goto(`${env.app.url}/#/pages/local-login/index`);
  await page.click(`#identity-${openid}`);
  await page.waitForSelector('#whoami-card');
}

/** A cadre signs through the API with their own session cookie (name confirmation). */
async function cadreSigns(context: BrowserContext, openid: string, scene: string): Promise<void> {
  expect((await context.request.post(`${env.app.url}/api/local/sign-in`, { data: { openid } })).ok()).toBe(true);
  const who = (await (
    await context.request.post(`${env.app.url}/api/functions/system`, { data: { action: 'whoami', payload: {} } })
  ).json()) as { result: { data: { name: string } } };
  const items = Object.fromEntries(
    LEADS.map((l, i) => [l, [`第${i + 1}项：本学期带头完成一项具体任务`, `第${i + 1}项：每月向支部汇报一次落实情况`]]),
  );
  const res = await context.request.post(`${env.app.url}/api/functions/pledge`, {
    data: { action: 'sign', payload: { scene, items, signature: { kind: 'name', name: who.result.data.name } } },
  });
  expect(((await res.json()) as { result: { ok: boolean } }).result).toMatchObject({ ok: true });
}

describe('issue 9: dead ends and missing ways', () => {
  it('local sign-in lists identities under role headings, the visitor before the members', async () => {
    const page = await phonePage(env.browser);
    await page.goto(`${env.app.url}/#/pages/local-login/index`);
    await page.waitForSelector('.identity-group');
    const titles = (await page.locator('.identity-group-title').allInnerTexts()).map((t) => t.split(' · ')[0].trim());
    expect(titles.slice(0, 4)).toEqual(['校团委管理员', '团总支书记', '团支部书记', '领导小组成员']);
    expect(titles.indexOf('未绑定')).toBeLessThan(titles.indexOf('团员'));
    console.log(`screenshot: ${await screenshot(page, 'issue9-local-login-groups')}`);
  });

  it('session page: 3 cadres pending by name with 我先签, 自动更换 on; a signed cadre opens their own pledge from 承诺', async () => {
    const secretary = await phonePage(env.browser);
    await signInUi(secretary, 'demo-2023010101');
    await secretary.click('#mine-entry-pledge-session');
    await secretary.waitForSelector('#session-cadres');
    expect(await secretary.locator('#session-cadres').innerText()).toContain('还有 3 名团干部未签署');
    expect(await secretary.locator('.session-cadre').count()).toBe(3);
    await secretary.waitForSelector('#session-sign-first');
    // H5 sub-page: the page's title and a back control.
    expect((await secretary.locator('.taro-navigation-bar-title').innerText()).trim()).toBe('四带头签名');
    await expect(secretary.locator('.taro-navigation-bar-back').isVisible()).resolves.toBe(true);

    const firstLink = (await secretary.locator('#session-link').innerText()).trim();
    await secretary.click('#session-auto');
    await secretary.waitForFunction(() => document.querySelector('#session-auto-note')?.textContent?.includes('每 60 秒'));
    await secretary.waitForFunction((old) => document.querySelector('#session-link')?.textContent?.trim() !== old, firstLink);
    await secretary.waitForFunction(() => {
      const img = document.querySelector('#session-qr img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    await secretary.getByText('已开启自动更换').waitFor({ state: 'hidden' });
    console.log(`screenshot: ${await screenshot(secretary, 'issue9-session-cadres-pending')}`);

    // 我先签 opens the sign page for this session.
    await secretary.click('#session-sign-first');
    await secretary.waitForSelector('#sign-form');
    await secretary.goBack();

    // Another cadre signs; the page updates itself (no 刷新 tapped) within a tick.
    const link = (await secretary.locator('#session-link').innerText()).trim();
    const ctx = await env.browser.newContext();
    await cadreSigns(ctx, 'demo-2023010102', decodeURIComponent(link.split('scene=')[1]));
    await ctx.close();
    await secretary.waitForFunction(() => document.querySelector('#session-cadres')?.textContent?.includes('还有 2 名团干部未签署'), null, {
      timeout: 15_000,
    });

    // That cadre opens their own signed pledge from 承诺.
    const cadre = await phonePage(env.browser);
    await signInUi(cadre, 'demo-2023010102');
    await cadre.goto(`${env.app.url}/#/pages/pledge/index`);
    await cadre.waitForSelector('#my-pledge-view');
    expect(await cadre.locator('#my-pledge-status').innerText()).toContain('已签署');
    await cadre.click('#my-pledge-view');
    await cadre.waitForSelector('#my-pledge-items');
    expect(await cadre.locator('#my-pledge-items').innerText()).toContain('第1项：本学期带头完成一项具体任务');
    await cadre.locator('#my-pledge').scrollIntoViewIfNeeded();
    console.log(`screenshot: ${await screenshot(cadre, 'issue9-member-own-pledge')}`);
  });

  it("the leader's 工作台 leads to 我的联系点 with each org's facts", async () => {
    const page = await phonePage(env.browser);
    await signInUi(page, 'demo-leader-1');
    await page.waitForSelector('#mine-entry-contacts');
    console.log(`screenshot: ${await screenshot(page, 'issue9-leader-workbench')}`);
    await page.click('#mine-entry-contacts');
    await page.waitForSelector('#contact-org-cs-1 .contact-signed');
    await page.waitForSelector('#contact-org-em-2 .contact-signed');
    expect(await page.locator('#contacts-round').innerText()).toContain('共 2 个联系点');
    expect(await page.locator('#contact-org-cs-1').innerText()).toContain('四带头');
    expect((await page.locator('.taro-navigation-bar-title').innerText()).trim()).toBe('我的联系点');
    console.log(`screenshot: ${await screenshot(page, 'issue9-leader-contacts')}`);
  });

  it("the unbound visitor's 承诺 tab offers 去绑定; the admin's shows 承诺概况 with drill-down", async () => {
    const visitor = await phonePage(env.browser);
    await signInUi(visitor, 'demo-visitor');
    await visitor.goto(`${env.app.url}/#/pages/pledge/index`);
    await visitor.waitForSelector('#pledge-bind');
    console.log(`screenshot: ${await screenshot(visitor, 'issue9-pledge-unbound')}`);
    await visitor.click('#pledge-bind');
    await visitor.waitForSelector('#bind-page');

    const admin = await phonePage(env.browser);
    await signInUi(admin, 'demo-admin');
    await admin.goto(`${env.app.url}/#/pages/pledge/index`);
    await admin.waitForSelector('#org-overview-row-org-cs');
    console.log(`screenshot: ${await screenshot(admin, 'issue9-admin-overview')}`);
    await admin.click('#org-overview-row-org-cs');
    await admin.waitForSelector('#org-overview-row-org-cs-1');
    expect(await admin.locator('#org-overview-row-org-cs-1').innerText()).toContain('四带头 1/25 人');
    await admin.waitForSelector('.org-overview-back');
  });
});
