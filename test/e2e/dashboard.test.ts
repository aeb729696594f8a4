/**
 * 进度看板 in a phone-sized Chromium (issue 14): the committee's screen (from 我的 → 工作台), a drill-down, the
 * college's and the branch's screens, each screenshotted to test-results/screenshots/dashboard-<level>.png after
 * some real progress (a branch's signatures, 四好 pledges) and a roll-up refresh.
 */
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

const env = useRunningApp();

const ADMIN = 'demo-admin';
const GENERAL = 'demo-general-cs';
const SECRETARY = 'demo-2023010101';
const ITEMS = {
  organisation: '每月召开一次支委会',
  education: '每周组织一次理论学习',
  activities: '每学期开展两次志愿服务',
  feedback: '每学期开展一次满意度调查',
};
const LEADS = {
  conviction: ['坚持每周理论学习并写心得'],
  study: ['本学期绩点不低于三点五'],
  results: ['参加一项省级学科竞赛'],
  morals: ['参加志愿服务二十小时'],
};

/** One function call as a signed-in person, through the running app's own API. */
async function call<T>(openid: string, fn: string, action: string, payload: unknown): Promise<T> {
  const ctx = await env.browser.newContext();
  try {
    expect((await ctx.request.post(`${env.app.url}/api/local/sign-in`, { data: { openid } })).ok()).toBe(true);
    const res = await ctx.request.post(`${env.app.url}/api/functions/${fn}`, { data: { action, payload } });
    const body = (await res.json()) as { result: { ok: boolean; data: T } };
    if (!body.result.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body)}`);
    return body.result.data;
  } finally {
    await ctx.close();
  }
}

async function pageAs(openid: string): Promise<Page> {
  const context = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  });
  expect((await context.request.post(`${env.app.url}/api/local/sign-in`, { data: { openid } })).ok()).toBe(true);
  return context.newPage();
}

beforeAll(async () => {
  // Real progress: 四好 pledges of a college and two branches, and 计科2301班's cadres and a member sign.
  for (const [who, orgId] of [
    [GENERAL, 'org-cs'],
    [SECRETARY, 'org-cs-1'],
    ['demo-2023010201', 'org-cs-2'],
  ] as const) {
    await call(who, 'campaign', 'submitOrgPledge', { orgId, roundKey: 'round-1', items: ITEMS });
  }
  const session = await call<{ scene: string }>(SECRETARY, 'pledge', 'openSession', { branchId: 'org-cs-1', roundKey: 'round-1' });
  for (const openid of ['demo-2023010101', 'demo-2023010102', 'demo-2023010103', 'demo-2023010104']) {
    const me = await call<{ name: string; isCadre: boolean }>(openid, 'system', 'whoami', {});
    const items = me.isCadre
      ? Object.fromEntries(Object.entries(LEADS).map(([k, v]) => [k, [...v, `${v[0]}，每月向支部汇报进展`]]))
      : LEADS;
    await call(openid, 'pledge', 'sign', { scene: session.scene, items, signature: { kind: 'name', name: me.name } });
  }
  // 督促检查: the committee records an inspection of 计科2301班 with a rectification due in a week (open, not overdue).
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const due = new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
  await call(ADMIN, 'supervise', 'recordInspection', {
    orgId: 'org-cs-1',
    kind: 'regular',
    date: day,
    place: '团支部活动室',
    summary: '查阅支部台账。',
    findings: [{ text: '团员四带头承诺签名不全', deadline: due }],
    drawId: null,
  });
  await call(ADMIN, 'dashboard', 'refresh', {});
});

const ready = async (page: Page, name: string) => {
  await page.waitForSelector('#dashboard-head', { timeout: 30_000 });
  await page.waitForFunction((n) => document.querySelector('#dashboard-head')?.textContent?.includes(n), name);
  await page.waitForFunction(() => !document.body.innerText.includes('加载中'));
};

describe('进度看板', () => {
  it('committee: from 我的 → 工作台, colleges lagging first, drill-down to a college and back', async () => {
    const page = await pageAs(ADMIN);
    await page.goto(`${env.app.url}/#/pages/mine/index`);
    await page.click('#mine-entry-dashboard');
    await ready(page, '校团委');
    expect(await page.locator('#dashboard-children .dashboard-row').count()).toBe(3);
    expect(await page.locator('#dashboard-lagging .dashboard-row').count()).toBeGreaterThan(0);
    expect(await page.locator('.dashboard-export').allInnerTexts()).toEqual([
      '团员名单',
      '四带头签署情况',
      '活动记录',
      '践诺打卡',
      '评诺结果',
      '督促检查记录',
      '限期整改',
    ]);
    console.log(`screenshot: ${await screenshot(page, 'dashboard-committee')}`);
    await page.click('#dashboard-children #dashboard-row-org-cs');
    await ready(page, '计算机学院团总支');
    await page.click('#dashboard-back');
    await ready(page, '校团委');
    await page.context().close();
  });

  it('college: the general secretary sees 计算机学院 and its branches', async () => {
    const page = await pageAs(GENERAL);
    await page.goto(`${env.app.url}/#/package-dashboard/progress/index`);
    await ready(page, '计算机学院团总支');
    expect(await page.locator('#dashboard-children').innerText()).toContain('计科2301班团支部');
    console.log(`screenshot: ${await screenshot(page, 'dashboard-college')}`);
    await page.context().close();
  });

  it('branch: the secretary sees only 计科2301班, with its signatures', async () => {
    const page = await pageAs(SECRETARY);
    await page.goto(`${env.app.url}/#/package-dashboard/progress/index`);
    await ready(page, '计科2301班团支部');
    expect(await page.locator('#dashboard-metric-signing').innerText()).toContain('4/25');
    // Rectifications as counts (not a bar): one open, none overdue (so not in red).
    expect(await page.locator('#dashboard-count-rectOpen').innerText()).toBe('未完成的整改 1');
    expect(await page.locator('#dashboard-count-rectOverdue').innerText()).toBe('逾期未整改 0');
    expect(await page.locator('.dashboard-count-alarm').count()).toBe(0);
    expect(await page.locator('#dashboard-children').count()).toBe(0);
    console.log(`screenshot: ${await screenshot(page, 'dashboard-branch')}`);
    await page.context().close();
  });
});
