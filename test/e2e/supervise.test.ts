/**
 * 督促检查 end to end against the real `npm start` in a phone-sized Chromium: the leader sees the contact points with
 * their progress, freezes a spot check (the hash shown before the seed), enters the dice, and anyone opens the public
 * verification page; the leader records an inspection with two rectifications; the branch secretary answers one with
 * a photo and the leader accepts it; the clock moves past the deadline and the other one is escalated, listed as
 * overdue on the committee's 督促检查 screen. Screenshots: test-results/screenshots/supervise-*.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../scripts/seed';
import { writeSignedPledge } from '../fixtures/campaign';
import { phonePage, screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

const env = useRunningApp();
let dir: string;
const LEADER = 'demo-leader-1';
const SECRETARY = 'demo-2023010101';

async function signIn(page: Page, openid: string): Promise<void> {
  await page.goto(`${env.app.url}/#/pages/local-login/index`);
  await page.click(`#identity-${openid}`);
  await page.waitForSelector('#whoami-roles');
}

function photo(): string {
  const img = new PNG({ width: 240, height: 180 });
  for (let i = 0; i < img.data.length; i += 4) img.data.set([(i / 4) % 240, 120, 60, 255], i);
  const file = join(dir, 'evidence.png');
  writeFileSync(file, PNG.sync.write(img));
  return file;
}

/** Waits until no toast is showing (toasts cover the content), then takes the screenshot (as roster-import.test.ts). */
async function shot(page: Page, name: string): Promise<string> {
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((el) => {
        const style = getComputedStyle(el);
        return style.display === 'none' || style.opacity === '0';
      }),
    undefined,
    { timeout: 10_000 },
  );
  return screenshot(page, name);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strive-supervise-'));
  await seedDemo(`${env.app.url}/admin`);
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  await writeSignedPledge(cloud.database(), 'm-2023010104');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('督促检查 on a phone', () => {
  let rectificationUrl = '';

  it('the leader sees the contact points, runs a spot check anyone can verify', async () => {
    const leader = await phonePage(env.browser);
    await signIn(leader, LEADER);
    await leader.goto(`${env.app.url}/#/package-supervise/contacts/index`);
    await leader.waitForSelector('#contact-org-cs-1 .contact-signed');
    expect(await leader.locator('#contact-org-cs-1').innerText()).toContain('四带头 1/');
    await shot(leader, 'supervise-contacts');

    await leader.click('#contacts-draw-org-cs-1');
    await leader.waitForSelector('#draw-create');
    await leader.fill('#draw-size input', '3');
    await leader.fill('#draw-title input', '计科2301班团员抽查');
    await leader.click('#draw-create');
    await leader.waitForSelector('#draw-hash');
    const hash = (await leader.locator('#draw-hash').innerText()).trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await shot(leader, 'supervise-draw-frozen');
    await leader.fill('#draw-seed input', '3 5 1 6 2 4');
    await leader.click('#draw-submit');
    await leader.waitForSelector('#draw-sample .sv-sample-row');
    expect(await leader.locator('#draw-sample .sv-sample-row').count()).toBe(3);
    await leader.click('#draw-verify');

    await leader.waitForSelector('.verify-sample-row');
    expect((await leader.locator('#verify-hash').innerText()).trim()).toBe(hash);
    expect((await leader.locator('#verify-seed').innerText()).trim()).toBe('3 5 1 6 2 4');
    expect(await leader.locator('#verify-command').innerText()).toContain(`node scripts/verify-draw.mjs list.txt "3 5 1 6 2 4" 3 ${hash}`);
    const verifyUrl = leader.url();
    await shot(leader, 'supervise-verify');
    await leader.locator('#verify-command').scrollIntoViewIfNeeded();
    await shot(leader, 'supervise-verify-command');

    // Anyone bound sees the same page: a member of another branch.
    const member = await phonePage(env.browser);
    await signIn(member, 'demo-2023010104');
    await member.goto(verifyUrl);
    await member.waitForSelector('.verify-sample-row');
    expect((await member.locator('#verify-hash').innerText()).trim()).toBe(hash);
  });

  it('the leader records an inspection with rectifications; the secretary answers with a photo; the leader accepts', async () => {
    const leader = await phonePage(env.browser);
    await signIn(leader, LEADER);
    await leader.goto(`${env.app.url}/#/package-supervise/inspect/index?orgId=org-cs-1`);
    await leader.waitForSelector('#inspect-submit');
    await leader.fill('#inspect-place input', '团支部活动室');
    await leader.fill('#inspect-summary textarea', '查阅支部台账，与 6 名团员座谈。');
    await leader.fill('#inspect-finding-0 textarea', '四带头承诺签名不全');
    await leader.click('#inspect-rectify-0');
    await leader.click('#inspect-add-finding');
    await leader.fill('#inspect-finding-1 textarea', '活动照片未按时归档');
    await leader.click('#inspect-rectify-1');
    await leader.click('#inspect-submit');
    await leader.waitForSelector('.inspect-item');
    expect(await leader.locator('.inspect-item').first().innerText()).toContain('四带头承诺签名不全');

    const secretary = await phonePage(env.browser);
    await signIn(secretary, SECRETARY);
    await secretary.goto(`${env.app.url}/#/package-supervise/rectify/index?orgId=org-cs-1`);
    await secretary.waitForSelector('.rectify-item');
    expect(await secretary.locator('.rectify-item').count()).toBe(2);
    await secretary.locator('.rectify-item', { hasText: '四带头承诺签名不全' }).click();
    await secretary.waitForSelector('#rectify-answer');
    rectificationUrl = secretary.url();
    await secretary.fill('#rectify-answer textarea', '已召开支部大会组织补签，全体团员完成签名。');
    await secretary.setInputFiles('#rectify-photos-input', [photo()]);
    await secretary.waitForSelector('.photo-tile-done');
    await secretary.click('#rectify-answer-submit');
    await secretary.waitForSelector('#rectify-status:has-text("待验收")');
    await secretary.waitForSelector('#rectify-detail .photo-thumb');
    await shot(secretary, 'supervise-rectify-answered');

    await leader.goto(rectificationUrl);
    await leader.waitForSelector('#rectify-accept');
    await leader.fill('#rectify-comment textarea', '整改到位');
    await leader.click('#rectify-accept');
    await leader.waitForSelector('#rectify-status:has-text("已通过")');
    await shot(leader, 'supervise-rectify-accepted');
  });

  it('past the deadline the other rectification is escalated and listed on the committee’s screen', async () => {
    const res = await fetch(`${env.app.url}/api/_emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 16 * 24 * 3600_000 }),
    });
    expect(res.status).toBe(200);
    const admin = await phonePage(env.browser);
    await signIn(admin, 'demo-admin');
    await admin.goto(`${env.app.url}/#/pages/mine/index`);
    await admin.click('#mine-entry-rectify');
    await admin.waitForSelector('.rectify-item');
    const item = await admin.locator('.rectify-item').first().innerText();
    expect(item).toContain('活动照片未按时归档');
    expect(item).toContain('已上报上级');
    await shot(admin, 'supervise-committee-overdue');

    const leader = await phonePage(env.browser);
    await signIn(leader, LEADER);
    await leader.goto(`${env.app.url}/#/package-supervise/contacts/index`);
    await leader.waitForSelector('#contact-overdue-org-cs-1');
    expect(await leader.locator('#contact-overdue-org-cs-1').innerText()).toContain('活动照片未按时归档');
    await shot(leader, 'supervise-contacts-overdue');
  });
});
