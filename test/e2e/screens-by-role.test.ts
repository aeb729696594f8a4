/**
 * Every screen added for the fulfil, reminder, supervision and local-tool work, walked in a phone-sized Chromium
 * as each role that can reach it (one `npm start`, one browser, one context per role). ONE table says, per
 * screen and role, how to get there and what must show: the real content, or the role's own refusal or empty
 * state. Each row is screenshotted to test-results/screenshots/walk-<screen>-<role>.png, and on every row the
 * page may not still say 加载中, may not show an English word, must offer a way back or onward, and the browser
 * console may not report an error.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { SessionView } from '../../types/pledge';
import { screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

const env = useRunningApp();

/** The local sign-in identities of the demo seed (scripts/demo-data.ts), one per role. */
const ROLES = {
  admin: { openid: 'demo-admin', name: '校团委管理员' },
  general: { openid: 'demo-general-cs', name: '团总支书记' },
  secretary: { openid: 'demo-2023010101', name: '团支部书记' },
  cadre: { openid: 'demo-2023010102', name: '团干部' },
  member: { openid: 'demo-2023010104', name: '普通团员' },
  visitor: { openid: 'demo-visitor', name: '未绑定访客' },
  leader: { openid: 'demo-leader-1', name: '领导小组成员' },
} as const;
type RoleKey = keyof typeof ROLES;

const ROUND = 'round-1';
const BRANCH = 'org-cs-1'; // 计科2301班团支部: the secretary's, cadre's and member's branch; leader-1's contact point
const MEMBER_ID = 'm-2023010104';

interface Row {
  screen: string;
  role: RoleKey;
  /** The hash route to open (a fresh page load), or a function that gets there by taps. */
  go: string | ((page: Page) => Promise<void>);
  /** The element that must show once the screen has loaded. */
  shows: string;
  /** Text that must be in the page (the real content, or the refusal / empty state's words). */
  says?: string[];
  /** Text or selectors that must NOT be there (what the role cannot use). */
  notSays?: string[];
  hidden?: string[];
  /** Technical text (hashes, ids, a command to type) left out of the no-English check; `allow`: names it explains (SHA-256). */
  code?: string[];
  allow?: string[];
}

/** Filled in by beforeAll: a 自动更换 QR's scene that has gone stale (the clock moved past its maximum age). */
let staleScene = '';

/** Open `path`, wait for `ready` (what the tap needs loaded), tap `selector` (default: `ready`). */
const tap =
  (path: string, ready: string, selector = ready) =>
  async (page: Page) => {
    await open(page, path);
    await page.waitForSelector(ready);
    // Tap once the freshly loaded page has settled: on 首页 a tap in its first moments opens a sheet that then goes away.
    await page.waitForLoadState('networkidle');
    await page.click(selector);
  };

