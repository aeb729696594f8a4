import { phonePage, screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

// The foundation's promise, as a person sees it: `npm start`, open the app, pick a demo identity on
// the local sign-in page, and 我的 shows who you are — fetched from the system cloud function.
const env = useRunningApp();

describe('local mode in a phone-sized browser', () => {
  it('opens on 首页 with the five campaign stages', async () => {
    const page = await phonePage(env.browser);
    await page.goto(env.app.url);
    await page.waitForSelector('.home-stage-item');
    const stages = await page.locator('.home-stage-name').allInnerTexts();
    expect(stages.map((s) => s.trim())).toEqual(['动员部署', '公开承诺', '点评总结', '群众评议', '评比表彰']);
    await screenshot(page, 'home');
  });

  it('sends a signed-out visitor of 我的 to local sign-in, then shows the chosen member', async () => {
    const page = await phonePage(env.browser);
    await page.goto(`${env.app.url}/#/pages/mine/index`);
    await page.waitForSelector('#local-mode-banner');
    expect(await page.locator('#local-mode-banner').innerText()).toContain('本地模式');
    await page.waitForSelector('.identity-item');
    await screenshot(page, 'local-login');

    await page.click('#identity-demo-2023010104');
    await page.waitForSelector('#whoami-org-path');
    expect(await page.locator('#whoami-org-path').innerText()).toContain('校团委 / 计算机学院团总支 / 计科2301班团支部');
    expect(await page.locator('#whoami-student-no').innerText()).toContain('2023010104');
    expect(await page.locator('.whoami-role').allInnerTexts()).toEqual(['团员']);
    const path = await screenshot(page, 'whoami');
    console.log(`whoami screenshot: ${path}`);
  });

  it('shows a branch secretary their role and an unbound visitor the binding hint', async () => {
    const page = await phonePage(env.browser);
    await page.goto(`${env.app.url}/#/pages/local-login/index`);
    await page.click('#identity-demo-2023010101');
    await page.waitForSelector('#whoami-roles');
    expect(await page.locator('.whoami-role').allInnerTexts()).toEqual(['团支部书记 · 计科2301班团支部', '团员']);

    await page.click('#local-sign-out');
    await page.waitForSelector('.identity-item');
    await page.click('#identity-demo-visitor');
    await page.waitForSelector('#whoami-unbound');
    expect(await page.locator('#whoami-name').innerText()).toContain('未绑定');
  });
});
