/**
 * 群众评议 end to end against the real `npm start` in a phone-sized Chromium: the committee admin opens an
 * evaluation of the three colleges from the 评议 tab; three members vote on their college (confirming
 * 提交后不可修改, receiving a receipt), one of them tries a second ballot from a page opened before the first and is
 * told 已投票; five more classmates vote through the API; the admin watches turnout; the emulator clock passes the
 * close (the timer tallies); a member reads the results (参评人数不足 where fewer than 5 voted) and checks the receipt.
 * Screenshots (test-results/screenshots/): evaluate-create, evaluate-tab, evaluate-ballot, evaluate-receipt,
 * evaluate-twice, evaluate-turnout, evaluate-results, evaluate-receipt-check.
 */
import type { Page } from 'playwright-core';
import { phonePage, screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

const env = useRunningApp();

const ADMIN = 'demo-admin';
const VOTERS = ['demo-2023010104', 'demo-2023010105', 'demo-2023020104'];

async function signIn(page: Page, openid: string): Promise<void> {
  await page.goto(`${env.app.url}/#/pages/local-login/index`);
  await page.click(`#identity-${openid}`);
  await page.waitForSelector('#whoami-roles');
}

async function apiVote(openid: string, evaluationId: string, targetId: string, choice: string): Promise<void> {
  const res = await fetch(`${env.app.url}/api/functions/evaluate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
    body: JSON.stringify({ action: 'vote', payload: { evaluationId, answers: [{ targetId, choice }] } }),
  });
  const body = (await res.json()) as { result: { ok: boolean } };
  expect(body.result).toMatchObject({ ok: true });
}

/** Clicks the confirm button of the open Taro modal whose text contains `text` (the modal's host box has no size). */
async function confirmModal(page: Page, text: string, button: string): Promise<void> {
  const content = page.locator('.taro-modal__content', { hasText: text }).last();
  await content.waitFor({ state: 'visible' });
  const confirm = content.locator('.taro-model__confirm');
  expect(await confirm.innerText()).toBe(button);
  await confirm.click();
}

async function openBallot(page: Page): Promise<void> {
  await page.goto(`${env.app.url}/#/pages/evaluate/index`);
  await page.waitForSelector('#evaluate-item-0 .evaluate-vote');
  await page.click('#evaluate-item-0 .evaluate-vote');
  await page.waitForSelector('#ballot-0-satisfied');
}

describe('群众评议 on a phone', () => {
  it('the admin opens it, three members vote, one tries twice, the clock passes the close, the results and the receipt', async () => {
    // (1) the admin opens an evaluation of the three colleges from the 评议 tab
    const admin = await phonePage(env.browser);
    await signIn(admin, ADMIN);
    await admin.goto(`${env.app.url}/#/pages/evaluate/index`);
    await admin.waitForSelector('#evaluate-create');
    await admin.click('#evaluate-create');
    await admin.waitForSelector('#edit-title');
    await admin.fill('#edit-title input', '学院团总支满意度测评');
    await admin.click('#edit-form-choice');
    console.log(`screenshot: ${await screenshot(admin, 'evaluate-create')}`);
    await admin.click('#edit-submit');
    await admin.waitForSelector('#evaluate-item-0');
    expect(await admin.innerText('#evaluate-item-0')).toContain('学院团总支满意度测评');
    expect(await admin.innerText('#evaluate-item-0 .evaluate-status')).toBe('进行中');

    // (2) three members vote on their own college; the first opens a second ballot page before voting
    const pages: Page[] = [];
    const receipts: string[] = [];
    let second: Page | null = null;
    for (const [i, openid] of VOTERS.entries()) {
      const member = await phonePage(env.browser);
      pages.push(member);
      await signIn(member, openid);
      if (i === 0) {
        second = await member.context().newPage();
        await openBallot(second);
      }
      await openBallot(member);
      if (i === 0) console.log(`screenshot: ${await screenshot(member, 'evaluate-tab-before')}`);
      await member.click(i === 2 ? '#ballot-0-fair' : '#ballot-0-satisfied');
      await member.fill('#ballot-0-comment textarea', `第${i + 1}位同学的意见：希望多开展志愿服务`);
      if (i === 0) console.log(`screenshot: ${await screenshot(member, 'evaluate-ballot')}`);
      await member.click('#ballot-submit');
      await confirmModal(member, '提交后不可修改', '提交');
      await member.waitForSelector('#ballot-receipt-code');
      receipts.push((await member.innerText('#ballot-receipt-code')).trim());
      if (i === 0) console.log(`screenshot: ${await screenshot(member, 'evaluate-receipt')}`);
    }
    expect(receipts.every((r) => /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(r))).toBe(true);

    // (3) the first member's other page, opened before the vote, tries a second ballot: 已投票
    if (!second) throw new Error('no second page');
    await second.click('#ballot-0-dissatisfied');
    await second.click('#ballot-submit');
    await confirmModal(second, '提交后不可修改', '提交');
    await second.waitForSelector('#ballot-error');
    expect(await second.innerText('#ballot-error')).toMatch(/^已投票/);
    console.log(`screenshot: ${await screenshot(second, 'evaluate-twice')}`);

    // The tab now says so.
    await pages[0].goto(`${env.app.url}/#/pages/evaluate/index`);
    await pages[0].waitForSelector('#evaluate-item-0 .evaluate-voted-yes');
    console.log(`screenshot: ${await screenshot(pages[0], 'evaluate-tab')}`);

    // Five more classmates of 计算机学院 vote (through the API, as their phones would).
    const list = (await (
      await fetch(`${env.app.url}/api/functions/evaluate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-strive-openid': ADMIN },
        body: JSON.stringify({ action: 'myEvaluations', payload: {} }),
      })
    ).json()) as { result: { data: { id: string }[] } };
    const evaluationId = list.result.data[0].id;
    const picks = ['satisfied', 'satisfied', 'fair', 'dissatisfied', 'satisfied'];
    for (const [k, openid] of ['demo-2023010201', 'demo-2023010202', 'demo-2023010301', 'demo-2023010302', 'demo-2023010303'].entries()) {
      await apiVote(openid, evaluationId, 'org-cs', picks[k]);
    }

    // (4) the admin watches turnout (counts and rates, no choices)
    await admin.goto(`${env.app.url}/#/pages/evaluate/index`);
    await admin.waitForSelector('#evaluate-item-0 .evaluate-turnout');
    await admin.click('#evaluate-item-0 .evaluate-turnout');
    await admin.waitForSelector('#turnout-row-0');
    expect(await admin.innerText('#turnout-row-0')).toContain('计算机学院团总支');
    expect(await admin.innerText('#turnout-row-0')).toContain('已投 7');
    console.log(`screenshot: ${await screenshot(admin, 'evaluate-turnout')}`);

    // (5) the clock passes the close: the timer tallies
    const res = await fetch(`${env.app.url}/api/_emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 8 * 24 * 3600_000 }),
    });
    expect(res.status).toBe(200);

    // (6) a member reads the results
    const member = pages[0];
    // The tab is already open on this page: load it afresh.
    await member.reload();
    await member.waitForSelector('#evaluate-item-0 .evaluate-results');
    await member.click('#evaluate-item-0 .evaluate-results');
    await member.waitForSelector('#results-target-0');
    const cs = await member.innerText('#results-target-0');
    expect(cs).toContain('计算机学院团总支');
    expect(cs).toContain('第 1 名');
    expect(cs).toContain('有效票 7 张');
    expect(cs).toContain('希望多开展志愿服务');
    expect(await member.innerText('#results-target-1')).toContain('参评人数不足');
    console.log(`screenshot: ${await screenshot(member, 'evaluate-results')}`);

    // (7) the receipt says 已计入
    await member.goto(`${env.app.url}/#/package-evaluate/receipt/index?id=${evaluationId}&receipt=${receipts[0]}`);
    await member.waitForSelector('#receipt-check');
    await member.click('#receipt-check');
    await member.waitForSelector('#receipt-state');
    expect(await member.innerText('#receipt-state')).toContain('已计入');
    console.log(`screenshot: ${await screenshot(member, 'evaluate-receipt-check')}`);
  });
});
