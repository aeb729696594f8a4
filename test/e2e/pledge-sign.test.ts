/**
 * 四带头 signing end to end against the real `npm start` (functions + emulator) in a phone-sized
 * Chromium: the secretary of 计科2301班团支部 opens the signing session (QR + link), the three cadres
 * sign first, a member opens the link, writes commitments, draws a signature with the mouse and signs;
 * the secretary sees the member's row with the signature image on the collective sheet.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { phonePage, screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

const env = useRunningApp();

const LEADS = ['conviction', 'study', 'results', 'morals'] as const;
const LEAD_WORDS: Record<(typeof LEADS)[number], string> = {
  conviction: '坚定信念',
  study: '刻苦学习',
  results: '争创佳绩',
  morals: '弘扬新风',
};

async function signInUi(page: Page, openid: string): Promise<void> {
  await page.goto(`${env.app.url}/#/pages/local-login/index`);
  await page.click(`#identity-${openid}`);
  await page.waitForSelector('#whoami-roles');
}

/** A cadre signs through the API with their own session cookie (name confirmation). */
async function cadreSigns(context: BrowserContext, openid: string, scene: string): Promise<void> {
  const login = await context.request.post(`${env.app.url}/api/local/sign-in`, { data: { openid } });
  expect(login.ok()).toBe(true);
  // name confirmation must match the roster name
  const who = (await (
    await context.request.post(`${env.app.url}/api/functions/system`, { data: { action: 'whoami', payload: {} } })
  ).json()) as { result: { data: { name: string } } };
  const name = who.result.data.name;
  const items = Object.fromEntries(
    LEADS.map((l) => [l, [`${LEAD_WORDS[l]}：本学期带头完成第一项具体任务`, `${LEAD_WORDS[l]}：每月向支部汇报一次落实情况`]]),
  );
  const res = await context.request.post(`${env.app.url}/api/functions/pledge`, {
    data: { action: 'sign', payload: { scene, items, signature: { kind: 'name', name } } },
  });
  const body = (await res.json()) as { result: { ok: boolean; code?: string; message?: string } };
  expect({ who: openid, ...body.result }).toMatchObject({ who: openid, ok: true });
}