const TABLE: Row[] = [
  // 本地登录, grouped by role (signed out).
  {
    screen: 'local-login',
    role: 'visitor',
    go: 'pages/local-login/index',
    shows: '.identity-group',
    says: ['校团委管理员', '领导小组成员', '未绑定'],
  },

  // 我的: the profile and 工作台 as each role has it.
  {
    screen: 'mine',
    role: 'admin',
    go: 'pages/mine/index',
    shows: '#mine-entry-reach',
    says: ['工作台', '组织管理', '领导小组', '活动设置', '提醒送达'],
    hidden: ['#mine-entry-contacts'],
  },
  { screen: 'mine', role: 'general', go: 'pages/mine/index', shows: '#mine-entry-members', says: ['花名册', '动员部署', '提醒送达'] },
  { screen: 'mine', role: 'secretary', go: 'pages/mine/index', shows: '#mine-entry-pledge-session', says: ['四带头签名', '提醒送达'] },
  { screen: 'mine', role: 'cadre', go: 'pages/mine/index', shows: '#mine-entry-reminders', says: ['消息提醒'], hidden: ['#mine-manage'] },
  { screen: 'mine', role: 'member', go: 'pages/mine/index', shows: '#mine-entry-reminders', says: ['消息提醒'], hidden: ['#mine-manage'] },
  { screen: 'mine', role: 'visitor', go: 'pages/mine/index', shows: '#mine-bind', says: ['未绑定', '实名绑定'], hidden: ['#mine-manage'] },
  {
    screen: 'mine',
    role: 'leader',
    go: 'pages/mine/index',
    shows: '#mine-entry-contacts',
    says: ['我的联系点'],
    hidden: ['#mine-entry-org'],
  },

  // 首页 and its 提醒我 consent sheet.
  {
    screen: 'remind-sheet',
    role: 'member',
    go: tap('pages/home/index', '#home-remind'),
    shows: '#home-remind-sheet',
    says: ['活动阶段提醒', '允许'],
  },
  { screen: 'home', role: 'visitor', go: 'pages/home/index', shows: '#home-bind-button', says: ['去绑定'], hidden: ['#home-remind'] },

  // 承诺 tab: 承诺概况 for the committee and a college, the member's own pledge, the visitor's 去绑定.
  {
    screen: 'pledge',
    role: 'admin',
    go: 'pages/pledge/index',
    shows: '#org-overview-row-org-cs',
    says: ['承诺概况', '计算机学院团总支'],
    notSays: ['所在团组织尚未公开'],
  },
  {
    screen: 'pledge',
    role: 'general',
    go: 'pages/pledge/index',
    shows: '#org-overview-row-org-cs-1',
    says: ['承诺概况', '本组织“四好”承诺'],
  },
  { screen: 'pledge', role: 'secretary', go: 'pages/pledge/index', shows: '#pledge-start-session', says: ['发起四带头签名'] },
  {
    screen: 'pledge',
    role: 'member',
    go: 'pages/pledge/index',
    shows: '#my-pledge-status',
    says: ['我的“四带头”承诺'],
    hidden: ['.org-overview'],
  },
  { screen: 'pledge', role: 'visitor', go: 'pages/pledge/index', shows: '#pledge-bind', says: ['请先完成实名绑定'] },
  {
    screen: 'pledge',
    role: 'leader',
    go: 'pages/pledge/index',
    shows: '#pledge-contacts-open',
    says: ['联系点承诺进展'],
    notSays: ['所在团组织尚未公开'],
  },

  // 四带头签名 (session): the secretary's QR with the cadres pending; others are refused.
  {
    screen: 'session',
    role: 'secretary',
    go: `package-pledge/session/index?branchId=${BRANCH}&roundKey=${ROUND}`,
    shows: '#session-cadres',
    says: ['团干部未签署', '我先签'],
  },
  {
    screen: 'session',
    role: 'member',
    go: `package-pledge/session/index?branchId=${BRANCH}&roundKey=${ROUND}`,
    shows: '.page-frame-error',
    hidden: ['#session-qr'],
  },

  // 践诺 · 评诺 (package-fulfil).
  { screen: 'feed', role: 'secretary', go: `package-fulfil/feed/index?orgId=${BRANCH}`, shows: '#feed-post', says: ['发布活动'] },
  { screen: 'feed', role: 'member', go: `package-fulfil/feed/index?orgId=${BRANCH}`, shows: '#feed-page', hidden: ['#feed-post'] },
  { screen: 'feed', role: 'general', go: 'package-fulfil/feed/index?orgId=org-cs', shows: '#feed-page' },
  { screen: 'feed', role: 'leader', go: `package-fulfil/feed/index?orgId=${BRANCH}`, shows: '#feed-page', hidden: ['#feed-post'] },
  { screen: 'feed', role: 'visitor', go: `package-fulfil/feed/index?orgId=${BRANCH}`, shows: '.page-frame-error, .page-frame-empty' },
  {
    screen: 'post',
    role: 'secretary',
    go: `package-fulfil/post/index?orgId=${BRANCH}&roundKey=${ROUND}`,
    shows: '#post-title',
    says: ['发布'],
  },
  {
    screen: 'post',
    role: 'member',
    go: `package-fulfil/post/index?orgId=${BRANCH}&roundKey=${ROUND}`,
    shows: '#not-allowed',
    hidden: ['#post-submit'],
  },
  { screen: 'checkin', role: 'member', go: `package-fulfil/checkin/index?roundKey=${ROUND}`, shows: '#checkin-page', says: ['打卡'] },
  { screen: 'checkin', role: 'cadre', go: `package-fulfil/checkin/index?roundKey=${ROUND}`, shows: '#checkin-page' },
  {
    screen: 'checkin',
    role: 'visitor',
    go: `package-fulfil/checkin/index?roundKey=${ROUND}`,
    shows: '.page-frame-error, .page-frame-empty',
    hidden: ['#checkin-submit'],
  },
  {
    screen: 'report',
    role: 'member',
    go: `package-fulfil/report/index?roundKey=${ROUND}`,
    shows: '#report-member',
    says: ['的承诺践诺情况'],
  },
  {
    screen: 'report',
    role: 'secretary',
    go: `package-fulfil/report/index?roundKey=${ROUND}&memberId=${MEMBER_ID}`,
    shows: '#report-member',
    says: ['评诺'],
  },
  { screen: 'report', role: 'visitor', go: `package-fulfil/report/index?roundKey=${ROUND}`, shows: '.page-frame-error, .page-frame-empty' },
  {
    screen: 'org-report',
    role: 'secretary',
    go: `package-fulfil/org-report/index?orgId=${BRANCH}&roundKey=${ROUND}`,
    shows: '#org-report-title',
  },
  {
    screen: 'org-report',
    role: 'general',
    go: `package-fulfil/org-report/index?orgId=org-cs&roundKey=${ROUND}`,
    shows: '#org-report-title',
  },
  { screen: 'org-report', role: 'admin', go: `package-fulfil/org-report/index?orgId=org-cs&roundKey=${ROUND}`, shows: '#org-report-title' },
  {
    screen: 'org-report',
    role: 'member',
    go: `package-fulfil/org-report/index?orgId=${BRANCH}&roundKey=${ROUND}`,
    shows: '.page-frame-error',
    hidden: ['#org-report-title'],
  },

  // 消息提醒 and 提醒送达 (package-notify).
  {
    screen: 'reminders',
    role: 'member',
    go: tap('pages/mine/index', '#mine-entry-reminders'),
    shows: '#reminder-stage .reminder-remaining',
    says: ['订阅提醒', '未订阅'],
  },
  { screen: 'reminders', role: 'secretary', go: 'package-notify/reminders/index', shows: '#reminder-deadline', says: ['未订阅'] },
  {
    screen: 'reminders',
    role: 'admin',
    go: 'package-notify/reminders/index',
    shows: '.reminder-card, .page-frame-empty, .page-frame-error',
  },
  // Not offered on the visitor's 我的 (by URL only): consent is kept by WeChat identity, so it works before binding.
  { screen: 'reminders', role: 'visitor', go: 'package-notify/reminders/index', shows: '.reminder-card', says: ['订阅提醒'] },
  {
    screen: 'unreachable',
    role: 'admin',
    go: tap('pages/mine/index', '#mine-entry-reach'),
    shows: '#reach-page .reach-event, #reach-empty',
  },
  {
    screen: 'unreachable',
    role: 'general',
    go: 'package-notify/unreachable/index?orgId=org-cs',
    shows: '#reach-page .reach-event, #reach-empty',
  },
  {
    screen: 'unreachable',
    role: 'secretary',
    go: tap('pages/mine/index', '#mine-entry-reach'),
    shows: '#reach-page .reach-event, #reach-empty',
  },
  {
    screen: 'unreachable',
    role: 'member',
    go: `package-notify/unreachable/index?orgId=${BRANCH}`,
    shows: '.page-frame-error',
    hidden: ['#reach-copy'],
  },

  // 我的联系点 (package-supervise).
  {
    screen: 'contacts',
    role: 'leader',
    go: tap('pages/mine/index', '#mine-entry-contacts'),
    shows: '#contact-org-em-2 .contact-signed',
    says: ['共 2 个联系点', '各联系点承诺进展', '计科2301班团支部', '金融2301班团支部', '践诺动态'],
    notSays: ['联系点 · 承诺进展'],
  },
  { screen: 'contacts', role: 'member', go: 'package-supervise/contacts/index', shows: '.page-frame-empty', says: ['暂无联系点'] },
  { screen: 'contacts', role: 'admin', go: 'package-supervise/contacts/index', shows: '.page-frame-empty', says: ['暂无联系点'] },
  {
    screen: 'contacts',
    role: 'visitor',
    go: 'package-supervise/contacts/index',
    shows: '.page-frame-empty, .page-frame-error',
    says: ['绑定'],
  },

  // 本地工具 (package-local): anyone signed in locally.
  { screen: 'tools', role: 'admin', go: tap('pages/mine/index', '#mine-entry-tools'), shows: '#clock-now', says: ['与真实时间一致'] },
  { screen: 'tools', role: 'member', go: 'package-local/tools/index', shows: '#clock-now', says: ['本地模式'] },

  // 进度看板 (package-dashboard): figures once the roll-up timer has run, its empty state before; a member is told who sees it.
  {
    screen: 'dashboard',
    role: 'leader',
    go: 'package-dashboard/progress/index',
    // Before the roll-up timer's first run: the empty state; after it, the leader's two contact points to choose from.
    shows: '#dashboard-head, #dashboard-roots, #dashboard-page .page-frame-empty',
  },
  { screen: 'dashboard', role: 'member', go: 'package-dashboard/progress/index', shows: '#not-allowed', says: ['进度看板向校团委'] },

  // 点评总结汇编 and 活动签到 (package-fulfil): the activity and its 签到码 are made in beforeAll (ATTEND_ID, attendScene).
  {
    screen: 'compiled',
    role: 'admin',
    go: `package-fulfil/compiled/index?orgId=org-committee&roundKey=${ROUND}`,
    shows: '#compiled-title',
    says: ['点评总结'],
  },
  {
    screen: 'compiled',
    role: 'general',
    go: `package-fulfil/compiled/index?orgId=org-cs&roundKey=${ROUND}`,
    shows: '#compiled-title',
  },
  {
    screen: 'compiled',
    role: 'member',
    go: `package-fulfil/compiled/index?orgId=org-cs&roundKey=${ROUND}`,
    shows: '.page-frame-error, #not-allowed',
    hidden: ['#compiled-title'],
  },
  { screen: 'attend', role: 'secretary', go: () => Promise.resolve(), shows: '#attend-code', says: ['签到'] },
  { screen: 'attend', role: 'member', go: () => Promise.resolve(), shows: '#attend-done' },

  // 群众评议 (package-evaluate): an open evaluation of the college's branches, made in beforeAll (evaluationId).
  { screen: 'evaluate-edit', role: 'general', go: 'package-evaluate/edit/index?organiserId=org-cs', shows: '#edit-title' },
  {
    screen: 'evaluate-edit',
    role: 'member',
    go: 'package-evaluate/edit/index?organiserId=org-cs',
    shows: '.page-frame-error, #not-allowed',
    hidden: ['#edit-submit'],
  },
  { screen: 'ballot', role: 'member', go: () => Promise.resolve(), shows: '#ballot-submit', says: ['提交'] },
  { screen: 'turnout', role: 'general', go: () => Promise.resolve(), shows: '#turnout-total' },
  { screen: 'turnout', role: 'secretary', go: () => Promise.resolve(), shows: '#turnout-not-voted' },
  {
    screen: 'results',
    role: 'member',
    go: () => Promise.resolve(),
    shows: '.page-frame-error, #results-page .page-frame-empty',
    says: ['尚未结束'],
  },
  { screen: 'receipt', role: 'member', go: () => Promise.resolve(), shows: '#receipt-code' },

  // 督促检查 (package-supervise): leader-1 over its contact point; a rectification and a spot check made in beforeAll.
  { screen: 'inspect', role: 'leader', go: `package-supervise/inspect/index?orgId=${BRANCH}`, shows: '#inspect-submit' },
  {
    screen: 'inspect',
    role: 'member',
    go: `package-supervise/inspect/index?orgId=${BRANCH}`,
    shows: '.page-frame-error, #not-allowed',
    hidden: ['#inspect-submit'],
  },
  { screen: 'draw', role: 'leader', go: `package-supervise/draw/index?orgId=${BRANCH}`, shows: '#draw-create' },
  { screen: 'rectify', role: 'leader', go: `package-supervise/rectify/index?orgId=${BRANCH}&filter=open`, shows: '.rectify-item' },
  { screen: 'rectify', role: 'secretary', go: () => Promise.resolve(), shows: '#rectify-answer-submit' },
  {
    screen: 'verify',
    role: 'member',
    go: () => Promise.resolve(),
    shows: '#verify-hash',
    says: ['候选名单', '随机种子'],
    code: ['#verify-hash', '#verify-command', '#verify-list', '#verify-sample'],
    allow: ['SHA', 'UTF', 'Node', 'js', 'list', 'txt', 'node', 'scripts', 'verify', 'draw', 'mjs'],
  },

  // The sign page's stale-QR state: a 自动更换 code scanned after its maximum age (staleScene, beforeAll). A cadre:
  // an ordinary member is told to wait for the cadres first, whatever the code's age.
  { screen: 'sign-stale', role: 'cadre', go: () => Promise.resolve(), shows: '#sign-stale', says: ['二维码已更新'] },
];

