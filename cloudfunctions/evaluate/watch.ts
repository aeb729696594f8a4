/** Turnout (counts and rates, never choices) and the published results. */
import type { Evaluation, ResultsView, TurnoutRow, TurnoutView } from '../../types/evaluate';
import { statusOf } from '../../types/evaluate';
import { lineage } from '../../types/scope';
import { AppError, forbidden } from '../shared/errors';
import { ballotMarkers } from '../shared/repositories/ballot-markers';
import { evaluationResults } from '../shared/repositories/evaluation-results';
import { evaluations } from '../shared/repositories/evaluations';
import { members } from '../shared/repositories/members';
import type { LoadedContext, TargetContext } from '../shared/router';
import { iso } from '../shared/time';
import { markerIdOf, viewOf } from './common';

const rate = (voted: number, electors: number): number => (electors > 0 ? Math.round((voted / electors) * 10000) / 10000 : 0);

/**
 * Turnout seen from an org: the organiser (or an org above it) sees every target; an org in a target sees its
 * target's row, and a branch also the names of its bound electors who have not voted yet (looked up by marker id).
 */
export async function turnout(ctx: TargetContext, evaluationId: string): Promise<TurnoutView> {
  const org = ctx.target;
  const e = await evaluations.mustById(evaluationId, '评议');
  const line = lineage(org);
  const above = e.organiserPath.includes(org._id);
  const inTarget = e.targets.find((t) => line.includes(t.id));
  const inOrganiser = line.includes(e.organiserId);
  if (!above && !inTarget && !(e.electorate === 'all' && inOrganiser)) throw forbidden('该组织不在本次评议的范围内');
  // 'own': each target is a unit (the voters of that target); 'all': one unit, the organiser, whose voters vote on every
  // target, so every target's row shows the same turnout (a branch sees its own in its list of non-voters).
  const targets = above ? e.targets : [inTarget ?? { id: e.organiserId, name: e.organiserName }];
  const units = e.electorate === 'own' ? targets.map((t) => t.id) : [e.organiserId];
  const [voted, bound] = await Promise.all([ballotMarkers.votedPerUnit(e._id, units), members.boundUnder(units)]);
  const rows: TurnoutRow[] = targets.map((t) => {
    const unit = e.electorate === 'own' ? t.id : e.organiserId;
    const [v, electors] = [voted.get(unit) ?? 0, bound.get(unit) ?? 0];
    return { id: t.id, name: t.name, voted: v, electors, rate: rate(v, electors) };
  });
  const sum = (m: Map<string, number>) => units.reduce((n, u) => n + (m.get(u) ?? 0), 0);
  const total = { voted: sum(voted), electors: sum(bound) };
  return {
    evaluationId: e._id,
    title: e.title,
    status: statusOf(e, new Date()),
    rows,
    total: { ...total, rate: rate(total.voted, total.electors) },
    notVoted: org.level === 'branch' ? await notVotedIn(e, org._id) : null,
  };
}

/** A branch's bound members who have not voted: their markers are looked up by the keyed hash, 100 per request. */
async function notVotedIn(e: Evaluation, branchId: string): Promise<{ name: string; studentNo: string }[]> {
  const electors = (await members.allIn({ branchId })).filter((m) => m.openid);
  const ids = new Map(electors.map((m) => [markerIdOf(e._id, m._id), m]));
  const found = await ballotMarkers.existing([...ids.keys()]);
  return [...ids].filter(([id]) => !found.has(id)).map(([, m]) => ({ name: m.name, studentNo: m.studentNo }));
}

/** The results, once tallied; the router has checked the caller is in the organiser's tree. */
export async function results(ctx: LoadedContext<Evaluation>): Promise<ResultsView> {
  const e = ctx.loaded;
  if (e.state !== 'closed') throw new AppError('CONFLICT', '评议尚未结束，结果还未公布');
  const [caller, stored] = await Promise.all([ctx.caller(), evaluationResults.mustById(e._id, '评议结果')]);
  return { evaluation: viewOf(e, caller, null), ballots: stored.ballots, targets: stored.targets, talliedAt: iso(stored.talliedAt) };
}
