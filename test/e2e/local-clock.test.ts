import { phonePage, screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

// One clock, as a person uses it in local mode: 我的 → 本地工具 → +1 周, and 首页 has moved from 公开承诺 to
// 点评总结 (the demo campaign's review stage starts five days after today), with the shift on the banners.
const env = useRunningApp();

describe('本地工具 moves the emulated time', () => {
  it('a week ahead moves 首页 from 公开承诺 to 点评总结; 恢复真实时间 moves it back', async () => {
    const page = await phonePage(env.browser);
    await page.goto(`${env.app.url}/#/pages/local-login/index`);
    await page.click('#identity-demo-2023010104');
    await page.waitForSelector('#whoami-org-path');

    // 首页 loaded afresh: the stage the functions say is current.
    const current = async () => {
      await page.goto(`${env.app.url}/#/pages/home/index`);
      await page.reload();
      await page.waitForSelector('.home-stage-current .home-stage-name');
      return (await page.locator('.home-stage-current .home-stage-name').innerText()).trim();
    };
    const openMine = async () => {
      await page.goto(`${env.app.url}/#/pages/mine/index`);
      await page.reload();
      await page.waitForSelector('#mine-entry-tools');
    };
    const openTools = async () => {
      await page.click('#mine-entry-tools');
      await page.waitForSelector('#clock-now');
    };
    expect(await current()).toBe('公开承诺');

    await openMine();
    expect(await page.locator('#local-clock-shift').count()).toBe(0);
    await openTools();
    expect((await page.locator('#clock-offset').innerText()).trim()).toBe('与真实时间一致');
    await page.click('#clock-advance-week');
    await page.waitForSelector('#clock-result');
    expect((await page.locator('#clock-offset').innerText()).trim()).toBe('比真实时间快 7 天');
    expect(await page.locator('#tools-page #local-clock-shift').innerText()).toContain('比真实时间快 7 天');
    const path = await screenshot(page, 'local-tools');
    console.log(`本地工具 screenshot: ${path}`);

    expect(await current()).toBe('点评总结');
    // The shift shows on 我的 too, under the local-mode note.
    await openMine();
    await page.waitForSelector('#mine-page #local-clock-shift');
    expect(await page.locator('#mine-page #local-clock-shift').innerText()).toContain('比真实时间快 7 天');
    await openTools();

    await page.click('#clock-reset');
    await page.waitForFunction(() => document.querySelector('#clock-offset')?.textContent?.trim() === '与真实时间一致');
    expect(await current()).toBe('公开承诺');
  });
});