describe('四带头 signing by QR link', () => {
  it('secretary opens the session, cadres and a member sign, the sheet shows the signature', async () => {
    // (1) the secretary opens 四带头签名 from 我的
    const secretary = await phonePage(env.browser);
    await signInUi(secretary, 'demo-2023010101');
    await secretary.click('#mine-entry-pledge-session');
    await secretary.waitForSelector('#session-qr');
    await secretary.waitForFunction(() => {
      const img = document.querySelector('#session-qr img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const link = (await secretary.locator('#session-link').innerText()).trim();
    expect(link).toMatch(/#\/package-pledge\/sign\/index\?scene=k%3D[A-Za-z0-9]{12}$/);
    expect(await secretary.locator('#session-branch').innerText()).toContain('计科2301班团支部');
    await screenshot(secretary, 'pledge-session');
    const scene = decodeURIComponent(link.split('scene=')[1]);

    // (2) the three cadres sign first (the secretary with the page's own cookie)
    await cadreSigns(secretary.context(), 'demo-2023010101', scene);
    for (const openid of ['demo-2023010102', 'demo-2023010103']) {
      const ctx = await env.browser.newContext();
      await cadreSigns(ctx, openid, scene);
      await ctx.close();
    }

    // (3) a member opens the link, writes, draws and signs
    const member = await phonePage(env.browser);
    await signInUi(member, 'demo-2023010104');
    await member.goto(link);
    await member.waitForSelector('#sign-form');
    expect(await member.locator('#sign-branch').innerText()).toContain('计科2301班团支部');
    expect(await member.locator('.sign-lead-name').allInnerTexts()).toEqual([
      '带头坚定信念',
      '带头刻苦学习',
      '带头争创佳绩',
      '带头弘扬新风',
    ]);
    const texts = ['坚定理想信念，每周学习一次党史', '每门课程认真听讲，绩点提高', '参加学科竞赛争取获奖', '每学期参加两次志愿服务'];
    for (let i = 0; i < LEADS.length; i++) await member.fill(`#sign-item-${LEADS[i]}-0 input`, texts[i]);

    // submitting without a signature is refused on the page
    await member.click('#sign-submit');
    await member.waitForSelector('#sign-submit-error');
    expect(await member.locator('#sign-submit-error').innerText()).toContain('签名');

    const canvas = member.locator('#signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas box');
    const strokes: [number, number][][] = [
      [
        [0.15, 0.6],
        [0.25, 0.3],
        [0.32, 0.7],
        [0.4, 0.35],
      ],
      [
        [0.5, 0.5],
        [0.6, 0.3],
        [0.7, 0.65],
        [0.85, 0.4],
      ],
    ];
    for (const stroke of strokes) {
      await member.mouse.move(box.x + box.width * stroke[0][0], box.y + box.height * stroke[0][1]);
      await member.mouse.down();
      for (const [fx, fy] of stroke.slice(1)) await member.mouse.move(box.x + box.width * fx, box.y + box.height * fy, { steps: 8 });
      await member.mouse.up();
    }
    expect(Number(await member.locator('#signature-pad').getAttribute('data-strokes'))).toBe(2);
    await screenshot(member, 'pledge-sign-form');
    await member.click('#sign-submit');
    await member.waitForSelector('#sign-done');
    expect(await member.locator('.sign-done-title').innerText()).toContain('已签署');
    await member.waitForFunction(() => {
      const img = document.querySelector('#sign-signature-image img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    await screenshot(member, 'pledge-sign');

    // (4) the secretary's sheet shows the member's row with the signature image
    await secretary.click('#session-sheet');
    await secretary.waitForSelector('#sheet-row-m-2023010104 .sheet-signature-image');
    await secretary.waitForFunction(() => {
      const img = document.querySelector('#sheet-row-m-2023010104 .sheet-signature-image img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    expect(await secretary.locator('#sheet-count').innerText()).toMatch(/^4 \/ \d+$/);
    const names = await secretary.locator('.sheet-row .sheet-row-name').allInnerTexts();
    expect(names.length).toBe(4);
    expect(await secretary.locator('.sheet-row').first().getAttribute('class')).toContain('sheet-row-cadre');
    await screenshot(secretary, 'pledge-sheet');
    // 打印 / 另存为 PDF: the print stylesheet hides the controls and keeps the sheet
    await secretary.emulateMedia({ media: 'print' });
    expect(await secretary.locator('#sheet-copy-unsigned').isVisible()).toBe(false);
    expect(await secretary.locator('#sheet-table').isVisible()).toBe(true);
    await screenshot(secretary, 'pledge-sheet-print');
    await secretary.emulateMedia({ media: 'screen' });

    // 首页 timeline for the secretary
    await secretary.goto(`${env.app.url}/#/pages/home/index`);
    await secretary.waitForSelector('#home-current-stage');
    expect(await secretary.locator('#home-current-stage').innerText()).toBe('公开承诺');
    expect(await secretary.locator('.home-stage-name').allInnerTexts()).toEqual([
      '动员部署',
      '公开承诺',
      '点评总结',
      '群众评议',
      '评比表彰',
    ]);
    expect(await secretary.locator('#home-stage-pledge').getAttribute('class')).toContain('home-stage-current');
    expect(await secretary.locator('#home-stage-mobilize').getAttribute('class')).toContain('home-stage-done');
    await screenshot(secretary, 'home-timeline');

    // 承诺 tab: the secretary publishes the branch's 四好 pledge; it shows for the branch
    await secretary.goto(`${env.app.url}/#/pages/pledge/index`);
    await secretary.waitForSelector('#pledge-start-session');
    const goods = ['organisation', 'education', 'activities', 'feedback'];
    const goodTexts = [
      '按期召开组织生活会，团员档案规范齐全',
      '每月开展一次主题团日学习',
      '每学期开展两次志愿服务活动',
      '团员青年满意度达到九成以上',
    ];
    for (let i = 0; i < goods.length; i++) await secretary.fill(`#org-pledge-input-${goods[i]} textarea`, goodTexts[i]);
    await secretary.click('#org-pledge-submit-org-cs-1');
    await secretary.waitForSelector('#org-pledge-org-cs-1');
    expect(await secretary.locator('#org-pledge-org-cs-1 .org-pledge-text').first().innerText()).toBe(goodTexts[0]);
    await secretary.waitForTimeout(1800); // let the 已公开承诺 toast go
    await screenshot(secretary, 'pledge-tab');
  });

  it('the admin opens 活动设置 and 动员部署 from 我的', async () => {
    const admin = await phonePage(env.browser);
    await signInUi(admin, 'demo-admin');
    await admin.click('#mine-entry-campaign');
    await admin.waitForSelector('#campaign-title');
    expect(await admin.locator('#stage-pledge-end').innerText()).toMatch(/\d{4}-\d{2}-\d{2}/);
    await screenshot(admin, 'campaign-settings');
    await admin.goBack();
    await admin.click('#mine-entry-mobilize');
    await admin.waitForSelector('#plan-title');
    await admin.fill('#plan-title input', '校团委“党团共建、创先争优”活动实施方案');
    await admin.fill('#plan-body textarea', '一、指导思想\n二、活动安排：动员部署、公开承诺、点评总结、群众评议、评比表彰');
    await admin.click('#plan-publish');
    await admin.waitForSelector('#plan-org-committee');
    await admin.waitForTimeout(1800); // let the toast go
    await screenshot(admin, 'mobilize');
  });
});
