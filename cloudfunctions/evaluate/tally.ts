/**
 * The close: the timer, TALLY_GRACE_MS after the window's end (when no ballot can still arrive), lets the database
 * count the ballots (two aggregates, whatever their number), stores the results with the evaluation's new state in
 * one transaction, and fires the 评议结果公布 reminder to the organiser's tree, where the results may be read.
 */
import { FOUR_GOODS, type FourGood } from '../../types/models';
import {
  CHOICES,
  MAX_COMMENTS_LISTED,
  MIN_BALLOTS,
  rankTargets,
  type Choice,
  type Evaluation,
  type EvaluationResults,
  type Scores,
  type TargetResult,
} from '../../types/evaluate';
import { fireEvent } from '../shared/notify';
import { ballots, type TallyRow } from '../shared/repositories/ballots';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { evaluationResults } from '../shared/repositories/evaluation-results';
import { evaluations } from '../shared/repositories/evaluations';
import { withAudit } from '../shared/repositories/unit-of-work';

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Per target: counts, satisfaction or means, rank; figures hidden below MIN_BALLOTS. Pure. */
export function resultsOf(e: Evaluation, rows: TallyRow[], comments: Map<string, string[]>): { ballots: number; targets: TargetResult[] } {
  const per = new Map<string, { n: number; counts: Record<Choice, number>; sums: Scores }>();
  for (const t of e.targets) {
    per.set(t.id, {
      n: 0,
      counts: { satisfied: 0, fair: 0, dissatisfied: 0 },
      sums: { organisation: 0, education: 0, activities: 0, feedback: 0 },
    });
  }
  for (const row of rows) {
    const acc = per.get(row._id.targetId);
    if (!acc) continue;
    acc.n += row.n;
    if (row._id.choice && (CHOICES as readonly string[]).includes(row._id.choice)) acc.counts[row._id.choice] += row.n;
    for (const g of FOUR_GOODS) acc.sums[g] += row[g] ?? 0;
  }
  const drafts = e.targets.map((t) => {
    const acc = per.get(t.id) ?? { n: 0, counts: { satisfied: 0, fair: 0, dissatisfied: 0 }, sums: {} as Scores };
    const tooFew = acc.n < MIN_BALLOTS;
    const satisfaction = e.form === 'choice' && !tooFew ? round((acc.counts.satisfied + acc.counts.fair) / acc.n, 4) : null;
    const means =
      e.form === 'score' && !tooFew
        ? (Object.fromEntries(FOUR_GOODS.map((g: FourGood) => [g, round(acc.sums[g] / acc.n, 2)])) as Scores)
        : null;
    const overall = means ? round(FOUR_GOODS.reduce((s, g) => s + means[g], 0) / FOUR_GOODS.length, 2) : null;
    return {
      tooFew,
      key: satisfaction ?? overall ?? 0,
      result: {
        id: t.id,
        name: t.name,
        ballots: acc.n,
        tooFew,
        counts: e.form === 'choice' && !tooFew ? acc.counts : null,
        satisfaction,
        means,
        overall,
        rank: null,
        comments: tooFew ? [] : (comments.get(t.id) ?? []).slice(0, MAX_COMMENTS_LISTED),
      } as TargetResult,
    };
  });
  const ranks = rankTargets(drafts);
  const targets = drafts.map((d) => ({ ...d.result, rank: ranks.get(d) ?? null }));
  // In 'all' every ballot covers every target; in 'own' each covers one.
  const total = e.electorate === 'all' ? Math.max(0, ...targets.map((t) => t.ballots)) : targets.reduce((s, t) => s + t.ballots, 0);
  return { ballots: total, targets };
}

/** Tallies and publishes; a second closer (two timer runs at once) finds it done and changes nothing. */
export async function closeEvaluation(e: Evaluation): Promise<Evaluation> {
  const [rows, comments] = await Promise.all([
    ballots.marksTally(e._id, e.targets.length * 3 + 3),
    ballots.comments(e._id, e.targets.length),
  ]);
  const { ballots: total, targets } = resultsOf(e, rows, comments);
  const results: EvaluationResults = { _id: e._id, evaluationId: e._id, ballots: total, targets, talliedAt: new Date() };
  const closed: Evaluation = { ...e, state: 'closed', ballots: total };
  try {
    await withAudit('timer', async (w) => {
      await w.put(evaluationResults, results);
      await w.patch(evaluations, e._id, { state: 'closed', ballots: total, updatedAt: new Date() });
      await w.audit({
        action: 'evaluate.tally',
        target: e._id,
        before: { state: 'pending' },
        after: { state: 'closed', ballots: total },
        scope: e.organiserPath,
        once: `evaluate.tally:${e._id}`,
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) return closed;
    throw err;
  }
  await fireEvent({
    kind: 'resultsPublished',
    key: e._id,
    title: `${e.title} · 结果公布`,
    values: { thing1: e.title, phrase2: '已公布', character_string3: String(total), thing4: e.organiserName },
    audience: { orgId: e.organiserId },
    org: { _id: e.organiserId, ancestors: e.organiserPath.slice(0, -1) },
  });
  return closed;
}
