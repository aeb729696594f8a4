/**
 * Every page of the app and the URL that opens it, query encoded. src/app.config.ts lists the same pages (the
 * build reads it on its own); test/component/routes.test.ts checks that the two agree both ways.
 */
import Taro from '@tarojs/taro';

export const PAGES = {
  home: 'pages/home/index',
  pledge: 'pages/pledge/index',
  evaluate: 'pages/evaluate/index',
  mine: 'pages/mine/index',
  localLogin: 'pages/local-login/index',
  bind: 'pages/bind/index',
  org: 'package-admin/org/index',
  members: 'package-admin/members/index',
  import: 'package-admin/import/index',
  staff: 'package-admin/staff/index',
  leaders: 'package-admin/leaders/index',
  campaign: 'package-admin/campaign/index',
  mobilize: 'package-admin/mobilize/index',
  // SIGN_PAGE of the contract (the page a signing 小程序码 opens), spelled out: importing types/pledge would bring its
  // validation into the main package. routes.test.ts checks they agree.
  sign: 'package-pledge/sign/index',
  session: 'package-pledge/session/index',
  sheet: 'package-pledge/sheet/index',
  fulfilFeed: 'package-fulfil/feed/index',
  fulfilPost: 'package-fulfil/post/index',
  fulfilCheckIn: 'package-fulfil/checkin/index',
  fulfilReport: 'package-fulfil/report/index',
  fulfilOrgReport: 'package-fulfil/org-report/index',
  reminders: 'package-notify/reminders/index',
  reach: 'package-notify/unreachable/index',
  contacts: 'package-supervise/contacts/index',
  inspect: 'package-supervise/inspect/index',
  draw: 'package-supervise/draw/index',
  verifyDraw: 'package-supervise/verify/index',
  rectify: 'package-supervise/rectify/index',
  inbox: 'package-local/inbox/index',
  localTools: 'package-local/tools/index',
  dashboard: 'package-dashboard/progress/index',
  fulfilCompiled: 'package-fulfil/compiled/index',
  // ATTEND_PAGE of the contract (the page an activity's 签到码 opens), spelled out like sign above.
  fulfilAttend: 'package-fulfil/attend/index',
  evaluateEdit: 'package-evaluate/edit/index',
  evaluateBallot: 'package-evaluate/ballot/index',
  evaluateTurnout: 'package-evaluate/turnout/index',
  evaluateResults: 'package-evaluate/results/index',
  evaluateReceipt: 'package-evaluate/receipt/index',
  commend: 'package-commend/index/index',
  commendOpen: 'package-commend/open/index',
  commendNominations: 'package-commend/nominations/index',
  commendNotice: 'package-commend/notice/index',
  certificate: 'package-commend/certificate/index',
  // VERIFY_PAGE of the contract (the page a certificate's 小程序码 opens); routes.test.ts checks they agree.
  verify: 'package-commend/verify/index',
  stories: 'package-commend/stories/index',
  storyPost: 'package-commend/story-post/index',
} as const;

export type Page = (typeof PAGES)[keyof typeof PAGES];

/** The tab bar of app.config.ts, in order: these open with switchTab (which drops any query). */
export const TAB_PAGES: readonly Page[] = [PAGES.home, PAGES.pledge, PAGES.evaluate, PAGES.mine];

/** `/page?key=value&…` with each value URI-encoded; undefined values are left out. */
function url(page: Page, query: Record<string, string | undefined> = {}): string {
  const pairs = Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [`${key}=${encodeURIComponent(value)}`]));
  return pairs.length > 0 ? `/${page}?${pairs.join('&')}` : `/${page}`;
}

/** A branch's signing for a round; either may be left to the page (the secretary's branch, the current round). */
interface BranchRound {
  branchId?: string;
  roundKey?: string;
}

