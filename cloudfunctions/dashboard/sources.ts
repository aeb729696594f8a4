/**
 * How each domain feeds 进度看板: one `source()` per count, here. A source counts its facts per org with
 * one database tally (grouped by org and round); the refresh adds each count to the org's row and to every
 * ancestor's, so the tree is summed once, here, for every domain alike.
 *
 * To plug a new domain in (评比表彰; 群众评议 and 督促检查 are below): append its fields to ROLLUP_FIELDS and its rates to
 * METRICS (types/dashboard.ts), then append one entry below, e.g.
 *
 *   source('ballots', (c) => ballots.tally({ campaignId: c }, { org: 'orgId', round: 'roundKey' })),
 *
 * Nothing in the domain's write path changes: see refresh.ts for why the roll-up is recounted by a timer.
 */
import type { RollupField } from '../../types/dashboard';
import type { Org, OrgLevel } from '../../types/models';
import { MIN_BALLOTS, type Evaluation } from '../../types/evaluate';
import { activities } from '../shared/repositories/activities';
import { ballotMarkers } from '../shared/repositories/ballot-markers';
import { evaluationResults } from '../shared/repositories/evaluation-results';
import { evaluations } from '../shared/repositories/evaluations';
import { checkIns } from '../shared/repositories/check-ins';
import { memberPledges } from '../shared/repositories/member-pledges';
import { members } from '../shared/repositories/members';
import { orgPledges } from '../shared/repositories/org-pledges';
import { cond } from '../shared/repositories/repository';
import { rectifications } from '../shared/repositories/rectifications';
import { reviews } from '../shared/repositories/reviews';

/** A tally row: `org` names the org the facts belong to, `round` the round (absent: every round, e.g. the roster). */
export interface Tallied {
  key: Record<string, string | null>;
  n: number;
}

/** What a recount hands every source: the active tree and today's Shanghai day. */
export interface Recounting {
  tree: Org[];
  day: string;
}

export interface Source {
  field: RollupField;
  /** Counts for the active campaign, grouped by `org` (and `round` when the facts belong to one). */
  count?: (campaignId: string, at: Recounting) => Promise<Tallied[]>;
  /** Counts taken from the tree itself (how many orgs owe something), per org, before summing. */
  fromTree?: (org: Org) => number;
  /** Facts of orgs at other levels are not counted under this field. */
  levels?: readonly OrgLevel[];
  /** Adds 1 per org that has any such fact, instead of the number of facts. */
  presence?: boolean;
}

export const source = (field: RollupField, count: Source['count'], extra: Omit<Source, 'field' | 'count'> = {}): Source => ({
  field,
  count,
  ...extra,
});

/**
 * 群众评议's four counts, from each org's LATEST CLOSED evaluation, read from what holds no voter: the stored
 * results (counts per target) and the markers counted per unit (never a marker id, never a ballot).
 *  - Turnout per unit (the target under 'own', the organiser under 'all', as the turnout screen counts it):
 *    voters counted by the markers over the unit's bound members (today's: the electorate is not stored).
 *  - Satisfaction per target: (满意 + 基本满意) and ballots of a choice-form target with at least MIN_BALLOTS
 *    ballots; a smaller target contributes nothing (its figures stay secret), a score form has no satisfaction.
 *  - A subtree sums its DEEPEST orgs with figures: an org whose descendant has figures of the same kind is left
 *    out, so a member evaluated both in their branch and in their college counts once, in the branch.
 * One computation per recount, shared by the four sources (they run together, with the same tree).
 */
type EvaluationField = 'evalElectors' | 'evalVoted' | 'evalBallots' | 'evalSatisfied';
const figuresOf = new WeakMap<Org[], Promise<Record<EvaluationField, Tallied[]>>>();

const later = (a: Evaluation, b: Evaluation): boolean =>
  new Date(a.closesAt).getTime() - new Date(b.closesAt).getTime() > 0 ||
  (new Date(a.closesAt).getTime() === new Date(b.closesAt).getTime() && a._id > b._id);

/** Per org, the latest of the evaluations that name it (as a unit or as a target). */
function latestBy(list: Evaluation[], orgsOf: (e: Evaluation) => string[]): Map<string, Evaluation> {
  const out = new Map<string, Evaluation>();
  for (const e of list) for (const id of orgsOf(e)) if (!out.has(id) || later(e, out.get(id)!)) out.set(id, e);
  return out;
}

/** Keeps the orgs of the tree that no other kept org lies below, with their figures. */
function deepest(
  tree: Org[],
  figures: Map<string, Partial<Record<EvaluationField, number>>>,
): [Org, Partial<Record<EvaluationField, number>>][] {
  const byId = new Map(tree.map((o) => [o._id, o]));
  const held = [...figures.keys()].map((id) => byId.get(id)).filter((o): o is Org => !!o);
  const above = new Set(held.flatMap((o) => o.ancestors));
  return held.filter((o) => !above.has(o._id)).map((o) => [o, figures.get(o._id)!]);
}

