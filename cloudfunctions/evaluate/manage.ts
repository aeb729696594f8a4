/** Opening, editing and closing evaluations, and the lists people find them in. */
import { MAX_TARGETS, statusOf, windowOf, type Evaluation, type EvaluationInput, type EvaluationView } from '../../types/evaluate';
import type { Org } from '../../types/models';
import { lineage } from '../../types/scope';
import { addDays, shanghaiDay } from '../../types/time';
import { AppError } from '../shared/errors';
import { ballotMarkers } from '../shared/repositories/ballot-markers';
import { evaluations } from '../shared/repositories/evaluations';
import { orgs } from '../shared/repositories/orgs';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { ActionContext, LoadedContext, TargetContext } from '../shared/router';
import { ballotIdOf, ballotOf, markerIdOf, viewOf } from './common';

/** The longest window an evaluation may have. */
const MAX_DAYS = 60;

/** The organiser must be the committee or a general branch, the targets its active children, the window sane. */
async function checked(organiser: Org, input: EvaluationInput, today: string) {
  if (organiser.level !== 'committee' && organiser.level !== 'general') {
    throw new AppError('INVALID_ARGUMENT', '发起组织：只有校团委或团总支可以发起群众评议', 'organiserId');
  }
  const children = await orgs.children(organiser._id);
  const ids = [...new Set(input.targetIds)];
  if (ids.length !== input.targetIds.length) throw new AppError('INVALID_ARGUMENT', '评议对象：不能重复', 'targetIds');
  if (ids.length > MAX_TARGETS) throw new AppError('INVALID_ARGUMENT', `评议对象：最多 ${MAX_TARGETS} 个`, 'targetIds');
  const byId = new Map(children.map((c) => [c._id, c]));
  const targets = ids.map((id, i) => {
    const org = byId.get(id);
    if (!org) throw new AppError('INVALID_ARGUMENT', `评议对象：只能选择${organiser.name}的下级组织`, `targetIds.${i}`);
    return { id: org._id, name: org.name };
  });
  if (input.start < today) throw new AppError('INVALID_ARGUMENT', '开始日期：不能早于今天', 'start');
  if (input.end < input.start) throw new AppError('INVALID_ARGUMENT', '结束日期：不能早于开始日期', 'end');
  if (input.end > addDays(input.start, MAX_DAYS - 1)) throw new AppError('INVALID_ARGUMENT', `结束日期：评议最长 ${MAX_DAYS} 天`, 'end');
  const targetIds = targets.map((t) => t.id);
  const scope = [...new Set([...lineage(organiser), ...targetIds])];
  return {
    title: input.title,
    targets,
    targetIds,
    form: input.form,
    electorate: input.electorate,
    electorateOrgs: input.electorate === 'own' ? targetIds : [organiser._id],
    scope,
    start: input.start,
    end: input.end,
    ...windowOf(input.start, input.end),
  };
}

export async function createEvaluation(ctx: TargetContext, input: EvaluationInput): Promise<EvaluationView> {
  const organiser = ctx.target;
  const fields = await checked(organiser, input, shanghaiDay(new Date()));
  const caller = await ctx.caller();
  const now = new Date();
  const doc: Evaluation = {
    _id: `ev-${ballotIdOf().slice(0, 16)}`,
    ...fields,
    organiserId: organiser._id,
    organiserName: organiser.name,
    organiserPath: lineage(organiser),
    state: 'pending',
    closedEarly: null,
    reminded: [],
    createdBy: ctx.openid,
    createdAt: now,
    updatedAt: now,
    ballots: 0,
  };
  await withAudit(ctx.openid, async (w) => {
    await w.insert(evaluations, doc);
    await w.audit({ action: 'evaluate.createEvaluation', target: doc._id, before: null, after: fields, scope: organiser });
  });
  return viewOf(doc, caller, false);
}

export async function updateEvaluation(ctx: LoadedContext<Evaluation>, input: EvaluationInput): Promise<EvaluationView> {
  const before = ctx.loaded;
  if (statusOf(before, new Date()) !== 'scheduled') throw new AppError('CONFLICT', '评议已开始，不能再修改');
  const fields = await checked(ctx.target, input, shanghaiDay(new Date()));
  const caller = await ctx.caller();
  await withAudit(ctx.openid, async (w) => {
    await w.patch(evaluations, before._id, { ...fields, updatedAt: new Date() });
    await w.audit({ action: 'evaluate.updateEvaluation', target: before._id, before: pick(before), after: fields, scope: ctx.target });
  });
  return viewOf({ ...before, ...fields }, caller, false);
}

const pick = (e: Evaluation) => ({
  title: e.title,
  targetIds: e.targetIds,
  form: e.form,
  electorate: e.electorate,
  start: e.start,
  end: e.end,
});

/** Ends the window now, with a reason; the timer tallies it after TALLY_GRACE_MS, as any close. */
export async function closeEarly(ctx: LoadedContext<Evaluation>, reason: string): Promise<EvaluationView> {
  const e = ctx.loaded;
  if (e.state === 'closed' || e.closedEarly) throw new AppError('CONFLICT', '评议已结束');
  const caller = await ctx.caller();
  const byName = caller.member?.name ?? caller.grants[0]?.name ?? '';
  const now = new Date();
  const closesAt = now < new Date(e.closesAt) ? now : new Date(e.closesAt);
  const closedEarly = { reason, byName };
  await withAudit(ctx.openid, async (w) => {
    // Replaced whole: an update cannot set fields inside the stored null.
    await w.put(evaluations, { ...e, closesAt, closedEarly, updatedAt: now });
    await w.audit({
      action: 'evaluate.closeEarly',
      target: e._id,
      before: { closesAt: e.closesAt },
      after: { closesAt, reason },
      scope: ctx.target,
    });
  });
  return viewOf({ ...e, closesAt, closedEarly }, caller, null);
}

/** What the caller votes in (with whether they voted) and what their roles oversee; newest first. */
export async function myEvaluations(ctx: ActionContext): Promise<EvaluationView[]> {
  const caller = await ctx.caller();
  const grantOrgs = [...new Set(caller.grants.map((g) => g.orgId))];
  const [asVoter, asStaff] = await Promise.all([
    caller.member ? evaluations.forElectorate(caller.member.orgPath) : Promise.resolve([]),
    grantOrgs.length > 0 ? evaluations.inScope(grantOrgs) : Promise.resolve([]),
  ]);
  const all = [...new Map([...asVoter, ...asStaff].map((e) => [e._id, e])).values()].sort(
    (a, b) => new Date(b.opensAt).getTime() - new Date(a.opensAt).getTime(),
  );
  const voted = await votedIn(all, caller.member);
  return all.map((e) => viewOf(e, caller, voted.has(e._id)));
}

export async function evaluationDetail(ctx: LoadedContext<Evaluation>): Promise<EvaluationView> {
  const caller = await ctx.caller();
  const voted = await votedIn([ctx.loaded], caller.member);
  return viewOf(ctx.loaded, caller, voted.has(ctx.loaded._id));
}

/** The evaluations (of these) in which this member has voted: one request per 100 markers. */
async function votedIn(list: Evaluation[], member: { _id: string; orgPath: string[] } | null): Promise<Set<string>> {
  if (!member) return new Set();
  const mine = list.filter((e) => ballotOf(e, member));
  if (mine.length === 0) return new Set();
  const ids = new Map(mine.map((e) => [markerIdOf(e._id, member._id), e._id]));
  const found = await ballotMarkers.existing([...ids.keys()]);
  return new Set([...found].map((id) => ids.get(id) ?? ''));
}
