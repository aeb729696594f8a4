/**
 * 践诺 and 评诺 end to end against the real `npm start` in a phone-sized Chromium: the secretary of
 * 计科2301班团支部 posts an activity with 3 photos through the file input (upload progress on a slowed
 * network), sees them 审核中; the emulator's delayed image check passes them (the test moves the emulator
 * clock instead of waiting); the member sees them in the feed and checks in with a photo the local rule
 * rejects (removed, and told why); the secretary reviews the member; the reports show the evidence and export to
 * xlsx; in 点评总结 the branch's summary is commented on by the college and compiled by the committee.
 */
import { createHash } from 'node:crypto';
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

/** A noisy PNG of about `size`² × 3 bytes: big enough that its upload shows progress on a slow link. */
function noisyPng(seed: number, size = 360): Buffer {
  const img = new PNG({ width: size, height: size });
  let x = seed * 2654435761;
  for (let i = 0; i < img.data.length; i += 4) {
    x = (x * 1103515245 + 12345) >>> 0;
    img.data.set([x & 0xff, (x >> 8) & 0xff, (x >> 16) & 0xff, 255], i);
  }
  return PNG.sync.write(img);
}

function writePhoto(name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

async function signIn(page: Page, openid: string): Promise<void> {
  await page.goto(`${env.app.url}/#/pages/local-login/index`);
  await page.click(`#identity-${openid}`);
  await page.waitForSelector('#whoami-roles');
}

async function emulator(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${env.app.url}/api/_emulator/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

/** The image check's verdicts are due a few seconds after the post: move the clock past them. */
const deliverVerdicts = () => emulator('clock', { advanceMs: 30_000 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strive-fulfil-'));
  // The member signed round 1 (signing itself is pledge-sign.test.ts's subject): written through the SDK.
  await seedDemo(`${env.app.url}/admin`);
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  await writeSignedPledge(cloud.database(), 'm-2023010104');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('践诺 and 评诺 on a phone', () => {
  it('secretary posts with 3 photos, they pass the delayed check, the member checks in, the secretary reviews, the reports show it', async () => {
    // (1) the secretary opens 践诺动态 from the 承诺 tab and posts an activity
    const secretary = await phonePage(env.browser);
    await signIn(secretary, 'demo-2023010101');
    await secretary.goto(`${env.app.url}/#/pages/pledge/index`);
    await secretary.click('#fulfil-feed');
    await secretary.waitForSelector('#feed-empty');
    await secretary.click('#feed-post');
    await secretary.waitForSelector('#post-title');
    await secretary.fill('#post-title input', '社区志愿服务');
    await secretary.fill('#post-place input', '幸福社区');
    await secretary.fill('#post-body textarea', '为社区老人打扫卫生，讲解防诈骗知识。');
    await secretary.click('#post-good-activities');
    await secretary.click('#post-lead-morals');
    await secretary.fill('#post-attendee-search input', '2023010104');
    await secretary.click('#post-pick-m-2023010104');
    await secretary.waitForSelector('#post-attendee-count:has-text("已选 1 人")');

    // A slow uplink, so each photo's progress shows.
    const cdp = await secretary.context().newCDPSession(secretary);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: -1, uploadThroughput: 120_000 });
    const photos = [1, 2, 3].map((i) => writePhoto(`activity-${i}.png`, noisyPng(i)));
    await secretary.setInputFiles('#post-photos-input', photos);
    await secretary.waitForSelector('.photo-tile-uploading');
    await secretary.locator('#post-photos-add').scrollIntoViewIfNeeded();
    // Progress events depend on the network stack; the screenshot is taken once one shows, or at the start.
    await secretary
      .waitForFunction(
        () => [...document.querySelectorAll('.photo-tile-label')].some((l) => !/^(0|100)%$/.test(l.textContent ?? '')),
        undefined,
        {
          timeout: 10_000,
        },
      )
      .catch(() => undefined);
    await screenshot(secretary, 'fulfil-post-uploading');
    await secretary.waitForFunction(() => document.querySelectorAll('.photo-tile-done').length === 3, undefined, { timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await screenshot(secretary, 'fulfil-post-ready');
    await secretary.click('#post-submit');

    // (2) back on the feed: the author sees the photos, marked 审核中
    await secretary.waitForSelector('.activity-card');
    await secretary.waitForFunction(() => document.querySelectorAll('.activity-card .photo-badge').length === 3);
    expect(await secretary.locator('.activity-card .photo-badge').allInnerTexts()).toEqual(['审核中', '审核中', '审核中']);
    await screenshot(secretary, 'fulfil-feed-pending');

    // (3) the member sees the activity without its photos until the check passes
    const member = await phonePage(env.browser);
    await signIn(member, 'demo-2023010104');
    await member.goto(`${env.app.url}/#/package-fulfil/feed/index?orgId=org-cs-1`);
    await member.waitForSelector('.activity-card');
    expect(await member.locator('.activity-card .photo-thumb').count()).toBe(0);
    await deliverVerdicts();
    await member.reload();
    await member.waitForFunction(() => document.querySelectorAll('.activity-card .photo-thumb').length === 3);
    expect(await member.locator('.activity-card .photo-badge').count()).toBe(0);
    await member.waitForFunction(() =>
      [...document.querySelectorAll('.activity-card .photo-thumb img')].every((i) => (i as HTMLImageElement).naturalWidth > 0),
    );
    await screenshot(member, 'fulfil-feed-member');
    // The list shows the thumbnails the phone made (canvas, long edge 360 px, JPEG); the uploaded photos stay for the preview.
    const srcs = await member
      .locator('.activity-card .photo-thumb img')
      .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
    expect(srcs.every((s) => s.includes('/fulfil/org-cs-1/activities/thumbs/'))).toBe(true);
    const thumbBytes = await member.evaluate(
      (urls) => Promise.all(urls.map(async (u) => (await (await fetch(u)).arrayBuffer()).byteLength)),
      srcs,
    );
    const photoBytes = photos.map((_, i) => noisyPng(i + 1).length);
    console.log(`fulfil e2e: thumbnails ${thumbBytes.join(', ')} bytes; photos ${photoBytes.join(', ')} bytes`);
    expect(thumbBytes.every((b, i) => b > 0 && b <= 300 * 1024 && b < photoBytes[i])).toBe(true);

    // (3b) the secretary shows the activity's 签到码; a member who scans it is recorded as an attendee
    await secretary.click('.activity-card .activity-attend-code');
    await secretary.waitForSelector('#attend-code img');
    await secretary.waitForFunction(() => ((document.querySelector('#attend-code img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    await screenshot(secretary, 'fulfil-attend-code');
    const activityId = (await secretary.locator('#attend-page').evaluate(() => location.hash)).split('activityId=')[1] ?? '';
    const codeRes = await fetch(`${env.app.url}/api/functions/fulfil`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-strive-openid': 'demo-2023010101' },
      body: JSON.stringify({ action: 'attendanceCode', payload: { activityId: decodeURIComponent(activityId) } }),
    });
    const { scene } = ((await codeRes.json()) as { result: { data: { scene: string } } }).result.data;
    const classmate = await phonePage(env.browser);
    await signIn(classmate, 'demo-2023010105');
    await classmate.goto(`${env.app.url}/#/package-fulfil/attend/index?scene=${encodeURIComponent(scene)}`);
    await classmate.waitForSelector('#attend-done:has-text("签到成功")');
    await screenshot(classmate, 'fulfil-attend-done');
    await secretary.click('#attend-refresh');
    await secretary.waitForSelector('#attend-count:has-text("已签到 2 人")');
    await classmate.close();

    // (4) the member checks in under 带头弘扬新风, for the activity, with a photo the local rule rejects
    const risky = noisyPng(9, 120);
    await emulator('media-check/rules', { sha256: createHash('sha256').update(risky).digest('hex'), suggest: 'risky' });
    await member.click('#feed-checkin');
    await member.waitForSelector('#checkin-lead-morals');
    await member.click('#checkin-lead-morals');
    await member.fill('#checkin-text textarea', '周末到社区做志愿者两小时');
    await member.click('.checkin-activity');
    await member.setInputFiles('#checkin-photos-input', [writePhoto('risky.png', risky)]);
    await member.waitForSelector('.photo-tile-done');
    await member.click('#checkin-submit');
    await member.waitForSelector('.checkin-done');
    await deliverVerdicts();
    await member.reload();
    await member.waitForSelector('.checkin-done .photo-removed');
    expect(await member.locator('.checkin-done .photo-removed').innerText()).toContain('未通过内容安全检测，已删除');
    expect(await member.locator('.checkin-done .photo-thumb').count()).toBe(0);
    await member.locator('.checkin-done').scrollIntoViewIfNeeded();
    await screenshot(member, 'fulfil-rejected-photo');

    // (5) the secretary opens the branch report, then the member's, and reviews
    await secretary.goto(`${env.app.url}/#/package-fulfil/org-report/index?orgId=org-cs-1&roundKey=round-1`);
    await secretary.waitForSelector('#report-row-m-2023010104');
    const row = await secretary.locator('#report-row-m-2023010104').innerText();
    expect(row).toContain('2'); // 弘扬新风: the activity and the check-in
    expect(await secretary.locator('#org-report-good-activities').innerText()).toContain('社区志愿服务');
    expect(await secretary.locator('#org-report-good-education .evidence-none').count()).toBe(1);
    await screenshot(secretary, 'fulfil-org-report');
    // 导出 Excel: the browser opens the private file's temporary URL (a download).
    const [request, popup] = await Promise.all([
      secretary.context().waitForEvent('request', (r) => r.url().includes('/exports/fulfil/')),
      secretary.waitForEvent('popup'),
      secretary.click('#report-export'),
    ]);
    expect(decodeURIComponent(request.url())).toMatch(/\/exports\/fulfil\/org-cs-1\/\d+\/计科2301班团支部-承诺践诺报告-[\d-]+\.xlsx/);
    await popup.close();
    await secretary.click('#report-row-m-2023010104');
    await secretary.waitForSelector('#report-lead-morals');
    await secretary.click('#review-grade-excellent');
    await secretary.fill('#review-comment textarea', '带头参加志愿服务，表现突出。');
    await secretary.click('#review-submit');
    await secretary.waitForSelector('#review-current:has-text("优秀")');
    await screenshot(secretary, 'fulfil-review');

    // (6) the member's own report: each item beside its evidence, the review, items without evidence marked
    await member.goto(`${env.app.url}/#/package-fulfil/report/index?roundKey=round-1`);
    await member.waitForSelector('#report-lead-morals');
    const morals = await member.locator('#report-lead-morals').innerText();
    expect(morals).toContain('参加志愿服务二十小时');
    expect(morals).toContain('社区志愿服务');
    expect(morals).toContain('周末到社区做志愿者两小时');
    expect(await member.locator('#report-lead-study .evidence-none').count()).toBe(1);
    expect(await member.locator('#review-current').innerText()).toContain('优秀');
    expect(await member.locator('#review-submit').count()).toBe(0);
    await screenshot(member, 'fulfil-report');

    // (7) in 点评总结 (the demo's review stage starts in 5 days) the secretary submits the branch's stage summary
    await emulator('clock', { advanceMs: 6 * 24 * 3600_000 });
    await secretary.goto(`${env.app.url}/#/package-fulfil/org-report/index?orgId=org-cs-1&roundKey=round-1`);
    await secretary.waitForSelector('#summary-text');
    await secretary.fill('#summary-text textarea', '本阶段开展社区志愿服务一次，团员积极参加。');
    await secretary.click('#summary-submit');
    await secretary.waitForSelector('#summary-own:has-text("第 1 版")');
    await secretary.locator('#summary-own').scrollIntoViewIfNeeded();
    await screenshot(secretary, 'fulfil-summary');

    // (8) the college comments on it; the committee compiles every summary into one printable report
    const general = await phonePage(env.browser);
    await signIn(general, 'demo-general-cs');
    await general.goto(`${env.app.url}/#/package-fulfil/org-report/index?orgId=org-cs&roundKey=round-1`);
    await general.waitForSelector('#summary-child-org-cs-1 .summary-comment-input');
    await general.fill('#summary-child-org-cs-1 .summary-comment-input textarea', '活动扎实，成效明显，下一步注意覆盖全体团员。');
    await general.click('#summary-child-org-cs-1 .summary-comment-submit');
    await general.waitForSelector('#summary-child-org-cs-1:has-text("上级点评：活动扎实")');
    const admin = await phonePage(env.browser);
    await signIn(admin, 'demo-admin');
    await admin.goto(`${env.app.url}/#/pages/pledge/index`);
    await admin.click('#fulfil-compiled');
    // The 承诺 tab has moved on to round 2 (round 1's deadline has passed): its summaries are round 1's.
    await admin.click('#compiled-round-round-1');
    await admin.waitForSelector('#compiled-org-cs-1:has-text("上级点评")');
    expect(await admin.locator('#compiled-count').innerText()).toContain('已提交 1 /');
    expect(await admin.locator('#compiled-org-cs-1').innerText()).toContain('上级点评：活动扎实');
    expect(await admin.locator('#compiled-org-cs-2 .compiled-missing').count()).toBe(1);
    await screenshot(admin, 'fulfil-compiled');
    // The printed page: no buttons, the report alone.
    await admin.emulateMedia({ media: 'print' });
    await admin.evaluate(() => window.scrollTo(0, 0));
    expect(await admin.locator('#report-print').isVisible()).toBe(false);
    await screenshot(admin, 'fulfil-compiled-print');
  });
});

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  for (let i = 2; i + 9 < bytes.length;) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    if (marker >= 0xc0 && marker <= 0xc3) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return null;
}

describe('photo compression on the phone (H5 path)', () => {
  it('a 12-megapixel camera photo leaves the page as a JPEG of at most 1 MB with a 1600 px long edge, and its 360 px JPEG thumbnail', async () => {
    const page = await phonePage(env.browser);
    await signIn(page, 'demo-2023010101');
    await page.goto(`${env.app.url}/#/package-fulfil/post/index?orgId=org-cs-1&roundKey=round-1`);
    await page.waitForSelector('#post-photos-input', { state: 'attached' });
    // A synthetic camera photo: 4000 × 3000, sky and ground gradients, shapes, and sensor-like noise, JPEG quality 92.
    const base64 = await page.evaluate(async () => {
      const c = document.createElement('canvas');
      c.width = 4000;
      c.height = 3000;
      const g = c.getContext('2d');
      if (!g) throw new Error('no 2d context');
      const sky = g.createLinearGradient(0, 0, 0, 1800);
      sky.addColorStop(0, '#5b8fd6');
      sky.addColorStop(1, '#dce9f7');
      g.fillStyle = sky;
      g.fillRect(0, 0, 4000, 1800);
      const ground = g.createLinearGradient(0, 1800, 0, 3000);
      ground.addColorStop(0, '#6f8f4e');
      ground.addColorStop(1, '#3d5229');
      g.fillStyle = ground;
      g.fillRect(0, 1800, 4000, 1200);
      let x = 12345;
      const rnd = () => (x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32;
      for (let i = 0; i < 400; i++) {
        g.fillStyle = `hsl(${Math.floor(rnd() * 360)}, 45%, ${30 + Math.floor(rnd() * 40)}%)`;
        g.fillRect(rnd() * 4000, 1000 + rnd() * 2000, 40 + rnd() * 300, 40 + rnd() * 400);
      }
      const img = g.getImageData(0, 0, 4000, 3000);
      for (let i = 0; i < img.data.length; i += 4) {
        const n = (rnd() - 0.5) * 48;
        img.data[i] += n;
        img.data[i + 1] += n;
        img.data[i + 2] += n;
      }
      g.putImageData(img, 0, 0);
      const blob = await new Promise<Blob | null>((r) => c.toBlob(r, 'image/jpeg', 0.92));
      if (!blob) throw new Error('no JPEG');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    });
    const original = Buffer.from(base64, 'base64');
    // The photo and its thumbnail (activities/thumbs/) are sent side by side.
    const uploaded = (thumb: boolean) => (r: { url(): string }) =>
      r.url().includes('/api/local/upload') && r.url().includes(encodeURIComponent('/thumbs/')) === thumb;
    const [upload, thumbUpload] = await Promise.all([
      page.waitForResponse(uploaded(false)),
      page.waitForResponse(uploaded(true)),
      page.setInputFiles('#post-photos-input', { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: original }),
    ]);
    // What reached storage is what the phone sent.
    const storedBytes = async (res: { json(): Promise<unknown> }) => {
      const { fileID } = (await res.json()) as { fileID: string };
      const stored = await fetch(`${env.app.url}/storage/${fileID.replace(/^cloud:\/\/[^/]+\//, '')}`);
      expect(stored.status).toBe(200);
      return Buffer.from(await stored.arrayBuffer());
    };
    const sent = await storedBytes(upload);
    const thumb = await storedBytes(thumbUpload);
    const size = jpegSize(sent);
    console.log(
      `12-megapixel photo (synthetic, 4000×3000): ${(original.length / 1024).toFixed(0)} KB from the camera → ` +
        `${(sent.length / 1024).toFixed(0)} KB uploaded, ${size?.width}×${size?.height}; ` +
        `thumbnail ${(thumb.length / 1024).toFixed(1)} KB, ${jpegSize(thumb)?.width}×${jpegSize(thumb)?.height}`,
    );
    expect(size).toEqual({ width: 1600, height: 1200 });
    expect(sent.length).toBeLessThanOrEqual(1024 * 1024);
    expect(sent.length).toBeLessThan(original.length);
    expect(jpegSize(thumb)).toEqual({ width: 360, height: 270 });
    expect(thumb.length).toBeLessThanOrEqual(300 * 1024);
    await page.close();
  });
});
