/**
 * The roll-up behind 进度看板: a materialised table (`rollups`, one row per org and round, counts summed
 * over the subtree) recounted from the facts by this function's timer every minute, not counters bumped
 * by each write. Why:
 *  - Counters with the write would add the branch's, the college's and the committee's counter rows to
 *    every signature, check-in and review. CloudBase locks a document a transaction writes, so all of the
 *    campus's writes would queue on the one committee row, and a class of 40 signing at its meeting on its
 *    branch row: members would pay, at the busiest moment, for a screen cadres open a few times a day.
 *  - Counters drift. Distinct counts (members with a check-in, members reviewed) need "is this the first?"
 *    inside the write; some writes are not transactions (a 四带头 signature is one `set`, roster imports go
 *    chunk by chunk), org moves re-parent whole subtrees, archiving hides them. Every missed path is an error
 *    that stays forever. A recount is a pure function of the data: it cannot drift, and a bug in it is gone
 *    at the next run.
 *  - It fits the timer: at 1,000 branches / 30,000 members a run is about one aggregate per source per
 *    1,000 groups (~12), ⌈orgs/100⌉ + ⌈rows/100⌉ reads (~32) and a write per row that changed; seconds,
 *    within a run's 60 s (bench/dashboard.ts measures it). Writes stop at WRITE_BUDGET_MS and the next run,
 *    which recounts anyway, finishes them. The figures are at most a minute old; the screen says so.
 *  - Domains feed it by declaring a count (sources.ts), not by editing their write paths.
 * Reading stays cheap: a screen reads its rows directly (view.ts: ≤ 5 requests whatever the tree's size).
 */
import { emptyCounts, progressScore, type Rollup, type RollupCounts, type RollupRun } from '../../types/dashboard';
import { roundOn } from '../../types/campaign';
import type { Campaign, Org } from '../../types/models';
import { campaigns } from '../shared/repositories/campaigns';
import { orgs } from '../shared/repositories/orgs';
import { rollupId, rollups } from '../shared/repositories/rollups';
import { today } from '../shared/time';
import { SOURCES } from './sources';

/** Writes stop here (a timer run has 60 s); the next run writes the rest. */
export const WRITE_BUDGET_MS = 40_000;

/** The round the screens show by default: the one open today, else the next, else the last. */
export function currentRoundKey(campaign: Campaign, day: string): string | null {
  return roundOn(campaign.rounds, day)?.key ?? campaign.rounds[campaign.rounds.length - 1]?.key ?? null;
}

type Fresh = Omit<Rollup, 'changedAt'>;

/** The roll-up as the data stands now: every active org above group level × every round of the campaign. */
export async function recount(campaign: Campaign, day: string): Promise<Fresh[]> {
  const tree = await orgs.all({ archived: false });
  const byId = new Map(tree.map((o) => [o._id, o]));
  const shown = tree.filter((o) => o.level !== 'group');
  const rounds = campaign.rounds.map((r) => r.key);
  const current = currentRoundKey(campaign, day);
  const counts = new Map<string, RollupCounts>();
  for (const o of shown) for (const r of rounds) counts.set(rollupId(r, o._id), emptyCounts());

  /** Adds n to the org's row and every ancestor's, in the round (or every round). */
  const add = (org: Org, round: string | null, field: keyof RollupCounts, n: number) => {
    for (const id of [...org.ancestors, org._id]) {
      for (const r of round === null ? rounds : [round]) {
        const row = counts.get(rollupId(r, id));
        if (row) row[field] += n;
      }
    }
  };

  const tallies = await Promise.all(SOURCES.map((s) => (s.count ? s.count(campaign._id, { tree, day }) : Promise.resolve([]))));
  SOURCES.forEach((s, i) => {
    if (s.fromTree) for (const o of tree) add(o, null, s.field, s.fromTree(o));
    for (const t of tallies[i]) {
      const org = t.key.org ? byId.get(t.key.org) : undefined;
      if (!org || (s.levels && !s.levels.includes(org.level)) || t.n <= 0) continue;
      const round = t.key.round === undefined ? null : t.key.round;
      if (round !== null && !rounds.includes(round)) continue;
      add(org, round, s.field, s.presence ? 1 : t.n);
    }
  });

  return shown.flatMap((o) =>
    rounds.map((r) => {
      const c = counts.get(rollupId(r, o._id)) ?? emptyCounts();
      return {
        _id: rollupId(r, o._id),
        campaignId: campaign._id,
        roundKey: r,
        current: r === current,
        orgId: o._id,
        name: o.name,
        level: o.level,
        parentId: o.parentId,
        ancestors: o.ancestors,
        order: o.order,
        counts: c,
        score: progressScore(c),
      };
    }),
  );
}

const same = (a: Fresh, b: Rollup): boolean =>
  JSON.stringify([a.campaignId, a.roundKey, a.current, a.name, a.level, a.parentId, a.ancestors, a.order, a.score, a.counts]) ===
  JSON.stringify([b.campaignId, b.roundKey, b.current, b.name, b.level, b.parentId, b.ancestors, b.order, b.score, b.counts]);

/** Recounts and writes the rows that changed; removes rows of orgs and campaigns that are gone. */
export async function refresh(budgetMs = WRITE_BUDGET_MS): Promise<RollupRun> {
  const started = Date.now();
  const [campaign, stored] = await Promise.all([campaigns.active(), rollups.everything()]);
  const fresh = campaign ? await recount(campaign, today()) : [];
  const old = new Map(stored.map((r) => [r._id, r]));
  const keep = new Set(fresh.map((r) => r._id));
  const changed = fresh.filter((r) => {
    const before = old.get(r._id);
    return !before || !same(r, before);
  });
  const gone = stored.filter((r) => !keep.has(r._id)).map((r) => r._id);

  const now = new Date();
  let written = 0;
  let partial = false;
  for (let i = 0; i < changed.length; i += 100) {
    if (Date.now() - started > budgetMs) {
      partial = true;
      break;
    }
    const batch = changed.slice(i, i + 100);
    await rollups.write(batch.map((r) => ({ ...r, changedAt: now })));
    written += batch.length;
  }
  if (!partial) await rollups.removeIds(gone);
  return {
    campaignId: campaign?._id ?? null,
    orgs: new Set(fresh.map((r) => r.orgId)).size,
    rows: fresh.length,
    written,
    removed: partial ? 0 : gone.length,
    ms: Date.now() - started,
    partial,
  };
}
