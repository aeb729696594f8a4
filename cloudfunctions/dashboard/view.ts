/**
 * 进度看板's screens, read from the roll-up (refresh.ts). Requests, whatever the tree's size: the caller
 * (2, the router), then for `home` the rows of the caller's orgs (1); for a screen the org and its children
 * in one request and, above college level, the subtree's lagging branches (1). The committee's screen: 5.
 */
import { LAGGING_LIMIT, type DashboardHome, type DashboardView, type Rollup, type RollupView } from '../../types/dashboard';
import type { Caller } from '../shared/caller';
import { AppError } from '../shared/errors';
import { rollups } from '../shared/repositories/rollups';
import { iso } from '../shared/time';

export const NOT_COUNTED = '进度统计尚未生成（每分钟更新一次），请稍后再看';

function toView(r: Rollup): RollupView {
  return {
    orgId: r.orgId,
    name: r.name,
    level: r.level,
    parentId: r.parentId,
    ancestors: r.ancestors,
    roundKey: r.roundKey,
    counts: r.counts,
    score: r.score,
    changedAt: iso(r.changedAt),
  };
}

/** Lagging first; equal progress keeps the tree's order. */
const byLag = (a: Rollup, b: Rollup): number => a.score - b.score || a.order - b.order;

/** One org's screen from its row, its children's rows and its subtree's lagging branches. */
export async function screen(orgId: string, roundKey?: string): Promise<DashboardView> {
  const rows = await rollups.withChildren(orgId, roundKey);
  const own = rows.find((r) => r.orgId === orgId);
  if (!own) throw new AppError('NOT_FOUND', NOT_COUNTED);
  const children = rows.filter((r) => r.orgId !== orgId).sort(byLag);
  // Where the children are the branches (a college), they are the lagging list already, sorted: no second list.
  const deep = children.some((c) => c.level !== 'branch');
  const lagging = deep ? await rollups.lagging(orgId, LAGGING_LIMIT, own.roundKey) : [];
  return { org: toView(own), children: children.map(toView), lagging: lagging.map(toView) };
}

/**
 * The orgs the caller's roles cover, without those inside another of them (an admin's grant on the
 * committee covers a college grant), and the screen itself when only one is left.
 */
export async function home(caller: Caller, roundKey?: string): Promise<DashboardHome> {
  const ids = [...new Set(caller.grants.map((g) => g.orgId))];
  const rows = ids.length ? await rollups.ofOrgs(ids, roundKey) : [];
  const held = new Set(rows.map((r) => r.orgId));
  const roots = rows
    .filter((r) => !r.ancestors.some((a) => held.has(a)))
    .sort((a, b) => a.ancestors.length - b.ancestors.length || byLag(a, b));
  const view = roots.length === 1 ? await screen(roots[0].orgId, roots[0].roundKey) : null;
  return { roots: roots.map(toView), view };
}
