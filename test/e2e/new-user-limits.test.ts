/**
 * Issue 9 (messages, limits, rules, files) as a new user meets them, in a phone-sized chromium against the
 * real `npm start`. Screenshots (test-results/screenshots/): limits-org-create, limits-org-archive,
 * limits-campaign-rules, limits-sign-cadre, limits-import-samples, limits-import-done.
 */
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { phonePage, screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

const env = useRunningApp();
const LATIN_PATH = /[a-zA-Z]+\.[a-zA-Z0-9]/;

async function signInAs(page: Page, openid: string): Promise<void> {
  await page.goto(`${env.app.url}/#/pages/local-login/index`);
  await page.click(`#identity-${openid}`);
  await page.waitForSelector('#whoami-roles');
}

async function api<T>(context: BrowserContext, fn: string, action: string, payload: object): Promise<T> {
  const res = await context.request.post(`${env.app.url}/api/functions/${fn}`, { data: { action, payload } });
  const body = (await res.json()) as { result: { ok: boolean; data: T; message?: string } };
  if (!body.result.ok) throw new Error(`${fn}.${action}: ${body.result.message ?? ''}`);
  return body.result.data;
}

describe('messages and limits a new user meets', () => {
  it('组织管理: the name counter near 30, and 归档 of an org with children says why before anything is confirmed', async () => {
    const page = await phonePage(env.browser);
    await signInAs(page, 'demo-admin');
    await page.goto(`${env.app.url}/#/package-admin/org/index?orgId=org-cs-1`);
    await page.click('#org-create');
    await page.fill('#org-create-sheet-input input', '计科2301班第一团小组（学习委员会联络、宣传与志愿服务工作小组）');
    expect(await page.locator('#org-create-sheet-input input').inputValue()).toHaveLength(30);
    expect(await page.locator('#org-create-sheet-input-hint').innerText()).toContain('已达 30 字上限');
    console.log(`screenshot: ${await screenshot(page, 'limits-org-create')}`);

    // A fresh page: the H5 router keeps the first org page (and its modal host) in the stack.
    const college = await phonePage(env.browser);
    await signInAs(college, 'demo-admin');
    await college.goto(`${env.app.url}/#/package-admin/org/index?orgId=org-cs`);
    await college.waitForSelector('#org-children .org-child');
    await college.click('#org-archive');
    await college.waitForFunction(() =>
      Array.from(document.querySelectorAll('.taro__modal')).some((m) => (m as HTMLElement).innerText.includes('暂不能归档')),
    );
    const modal = college.locator('.taro__modal', { hasText: '暂不能归档' });
    const text = await modal.innerText();
    expect(text).toContain('暂不能归档');
    expect(text).toMatch(/还有 \d+ 个未归档的下级组织/);
    expect(text).not.toContain('及其下级');
    console.log(`screenshot: ${await screenshot(college, 'limits-org-archive')}`);
  });

  it('活动设置: a problem shows once, next to its field; a minus sign cannot be typed', async () => {
    const page = await phonePage(env.browser);
    await signInAs(page, 'demo-admin');
    await page.goto(`${env.app.url}/#/package-admin/campaign/index`);
    await page.waitForSelector('#rules-cadre-length');
    await page.fill('#rules-member-length input', '-6');
    expect(await page.locator('#rules-member-length input').inputValue()).toBe('6');
    await page.fill('#rules-cadre-length input', '3');
    await page.click('#campaign-save');
    await page.waitForSelector('.field-problem');
    const shown = await page.locator('.field-problem, #campaign-error').allInnerTexts();
    expect(shown).toEqual(['团干部的承诺标准不能低于普通团员']);
    await page.locator('.field-problem').scrollIntoViewIfNeeded();
    console.log(`screenshot: ${await screenshot(page, 'limits-campaign-rules')}`);
  });

  it('签署承诺: a cadre’s emoji-only and repeated items are refused, saying why; the rule is stated first', async () => {
    const page = await phonePage(env.browser);
    await signInAs(page, 'demo-2023010101');
    const { currentRound, campaign } = await api<{ currentRound: { key: string } | null; campaign: { rounds: { key: string }[] } }>(
      page.context(),
      'campaign',
      'timeline',
      {},
    );
    const roundKey = currentRound?.key ?? campaign.rounds[0].key;
    const session = await api<{ scene: string }>(page.context(), 'pledge', 'openSession', { branchId: 'org-cs-1', roundKey });
    await page.goto(`${env.app.url}/#/package-pledge/sign/index?scene=${encodeURIComponent(session.scene)}`);
    await page.waitForSelector('#sign-form');
    expect(await page.locator('#sign-rule-hint').innerText()).toContain('只计汉字、字母和数字');
    const line = '每周参加一次理论学习并撰写心得体会';
    await page.fill('#sign-item-conviction-0 input', '🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉');
    await page.fill('#sign-item-conviction-1 input', '💪💪💪💪💪💪💪💪💪💪');
    for (const lead of ['study', 'results', 'morals']) {
      await page.fill(`#sign-item-${lead}-0 input`, line);
      await page.fill(`#sign-item-${lead}-1 input`, `${line}！`);
    }
    await page.click('#sign-mode-name').catch(() => undefined);
    await page.click('#sign-submit');
    await page.waitForSelector('#sign-error-conviction');
    expect(await page.locator('#sign-error-conviction').innerText()).toContain('只有 0 个字');
    expect(await page.locator('#sign-error-study').innerText()).toContain('重复');
    for (const t of await page.locator('.sign-lead-error, #sign-submit-error').allInnerTexts()) expect(t).not.toMatch(LATIN_PATH);
    await page.locator('#sign-error-conviction').scrollIntoViewIfNeeded();
    console.log(`screenshot: ${await screenshot(page, 'limits-sign-cadre')}`);
  });

  it('导入花名册: the template uploaded with one real row imports only that row and says what it skipped', async () => {
    const page = await phonePage(env.browser);
    await signInAs(page, 'demo-2023010101');
    const link = await api<{ url: string }>(page.context(), 'roster', 'template', {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await page.context().request.get(link.url)).body()) as unknown as ArrayBuffer);
    wb.worksheets[0].addRow(['2099880001', '赵新', '计算机学院', '计科2301班', '', '是', '']);
    await page.goto(`${env.app.url}/#/package-admin/import/index?orgId=org-cs-1`);
    await page.waitForSelector('#import-org-name');
    await page.setInputFiles('#import-file-input', {
      name: '团员名册模板.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await page.waitForSelector('#import-report', { timeout: 30_000 });
    expect(await page.locator('#import-samples').innerText()).toContain('第 2、3 行是模板的填写示例');
    expect((await page.locator('#import-to-create').innerText()).trim()).toBe('1');
    console.log(`screenshot: ${await screenshot(page, 'limits-import-samples')}`);
    await page.click('#import-commit');
    await page.waitForSelector('#import-done', { timeout: 60_000 });
    expect(await page.locator('#import-done-skipped').innerText()).toBe('未导入 2 行：2 行模板示例。');
    console.log(`screenshot: ${await screenshot(page, 'limits-import-done')}`);
  });
});