export const routes = {
  home: () => url(PAGES.home),
  pledge: () => url(PAGES.pledge),
  mine: () => url(PAGES.mine),
  localLogin: () => url(PAGES.localLogin),
  /** `redirect`: an in-app URL to open after binding instead of going back. */
  bind: (redirect?: string) => url(PAGES.bind, { redirect }),
  org: (orgId?: string) => url(PAGES.org, { orgId }),
  members: (orgId: string) => url(PAGES.members, { orgId }),
  import: (orgId: string) => url(PAGES.import, { orgId }),
  staff: () => url(PAGES.staff),
  leaders: () => url(PAGES.leaders),
  campaign: () => url(PAGES.campaign),
  mobilize: (orgId: string) => url(PAGES.mobilize, { orgId }),
  sign: (scene: string) => url(PAGES.sign, { scene }),
  session: (q: BranchRound) => url(PAGES.session, { branchId: q.branchId, roundKey: q.roundKey }),
  sheet: (q: BranchRound) => url(PAGES.sheet, { branchId: q.branchId, roundKey: q.roundKey }),
  /** An org's activity feed (its subtree's too). */
  fulfilFeed: (orgId: string) => url(PAGES.fulfilFeed, { orgId }),
  fulfilPost: (orgId: string, roundKey: string) => url(PAGES.fulfilPost, { orgId, roundKey }),
  fulfilCheckIn: (roundKey: string) => url(PAGES.fulfilCheckIn, { roundKey }),
  /** A member's 承诺–践诺 (and the secretary's 评诺 of it); without memberId, the caller's own. */
  fulfilReport: (roundKey: string, memberId?: string) => url(PAGES.fulfilReport, { roundKey, memberId }),
  fulfilOrgReport: (orgId: string, roundKey: string) => url(PAGES.fulfilOrgReport, { orgId, roundKey }),
  /** 我的 → 消息提醒: credits per reminder template. */
  reminders: () => url(PAGES.reminders),
  /** 提醒送达: who in the org a reminder did not reach. */
  reach: (orgId: string) => url(PAGES.reach, { orgId }),
  /** 我的联系点: a leader's contact points with their key facts. */
  contacts: () => url(PAGES.contacts),
  /** 记录检查 of an org; `drawId`: the spot check it follows up. */
  inspect: (orgId: string, drawId?: string) => url(PAGES.inspect, { orgId, drawId }),
  /** 随机抽查 over an org's scope; `drawId`: an existing draw to continue. */
  draw: (orgId: string, drawId?: string) => url(PAGES.draw, { orgId, drawId }),
  /** 抽查验证: the public verification page of a draw. */
  verifyDraw: (drawId: string) => url(PAGES.verifyDraw, { drawId }),
  /** 限期整改: one rectification (`id`), or an org's list (`filter` overdue for escalations). */
  rectify: (q: { orgId?: string; id?: string; filter?: 'open' | 'overdue' | 'all' }) => url(PAGES.rectify, q),
  inbox: () => url(PAGES.inbox),
  localTools: () => url(PAGES.localTools),
  /** 进度看板: the caller's scope rolled up, with drill-down and exports. */
  dashboard: () => url(PAGES.dashboard),
  /** 点评总结汇编: every stage summary of the subtree with the comments, printable (committee, general branch). */
  fulfilCompiled: (orgId: string, roundKey: string) => url(PAGES.fulfilCompiled, { orgId, roundKey }),
  /** The secretary shows an activity's 签到码; members scanning it open the same page with ?scene=. */
  fulfilAttendCode: (activityId: string) => url(PAGES.fulfilAttend, { activityId }),
  /** 发起评议 (organiserId) or 修改评议 (id). */
  evaluateEdit: (q: { id?: string; organiserId?: string }) => url(PAGES.evaluateEdit, { id: q.id, organiserId: q.organiserId }),
  evaluateBallot: (id: string) => url(PAGES.evaluateBallot, { id }),
  /** Turnout seen from an org (the organiser, or the caller's own org in a target). */
  evaluateTurnout: (id: string, orgId: string) => url(PAGES.evaluateTurnout, { id, orgId }),
  evaluateResults: (id: string) => url(PAGES.evaluateResults, { id }),
  evaluateReceipt: (id: string, receipt?: string) => url(PAGES.evaluateReceipt, { id, receipt }),
  /** 评比表彰: the running commendation, by role. */
  commend: () => url(PAGES.commend),
  commendOpen: () => url(PAGES.commendOpen),
  /** Nominations of an org's subtree: nominate, forward or decide there. */
  commendNominations: (commendationId: string, orgId: string) => url(PAGES.commendNominations, { commendationId, orgId }),
  commendNotice: (commendationId: string) => url(PAGES.commendNotice, { commendationId }),
  certificate: (awardId: string) => url(PAGES.certificate, { awardId }),
  verify: (code?: string) => url(PAGES.verify, { code }),
  /** 先进典型: the stories of the tree. */
  stories: () => url(PAGES.stories),
  storyPost: (orgId: string, source?: { awardId?: string; activityId?: string }) =>
    url(PAGES.storyPost, { orgId, awardId: source?.awardId, activityId: source?.activityId }),
};

/** Opens an in-app page given as 'path?query' (with or without the leading '/'): switchTab for a tab page, else navigateTo. */
export function openPage(page: string): void {
  const target = page.startsWith('/') ? page : `/${page}`;
  const path = target.split('?')[0];
  if ((TAB_PAGES as readonly string[]).includes(path.slice(1))) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url: target });
}
