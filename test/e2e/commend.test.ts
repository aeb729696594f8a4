/**
 * 评比表彰 and 先进典型 end to end against the real `npm start` in a phone-sized Chromium: the committee's
 * commendation is open (set up through the API); the branch secretary reaches it from 首页 → 先进典型 → 评比表彰
 * and nominates a member; the general secretary opens the evidence and forwards; the committee approves and
 * publishes (API); a member raises an objection on the 公示 page; once resolved and past the 公示 (the test moves
 * the emulator clock), the awards are issued and the winner opens the certificate; anyone verifies its code;
 * the secretary publishes a story with a photo, which the member reads in the 先进典型 feed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import type { CommendationView, NominationList, ObjectionView } from '../../types/commend';
import { addDays } from '../../types/time';
import { seedDemo } from '../../scripts/seed';
import { writeSignedPledge } from '../fixtures/campaign';
import { phonePage, screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

const env = useRunningApp();
const ADMIN = 'demo-admin';
const DAY = 24 * 3600_000;
let dir: string;
let c: CommendationView;

async function signIn(page: Page, openid: string): Promise<void> {
  await page.goto(`${env.app.url}/#/pages/local-login/index`);
  await page.click(`#identity-${openid}`);
  await page.waitForSelector('#whoami-roles');
}

/** An action as `openid`, through the same endpoint the app uses (the local test header names the caller). */
async function act<T>(openid: string, action: string, payload: unknown): Promise<T> {
  const res = await fetch(`${env.app.url}/api/functions/commend`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
    body: JSON.stringify({ action, payload }),
  });
  const body = (await res.json()) as { result: { ok: boolean; data: T } };
  if (!body.result.ok) throw new Error(`${action}: ${JSON.stringify(body)}`);
  return body.result.data;
}