async function open(page: Page, path: string): Promise<void> {
  // A fresh load: each screen as if opened directly (from a link, a QR or a reminder).
  await page.goto('about:blank');
  await page.goto(`${env.app.url}/#/${path}`);
}

const contexts = new Map<RoleKey, { context: BrowserContext; page: Page; errors: string[] }>();

async function asRole(role: RoleKey): Promise<{ page: Page; errors: string[] }> {
  const known = contexts.get(role);
  if (known) return known;
  const context = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  expect((await context.request.post(`${env.app.url}/api/local/sign-in`, { data: { openid: ROLES[role].openid } })).ok()).toBe(true);
  const entry = { context, page, errors };
  contexts.set(role, entry);
  return entry;
}

/** English words a user should not read (2+ Latin letters in a row); PDF (打印或存为 PDF) is what Chinese users call it too. */
const ENGLISH = /[A-Za-z]{2,}/g;
const ALLOWED_WORDS = ['PDF'];

beforeAll(async () => {
  // A 自动更换 QR of the secretary's branch, gone stale: the emulator clock moves past its maximum age.
  const ctx = await env.browser.newContext();
  expect((await ctx.request.post(`${env.app.url}/api/local/sign-in`, { data: { openid: ROLES.secretary.openid } })).ok()).toBe(true);
  const call = async (action: string, payload: unknown): Promise<SessionView> => {
    const res = await ctx.request.post(`${env.app.url}/api/functions/pledge`, { data: { action, payload } });
    const body = (await res.json()) as { result: { ok: boolean; data: SessionView } };
    expect(body.result.ok).toBe(true);
    return body.result.data;
  };
  const session = await call('openSession', { branchId: BRANCH, roundKey: ROUND });
  // 自动更换 stays on (turning it off would keep the key valid): the session screen shows it on.
  staleScene = (await call('setAutoRotate', { sessionId: session.id, auto: true })).scene;
  await ctx.close();
  const row = TABLE.find((r) => r.screen === 'sign-stale');
  if (row) row.go = (page) => open(page, `package-pledge/sign/index?scene=${encodeURIComponent(staleScene)}`);

  // What the pages added with 群众评议, 督促检查 and 活动签到 open on, made through the functions as their roles would.
  const as = async <T>(role: RoleKey, fn: string, action: string, payload: unknown): Promise<T> => {
    const c = await env.browser.newContext();
    expect((await c.request.post(`${env.app.url}/api/local/sign-in`, { data: { openid: ROLES[role].openid } })).ok()).toBe(true);
    const res = await c.request.post(`${env.app.url}/api/functions/${fn}`, { data: { action, payload } });
    const body = (await res.json()) as { result: { ok: boolean; data: T; message?: string } };
    await c.close();
    expect({ action, ok: body.result.ok, message: body.result.message }).toEqual({ action, ok: true, message: undefined });
    return body.result.data;
  };
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const later = new Date(Date.now() + 8 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
  const activity = await as<{ id: string }>('secretary', 'fulfil', 'postActivity', {
    orgId: BRANCH,
    roundKey: ROUND,
    title: '主题团日活动',
    date: day,
    place: '团支部活动室',
    body: '学习交流。',
    goods: ['activities'],
    leads: ['morals'],
    attendeeIds: [],
    photos: [],
  });
  const code = await as<{ scene: string }>('secretary', 'fulfil', 'attendanceCode', { activityId: activity.id });
  const evaluation = await as<{ id: string }>('general', 'evaluate', 'createEvaluation', {
    organiserId: 'org-cs',
    title: '计算机学院团支部群众评议',
    targetIds: [BRANCH, 'org-cs-2'],
    form: 'choice',
    electorate: 'own',
    start: day,
    end: later,
  });
  const inspection = await as<{ findings: { rectificationId: string | null }[] }>('leader', 'supervise', 'recordInspection', {
    orgId: BRANCH,
    kind: 'regular',
    date: day,
    place: '团支部活动室',
    summary: '查阅支部台账，与团员座谈。',
    findings: [{ text: '四带头承诺签名不全', deadline: later }],
    drawId: null,
  });
  const draw = await as<{ id: string }>('leader', 'supervise', 'createDraw', {
    scopeOrgId: BRANCH,
    population: 'members',
    size: 3,
    title: '团员抽查',
  });
  const goes: Record<string, string> = {
    'attend/secretary': `package-fulfil/attend/index?activityId=${activity.id}`,
    'attend/member': `package-fulfil/attend/index?scene=${encodeURIComponent(code.scene)}`,
    'ballot/member': `package-evaluate/ballot/index?id=${evaluation.id}`,
    'turnout/general': `package-evaluate/turnout/index?id=${evaluation.id}&orgId=org-cs`,
    'turnout/secretary': `package-evaluate/turnout/index?id=${evaluation.id}&orgId=${BRANCH}`,
    'results/member': `package-evaluate/results/index?id=${evaluation.id}`,
    'receipt/member': `package-evaluate/receipt/index?id=${evaluation.id}`,
    'rectify/secretary': `package-supervise/rectify/index?id=${inspection.findings[0].rectificationId}`,
    'verify/member': `package-supervise/verify/index?drawId=${draw.id}`,
  };
  for (const r of TABLE) {
    const path = goes[`${r.screen}/${r.role}`];
    if (path) r.go = (page) => open(page, path);
  }
});

afterAll(async () => {
  for (const { context } of contexts.values()) await context.close();
});

describe('every new screen, as each role that can reach it', () => {
  it.each(TABLE.map((r) => [`${r.screen} · ${ROLES[r.role].name}`, r] as const))('%s', async (_name, row) => {
    const { page, errors } = await asRole(row.role);
    if (row.screen === 'sign-stale') {
      // The clock moves past the automatic key's maximum age only now, after every other screen was walked.
      const res = await fetch(`${env.app.url}/api/_emulator/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: 5 * 60_000 }),
      });
      expect(res.status).toBe(200);
    }
    errors.length = 0;
    if (typeof row.go === 'string') await open(page, row.go);
    else await row.go(page);
    await page.waitForSelector(row.shows, { timeout: 20_000 }).catch(async (err: unknown) => {
      await screenshot(page, `walk-${row.screen}-${row.role}-failed`);
      throw err;
    });
    await page.waitForFunction(() => !document.body.innerText.includes('加载中'), undefined, { timeout: 20_000 });
    const shot = await screenshot(page, `walk-${row.screen}-${row.role}`);

    const text = await page.locator('body').innerText();
    // A refusal says what to do (去绑定, 返回首页 …) and is no fault: no request id to quote.
    if (await page.locator('.page-frame-error').count()) expect(await page.locator('.page-frame-way').count()).toBe(1);
    expect(text).not.toContain('请求编号');
    for (const s of row.says ?? []) expect(text).toContain(s);
    for (const s of row.notSays ?? []) expect(text).not.toContain(s);
    for (const sel of row.hidden ?? []) expect(await page.locator(sel).count()).toBe(0);
    // A link (the session's H5 sign link for desktop users) is not a word.
    let prose = text.replace(/https?:\/\/\S+/g, '');
    for (const sel of row.code ?? []) for (const t of await page.locator(sel).allInnerTexts()) prose = prose.split(t).join(' ');
    const words = (prose.match(ENGLISH) ?? []).filter((w) => !ALLOWED_WORDS.includes(w) && !(row.allow ?? []).includes(w));
    expect({ shot, english: words }).toEqual({ shot, english: [] });
    // A way back or onward: the H5 navigation bar's back / 首页 control on a sub-page, the tab bar on a tab page.
    const ways = await page
      .locator('.taro-navigation-bar-back:visible, .taro-navigation-bar-home:visible, .taro-tabbar__tabbar:visible')
      .count();
    expect({ shot, ways: ways > 0 }).toEqual({ shot, ways: true });
    expect({ shot, errors }).toEqual({ shot, errors: [] });
  });
});
