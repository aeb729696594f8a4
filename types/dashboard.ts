import type { OrgLevel, Role } from './models';

/**
 * 进度看板 (issue 14): progress of a scope rolled up the tree, and list exports. The roll-up keeps one
 * row per org and round with counts summed over the org's subtree; a rate is a pair of counts.
 *
 * A domain that lands later adds its counts here (a field with its Chinese label, appended at the end),
 * the rates built on them (METRICS), and one source in cloudfunctions/dashboard/sources.ts.
 */
export const ROLLUP_FIELDS = {
  members: '团员人数',
  bound: '已绑定微信',
  signed: '已签四带头',
  orgsDue: '应交四好承诺的组织',
  orgsPledged: '已交四好承诺的组织',
  branches: '团支部数',
  branchesActive: '开展过活动的团支部',
  activities: '活动次数',
  checkIns: '打卡次数',
  checkInMembers: '打过卡的团员',
  membersReviewed: '已评诺的团员',
  // 群众评议: each org's latest closed evaluation (sources.ts: the deepest evaluated orgs of a subtree are summed).
  evalElectors: '应参评团员',
  evalVoted: '已参评团员',
  evalBallots: '计入满意度的选票',
  evalSatisfied: '满意和基本满意的选票',
  // 督促检查: shown as counts, not rates (nothing to divide by).
  rectOpen: '未完成的整改',
  rectOverdue: '逾期未整改',
} as const;

export type RollupField = keyof typeof ROLLUP_FIELDS;
export type RollupCounts = Record<RollupField, number>;

/** A rate shown as a bar: numerator over denominator, both summed over the subtree. */
export interface MetricDef {
  key: string;
  label: string;
  num: RollupField;
  den: RollupField;
}

/** The bars, in screen order; every one counts toward an org's progress score (lagging orgs first). */
export const METRICS: readonly MetricDef[] = [
  { key: 'orgPledge', label: '四好承诺提交率', num: 'orgsPledged', den: 'orgsDue' },
  { key: 'signing', label: '四带头签署率', num: 'signed', den: 'members' },
  { key: 'activity', label: '活动开展率', num: 'branchesActive', den: 'branches' },
  { key: 'checkIn', label: '打卡覆盖率', num: 'checkInMembers', den: 'members' },
  { key: 'review', label: '评诺完成率', num: 'membersReviewed', den: 'members' },
  { key: 'turnout', label: '群众评议参评率', num: 'evalVoted', den: 'evalElectors' },
  { key: 'satisfaction', label: '群众评议满意率', num: 'evalSatisfied', den: 'evalBallots' },
];

/** Figures shown as plain counts beside the bars (not part of the progress score); `alarm`: shown in red when above 0. */
export const COUNTS: readonly { key: RollupField; alarm: boolean }[] = [
  { key: 'rectOpen', alarm: false },
  { key: 'rectOverdue', alarm: true },
];

export const emptyCounts = (): RollupCounts => Object.fromEntries(Object.keys(ROLLUP_FIELDS).map((k) => [k, 0])) as RollupCounts;

/** The rate of one metric, 0..1; null when there is nothing to count (no members, no branches). */
export function rate(counts: Partial<RollupCounts>, m: MetricDef): number | null {
  const den = counts[m.den] ?? 0;
  return den > 0 ? Math.min(1, (counts[m.num] ?? 0) / den) : null;
}

/** An org's progress: the mean of its rates that have a denominator (1 when none has: nothing to do). */
export function progressScore(counts: Partial<RollupCounts>): number {
  const rates = METRICS.map((m) => rate(counts, m)).filter((r): r is number => r !== null);
  if (rates.length === 0) return 1;
  return Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10_000) / 10_000;
}

/** One org's progress in one round, as the app receives it. */
export interface RollupView {
  orgId: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  /** Root first: where the org sits, for the app's scope checks (types/scope.ts). */
  ancestors: string[];
  roundKey: string;
  counts: RollupCounts;
  score: number;
  /** When these figures last changed (the timer refreshes every minute). */
  changedAt: string;
}

/** An org's screen: itself, its children (lagging first) and, above branch level, the lagging branches of its subtree. */
export interface DashboardView {
  org: RollupView;
  children: RollupView[];
  lagging: RollupView[];
}

/** Where a caller starts: the orgs their roles cover (a leader: each contact point), and the screen when there is one. */
export interface DashboardHome {
  roots: RollupView[];
  /** The screen of the only root; null when the caller has several (choose one) or none yet. */
  view: DashboardView | null;
}

/** How many lagging branches a screen lists. */
export const LAGGING_LIMIT = 10;

/** Lists a cadre exports to xlsx (issue 14); nominations are appended when they land (evaluation results: evaluate.exportResults). */
const SECRETARIES: readonly Role[] = ['admin', 'generalSecretary', 'secretary'];
const CADRES: readonly Role[] = [...SECRETARIES, 'leader'];
/** Each list's title and who may export it over an org (names and student numbers: the roster stays with secretaries). */
export const EXPORT_LISTS = {
  roster: { title: '团员名单', roles: SECRETARIES },
  signing: { title: '四带头签署情况', roles: CADRES },
  activities: { title: '活动记录', roles: CADRES },
  checkIns: { title: '践诺打卡', roles: CADRES },
  reviews: { title: '评诺结果', roles: CADRES },
  // 督促检查: who may read them in the supervise function (its READERS) may export them.
  inspections: { title: '督促检查记录', roles: CADRES },
  rectifications: { title: '限期整改', roles: CADRES },
} as const satisfies Record<string, { title: string; roles: readonly Role[] }>;
export type ExportList = keyof typeof EXPORT_LISTS;

export interface ExportResult {
  fileID: string;
  /** A temporary download URL (phone: downloadFile + openDocument; H5: a link). */
  url: string;
  fileName: string;
  rows: number;
  bytes: number;
}

/** What one refresh of the roll-up did (the timer's answer, for logs and the bench). */
export interface RollupRun {
  campaignId: string | null;
  orgs: number;
  rows: number;
  written: number;
  removed: number;
  ms: number;
  /** True when the run stopped writing to stay within the timer's time and left the rest to the next run. */
  partial: boolean;
}

export interface DashboardApi {
  /** The caller's starting point: the orgs they oversee, and the screen itself when there is only one. */
  home: { payload: { roundKey?: string }; result: DashboardHome };
  /** One org's screen (drill-down): within the caller's scope. */
  view: { payload: { orgId: string; roundKey?: string }; result: DashboardView };
  /** Recounts the roll-up now (the timer does it every minute); admins only. */
  refresh: { payload: Record<string, never>; result: RollupRun };
  /** A list of the org's subtree as an xlsx file of any length (the round's, for lists of a round). */
  exportList: { payload: { orgId: string; list: ExportList; roundKey?: string }; result: ExportResult };
}

/** The stored roll-up row (collection `rollups`): one per org and round of the active campaign. */
export interface Rollup {
  _id: string; // `${roundKey}:${orgId}`
  campaignId: string;
  roundKey: string;
  /** The round the campaign is in today (the screens' default). */
  current: boolean;
  orgId: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  ancestors: string[];
  order: number;
  counts: RollupCounts;
  score: number;
  changedAt: Date;
}