async function advance(ms: number): Promise<void> {
  const res = await fetch(`${env.app.url}/api/_emulator/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(res.status).toBe(200);
}

function photoFile(): string {
  const img = new PNG({ width: 240, height: 160 });
  for (let i = 0; i < img.data.length; i += 4) img.data.set([200, (i / 4) % 255, 40, 255], i);
  const file = join(dir, 'story.png');
  writeFileSync(file, PNG.sync.write(img));
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strive-commend-'));
  await seedDemo(`${env.app.url}/admin`);
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  await writeSignedPledge(cloud.database(), 'm-2023010104');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  c = await act<CommendationView>(ADMIN, 'openCommendation', {
    orgId: 'org-committee',
    title: '2026年度五四评比表彰',
    roundKey: 'round-1',
    awards: [
      { key: 'red-flag-org', name: '五四红旗团组织', subject: 'org', quota: { perBranch: 0, perGeneral: 1, total: 5 } },
      { key: 'outstanding-member', name: '优秀共青团员', subject: 'member', quota: { perBranch: 2, perGeneral: 5, total: 20 } },
    ],
    timeline: {
      nominate: { start: today, end: addDays(today, 1) },
      forward: { start: addDays(today, 2), end: addDays(today, 3) },
      approve: { start: addDays(today, 4), end: addDays(today, 5) },
      noticeDays: 2,
    },
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('评比表彰 and 先进典型 on a phone', () => {
  it('nominate → forward with evidence → 公示 with an objection → certificate → verification → a story in the feed', async () => {
    // (1) the branch secretary goes 首页 → 先进典型 (empty) → 评比表彰 → 推荐优秀团员
    const secretary = await phonePage(env.browser);
    await signIn(secretary, 'demo-2023010101');
    await secretary.goto(`${env.app.url}/#/pages/home/index`);
    await secretary.locator('#home-models').scrollIntoViewIfNeeded();
    await screenshot(secretary, 'commend-home-entry');
    await secretary.click('#home-models');
    await secretary.waitForSelector('#stories-empty');
    await secretary.click('#stories-commend');
    await secretary.waitForSelector('#commend-timeline');
    await screenshot(secretary, 'commend-hub');
    await secretary.click('#commend-nominate');
    await secretary.waitForSelector('#nominate-form');
    await secretary.fill('#nominate-search input', '2023010104');
    await secretary.click('#nominate-pick-m-2023010104');
    await secretary.fill('#nominate-reason textarea', '三年志愿服务三百小时，学习成绩专业前列，带头践行“四带头”承诺。');
    await secretary.waitForSelector('#nominate-pick-m-2023010104:has-text("已选")');
    await screenshot(secretary, 'commend-nomination');
    await secretary.click('#nominate-submit');
    await secretary.waitForSelector('.nomination-card .nomination-status:has-text("待团总支审核")');
    // The card once the 已推荐 toast has gone.
    await secretary.waitForFunction(() => !document.body.innerText.includes('已推荐'));
    await secretary.locator('.nomination-card').first().scrollIntoViewIfNeeded();
    await screenshot(secretary, 'commend-nomination-list');

    // (2) the general secretary opens the evidence and forwards with a reason, in the forwarding window
    await advance(2 * DAY);
    const general = await phonePage(env.browser);
    await signIn(general, 'demo-general-cs');
    await general.goto(`${env.app.url}/#/package-commend/nominations/index?commendationId=${c.id}&orgId=org-cs`);
    await general.waitForSelector('.nomination-card');
    await general.click('.nomination-evidence-toggle');
    await general.waitForSelector('.nomination-evidence:has-text("带头弘扬新风")');
    await general.fill('.nomination-reason textarea', '事迹突出，同意上报校团委');
    await general.locator('.nomination-reason').scrollIntoViewIfNeeded();
    await screenshot(general, 'commend-review-evidence');
    await general.click('.nomination-accept');
    await general.waitForSelector('.nomination-status:has-text("待校团委审定")');

    // (3) the committee approves and publishes (API); a member objects on the 公示 page
    await advance(2 * DAY);
    const list = await act<NominationList>(ADMIN, 'nominations', { commendationId: c.id, orgId: 'org-committee' });
    await act(ADMIN, 'decide', { nominationId: list.items[0].id, decision: 'approve', reason: '审定通过' });
    await act(ADMIN, 'publishNotice', { commendationId: c.id });
    const member = await phonePage(env.browser);
    await signIn(member, 'demo-2023010105');
    await member.goto(`${env.app.url}/#/package-commend/notice/index?commendationId=${c.id}`);
    await member.waitForSelector('.notice-item');
    await member.click('.notice-object');
    await member.fill('#objection-text textarea', '该同学的志愿服务时长请再核实。');
    await screenshot(member, 'commend-notice');
    await member.click('#objection-submit');
    await member.waitForSelector('#objection-form', { state: 'detached' });

    // (4) the committee sees the objection and the blocked 颁发, resolves it, and issues after the 公示
    const admin = await phonePage(env.browser);
    await signIn(admin, ADMIN);
    // 发起表彰 as the committee sees it (this commendation was opened through the API above).
    await admin.goto(`${env.app.url}/#/package-commend/open/index`);
    await admin.waitForSelector('#open-title');
    await admin.click('#open-add-award');
    await admin.fill('#open-award-name-2 input', '优秀共青团干部');
    await screenshot(admin, 'commend-open');
    await admin.goto(`${env.app.url}/#/package-commend/notice/index?commendationId=${c.id}`);
    await admin.waitForSelector('.objection-item');
    await admin.waitForSelector('#notice-issue:has-text("公示期满后颁发（待处理异议 1）")');
    await screenshot(admin, 'commend-notice-committee');
    const [objection] = await act<ObjectionView[]>(ADMIN, 'objections', { commendationId: c.id });
    await act(ADMIN, 'resolveObjection', { objectionId: objection.id, outcome: 'dismissed', reason: '经核实，志愿时长属实' });
    await advance(3 * DAY);
    expect(await act(ADMIN, 'issueAwards', { commendationId: c.id })).toEqual({ issued: 1 });

    // (5) the winner opens the certificate from 评比表彰 → 我的荣誉
    const winner = await phonePage(env.browser);
    await signIn(winner, 'demo-2023010104');
    await winner.goto(`${env.app.url}/#/package-commend/index/index`);
    await winner.click('.commend-my-award');
    await winner.waitForSelector('#certificate-code');
    await winner.waitForFunction(() => {
      const img = document.querySelector('#certificate-qr img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const code = ((await winner.locator('#certificate-code').innerText()).match(/[2-9A-Z]{10}/) ?? [''])[0];
    expect(code).toHaveLength(10);
    await screenshot(winner, 'commend-certificate');

    // (6) anyone, signed out, verifies the code; a forged one fails
    const visitor = await phonePage(env.browser);
    await visitor.goto(`${env.app.url}/#/package-commend/verify/index?code=${code}`);
    await visitor.waitForSelector('#verify-ok');
    expect(await visitor.locator('#verify-award').innerText()).toContain('优秀共青团员');
    await screenshot(visitor, 'commend-verify');
    await visitor.fill('#verify-input input', `${code.slice(0, 9)}${code[9] === 'Z' ? 'Y' : 'Z'}`);
    await visitor.click('#verify-submit');
    await visitor.waitForSelector('#verify-bad');
    await screenshot(visitor, 'commend-verify-forged');

    // (7) the secretary tells the winner's story from the award, with a photo; it passes the check; the member reads it
    await secretary.goto(`${env.app.url}/#/package-commend/certificate/index?awardId=${encodeURIComponent(`award:${list.items[0].id}`)}`);
    await secretary.click('#certificate-story');
    await secretary.waitForSelector('#story-source');
    await secretary.fill('#story-title input', '志愿服务的带头人');
    await secretary.fill('#story-body textarea', '她三年累计志愿服务三百小时，带动全班同学走进社区，获评优秀共青团员。');
    await secretary.setInputFiles('#story-photos-input', [photoFile()]);
    await secretary.waitForSelector('.photo-tile-done');
    await secretary.click('#story-submit');
    await secretary.waitForSelector('.story-card');
    await advance(30_000);
    await member.goto(`${env.app.url}/#/package-commend/stories/index`);
    await member.waitForSelector('.story-card .photo-thumb');
    expect(await member.locator('.story-source').innerText()).toContain('优秀共青团员');
    await screenshot(member, 'commend-stories');
  });
});