async function evaluationFigures(tree: Org[]): Promise<Record<EvaluationField, Tallied[]>> {
  const closed = await evaluations.closed();
  const unitsOf = (e: Evaluation) => (e.electorate === 'own' ? e.targetIds : [e.organiserId]);
  const byUnit = latestBy(closed, unitsOf);
  const byTarget = latestBy(closed, (e) => e.targetIds);
  const [voted, bound, results] = await Promise.all([
    ballotMarkers.votedPerEvaluationUnit([...new Set([...byUnit.values()].map((e) => e._id))]),
    members.boundUnder([...byUnit.keys()]),
    evaluationResults.byIds([...new Set([...byTarget.values()].map((e) => e._id))]),
  ]);
  const turnout = new Map<string, Partial<Record<EvaluationField, number>>>();
  for (const [unit, e] of byUnit) {
    const v = voted.find((x) => x.evaluationId === e._id && x.unitId === unit)?.n ?? 0;
    const electors = bound.get(unit) ?? 0;
    if (v > 0 || electors > 0) turnout.set(unit, { evalVoted: v, evalElectors: electors });
  }
  const satisfaction = new Map<string, Partial<Record<EvaluationField, number>>>();
  const resultOf = new Map(results.map((r) => [r._id, r]));
  for (const [target, e] of byTarget) {
    const t = e.form === 'choice' ? resultOf.get(e._id)?.targets.find((x) => x.id === target) : undefined;
    if (!t || t.tooFew || t.ballots < MIN_BALLOTS || !t.counts) continue;
    satisfaction.set(target, { evalBallots: t.ballots, evalSatisfied: t.counts.satisfied + t.counts.fair });
  }
  const out: Record<EvaluationField, Tallied[]> = { evalElectors: [], evalVoted: [], evalBallots: [], evalSatisfied: [] };
  for (const [org, f] of [...deepest(tree, turnout), ...deepest(tree, satisfaction)])
    for (const [field, n] of Object.entries(f) as [EvaluationField, number][]) out[field].push({ key: { org: org._id }, n });
  return out;
}

const evaluationSource = (field: EvaluationField): Source =>
  source(field, async (_c, { tree }) => {
    if (!figuresOf.has(tree)) figuresOf.set(tree, evaluationFigures(tree));
    return (await figuresOf.get(tree)!)[field];
  });

const BY_BRANCH = { org: 'branchId' };
const BY_BRANCH_ROUND = { org: 'branchId', round: 'roundKey' };
const BY_ORG_ROUND = { org: 'orgId', round: 'roundKey' };

export const SOURCES: Source[] = [
  // Roster and binding (roster, account): round-independent.
  source('members', () => members.tally({}, BY_BRANCH)),
  source('bound', () => members.tally({ openid: cond.present() }, BY_BRANCH)),
  // 四带头 signatures (pledge): one document per member and round.
  source('signed', (c) => memberPledges.tally({ campaignId: c }, BY_BRANCH_ROUND)),
  // 四好 pledges (campaign): owed by every general branch and branch, one document per org and round.
  { field: 'orgsDue', fromTree: (o) => (o.level === 'general' || o.level === 'branch' ? 1 : 0) },
  source('orgsPledged', (c) => orgPledges.tally({ campaignId: c }, BY_ORG_ROUND), { levels: ['general', 'branch'] }),
  // Activities (fulfil): an archived activity is withdrawn and not counted.
  { field: 'branches', fromTree: (o) => (o.level === 'branch' ? 1 : 0) },
  source('activities', (c) => activities.tally({ campaignId: c, archived: false }, BY_ORG_ROUND)),
  source('branchesActive', (c) => activities.tally({ campaignId: c, archived: false }, BY_ORG_ROUND), {
    levels: ['branch'],
    presence: true,
  }),
  // Check-ins (fulfil): how many, and how many members made at least one.
  source('checkIns', (c) => checkIns.tally({ campaignId: c }, BY_BRANCH_ROUND)),
  source('checkInMembers', (c) => checkIns.tally({ campaignId: c }, BY_BRANCH_ROUND, 'memberId')),
  // 评诺 of members (fulfil): one review per member and round, its scope is the member's branch.
  source('membersReviewed', (c) => reviews.tally({ campaignId: c, subject: 'member' }, { org: 'scopeId', round: 'roundKey' })),
  // 群众评议 (evaluate): each org's latest closed evaluation, whatever the campaign's round (see evaluationFigures).
  evaluationSource('evalElectors'),
  evaluationSource('evalVoted'),
  evaluationSource('evalBallots'),
  evaluationSource('evalSatisfied'),
  // 督促检查 (supervise): rectifications not accepted yet, and those waiting past their deadline, where they were found.
  source('rectOpen', () => rectifications.tallyOpen()),
  source('rectOverdue', (_c, { day }) => rectifications.tallyOverdue(day)),
];
