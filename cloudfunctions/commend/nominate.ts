/**
 * 评比表彰, layer by layer: the committee opens a commendation; a branch nominates members; a general branch
 * nominates branches and forwards or declines its branches' member nominations; the committee approves or
 * declines. Every step is written with its audit entry, once (the entry's id counts the steps, so two people
 * acting on the same nomination at once cannot both succeed). Quotas are seats: a nomination takes the first
 * free seat of its level (`commendSlots`, ids derived from the seat number), so a race for the last seat ends
 * in a duplicate key for one of them, and a declined nomination gives its seats back.
 */
import { randomBytes } from 'node:crypto';
import {
  commendTimelineProblems,
  type AwardDef,
  type Commendation,
  type CommendationView,
  type CommendOverview,
  type Nomination,
  type NominationDetail,
  type NominationList,
  type NominationStatus,
  type NominationStep,
  type NominationView,
  type OpenCommendationInput,
  type Quota,
  type StepAction,
} from '../../types/commend';
import type { Member, Org } from '../../types/models';
import { lineage } from '../../types/scope';
import { activeCampaign, mustLevel, mustRound } from '../shared/campaign';
import type { Caller } from '../shared/caller';
import { assertTextSafe } from '../shared/content-security';
import { AppError } from '../shared/errors';
import { awards } from '../shared/repositories/awards';
import { campaigns } from '../shared/repositories/campaigns';
import { commendSlots } from '../shared/repositories/commend-slots';
import { commendations } from '../shared/repositories/commendations';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { nominations } from '../shared/repositories/nominations';
import { orgs } from '../shared/repositories/orgs';
import { serverTime } from '../shared/repositories/repository';
import { withAudit, type Work } from '../shared/repositories/unit-of-work';
import type { ActionContext, LoadedContext, TargetContext } from '../shared/router';
import { nameOf } from '../fulfil/common';
import { awardView } from './certificate';
import { commendationView, mustAward, mustBeOpen, mustCommendation, mustNotBePublished, mustWindow, nominationView } from './common';
import { memberEvidence, orgEvidence } from './evidence';

type Level = 'branch' | 'general' | 'committee';
const QUOTA_OF: Record<Level, keyof Quota> = { branch: 'perBranch', general: 'perGeneral', committee: 'total' };
const LEVEL_NAMES: Record<Level, string> = { branch: '本团支部', general: '本团总支', committee: '校团委' };
/** Nominations that hold no seat and may be nominated again. */
const RELEASED: readonly NominationStatus[] = ['declined', 'revoked'];
const MAX_ATTEMPTS = 3;

const nominationIdOf = (commendationId: string, awardKey: string, subjectId: string) => `${commendationId}:${awardKey}:${subjectId}`;
const seatIds = (c: Commendation, award: AwardDef, level: Level, orgId: string): string[] =>
  Array.from({ length: award.quota[QUOTA_OF[level]] }, (_, i) => `${c._id}:${award.key}:${level}:${orgId}:${i}`);

/** The first free seat of the level's quota; CONFLICT naming the quota when none is left. One read per 100 seats. */
async function freeSeat(c: Commendation, award: AwardDef, level: Level, orgId: string): Promise<string> {
  const ids = seatIds(c, award, level, orgId);
  const taken = new Set(ids.length ? (await commendSlots.byIds(ids)).map((s) => s._id) : []);
  const free = ids.find((id) => !taken.has(id));
  if (!free) throw new AppError('CONFLICT', `${LEVEL_NAMES[level]}的“${award.name}”名额已满（${ids.length} 名）`);
  return free;
}

/**
 * Runs `attempt` again when its transaction met a duplicate key (a seat or a step another request took first);
 * the attempt re-reads, so the second time it either finds another seat or refuses with the reason.
 */
async function retryingSeats<R>(attempt: (again: boolean) => Promise<R>): Promise<R> {
  for (let i = 1; ; i++) {
    try {
      return await attempt(i > 1);
    } catch (err) {
      if (!isDuplicateKey(err) || i >= MAX_ATTEMPTS) {
        if (isDuplicateKey(err)) throw new AppError('CONFLICT', '名额或状态刚被他人修改，请刷新后重试');
        throw err;
      }
    }
  }
}

export function step(action: StepAction, caller: Caller, openid: string, orgName: string, reason: string): NominationStep {
  return { action, by: openid, byName: nameOf(caller), orgName, reason, at: new Date() };
}

export interface Change {
  status: NominationStatus;
  step: NominationStep;
  /** A seat to take; `release` gives back every seat the nomination holds. */
  seat?: string;
  release?: boolean;
}

/**
 * One step of a nomination with its seats and audit entry, in one transaction, at most once per step number;
 * `also` queues the writes that belong with it (the award it issues, the objection it settles).
 */
export async function applyStep(actor: string, n: Nomination, change: Change, also?: (w: Work) => Promise<void>): Promise<Nomination> {
  const slots = change.release ? [] : change.seat ? [...n.slots, change.seat] : n.slots;
  const next: Nomination = { ...n, status: change.status, steps: [...n.steps, change.step], slots, updatedAt: new Date() };
  await withAudit(actor, async (w) => {
    if (change.seat) await w.insert(commendSlots, { _id: change.seat, commendationId: n.commendationId, nominationId: n._id });
    if (change.release) for (const id of n.slots) await w.remove(commendSlots, id);
    await w.patch(nominations, n._id, { status: next.status, steps: next.steps, slots, updatedAt: serverTime() });
    await w.audit({
      action: `commend.${change.step.action}`,
      target: n._id,
      before: { status: n.status },
      after: { status: next.status, reason: change.step.reason, seat: change.seat ?? null },
      scope: n.orgPath,
      once: `commend:${n._id}:${n.steps.length}`,
    });
    if (also) await also(w);
  });
  return next;
}

// ---- opening and overview ----

/** The committee opens a commendation of the running campaign: its awards with quotas and its timeline. */
export async function openCommendation(ctx: TargetContext, input: OpenCommendationInput): Promise<CommendationView> {
  const org = ctx.target;
  mustLevel(org, ['committee'], '组织：表彰由校团委发起');
  const campaign = await activeCampaign();
  const round = mustRound(campaign, input.roundKey);
  const problem = commendTimelineProblems(input.timeline)[0];
  if (problem) throw new AppError('INVALID_ARGUMENT', problem.reason, problem.field);
  const keys = new Set<string>();
  for (const a of input.awards) {
    if (keys.has(a.key)) throw new AppError('INVALID_ARGUMENT', `奖项：编号“${a.key}”重复`, 'awards');
    keys.add(a.key);
  }
  await assertTextSafe([input.title, ...input.awards.map((a) => a.name)], ctx.openid, 'title');
  const doc: Commendation = {
    _id: `commend-${randomBytes(6).toString('hex')}`,
    campaignId: campaign._id,
    roundKey: round.key,
    orgId: org._id,
    orgName: org.name,
    title: input.title,
    awards: input.awards,
    timeline: input.timeline,
    notice: null,
    issuedAt: null,
    openedBy: ctx.openid,
    openedAt: new Date(),
  };
  await withAudit(ctx.openid, async (w) => {
    await w.insert(commendations, { ...doc, openedAt: serverTime() });
    await w.audit({
      action: 'commend.open',
      target: doc._id,
      before: null,
      after: { title: doc.title, awards: doc.awards, timeline: doc.timeline },
      scope: org,
    });
  });
  return commendationView(doc);
}

/** The running campaign's latest commendation, and the caller's own awards (a member's certificates). */
export async function overview(ctx: ActionContext): Promise<CommendOverview> {
  const [campaign, caller] = await Promise.all([campaigns.active(), ctx.caller()]);
  const [c, mine] = await Promise.all([
    campaign ? commendations.latestOf(campaign._id) : Promise.resolve(null),
    caller.member ? awards.ofSubject(caller.member._id) : Promise.resolve([]),
  ]);
  return { commendation: c ? commendationView(c) : null, myAwards: mine.map(awardView) };
}

// ---- nominating ----

/** The general branch above a branch (its parent), read for its name. */
async function generalOf(branch: Org): Promise<Org> {
  if (!branch.parentId) throw new AppError('INVALID_ARGUMENT', '组织：团支部不在任何团总支之下', 'orgId');
  return orgs.mustById(branch.parentId, '团总支');
}

async function nominate(
  ctx: TargetContext,
  c: Commendation,
  award: AwardDef,
  subject: { id: string; name: string; orgPath: string[] },
  branch: Org,
  general: Org,
  reason: string,
  first: { status: NominationStatus; seatLevel: Level; seatOrg: string; orgName: string },
): Promise<NominationView> {
  const caller = await ctx.caller();
  const id = nominationIdOf(c._id, award.key, subject.id);
  return retryingSeats(async () => {
    const [existing, seat] = await Promise.all([nominations.byId(id), freeSeat(c, award, first.seatLevel, first.seatOrg)]);
    if (existing && !RELEASED.includes(existing.status)) {
      throw new AppError('CONFLICT', `${subject.name}已被推荐为“${award.name}”（${existing.branchName}）`);
    }
    const s = step('nominate', caller, ctx.openid, first.orgName, reason);
    const doc: Nomination = {
      _id: id,
      commendationId: c._id,
      campaignId: c.campaignId,
      roundKey: c.roundKey,
      awardKey: award.key,
      awardName: award.name,
      subject: award.subject,
      subjectId: subject.id,
      subjectName: subject.name,
      branchId: branch._id,
      branchName: branch.name,
      generalId: general._id,
      generalName: general.name,
      orgPath: subject.orgPath,
      status: first.status,
      reason,
      // A nomination made again after a decline keeps its earlier steps.
      steps: [...(existing?.steps ?? []), s],
      slots: [seat],
      updatedAt: new Date(),
    };
    await withAudit(ctx.openid, async (w) => {
      const { _id, ...rest } = doc;
      if (existing) await w.put(nominations, { _id, ...rest, updatedAt: serverTime() });
      else await w.insert(nominations, { ...doc, updatedAt: serverTime() });
      await w.insert(commendSlots, { _id: seat, commendationId: c._id, nominationId: id });
      await w.audit({
        action: 'commend.nominate',
        target: id,
        before: existing ? { status: existing.status } : null,
        after: { status: doc.status, award: award.key, subject: subject.id, reason, seat },
        scope: subject.orgPath,
        once: `commend:${id}:${existing?.steps.length ?? 0}`,
      });
    });
    return nominationView(doc);
  });
}

/** A branch secretary nominates a member of the branch, with a reason, in the nomination window. */
export async function nominateMember(
  ctx: LoadedContext<Member>,
  p: { commendationId: string; awardKey: string; reason: string },
): Promise<NominationView> {
  const m = ctx.loaded;
  const branch = ctx.target;
  if (!m.isLeagueMember) throw new AppError('INVALID_ARGUMENT', `团员：${m.name}不是共青团员，不能推荐`, 'memberId');
  const [c, general] = await Promise.all([mustCommendation(p.commendationId), generalOf(branch)]);
  const award = mustAward(c, p.awardKey, 'member');
  mustNotBePublished(c);
  mustWindow(c, 'nominate');
  await assertTextSafe([p.reason], ctx.openid, 'reason');
  return nominate(ctx, c, award, { id: m._id, name: m.name, orgPath: m.orgPath }, branch, general, p.reason, {
    status: 'nominated',
    seatLevel: 'branch',
    seatOrg: branch._id,
    orgName: branch.name,
  });
}

/** A general secretary nominates a branch of the college, from the nomination window to the end of the forwarding one. */
export async function nominateOrg(
  ctx: TargetContext,
  p: { commendationId: string; awardKey: string; reason: string },
): Promise<NominationView> {
  const branch = ctx.target;
  mustLevel(branch, ['branch'], '组织：团总支推荐的是所属团支部');
  const [c, general] = await Promise.all([mustCommendation(p.commendationId), generalOf(branch)]);
  const award = mustAward(c, p.awardKey, 'org');
  mustNotBePublished(c);
  mustBeOpen({ start: c.timeline.nominate.start, end: c.timeline.forward.end }, '团总支推荐时间');
  await assertTextSafe([p.reason], ctx.openid, 'reason');
  return nominate(ctx, c, award, { id: branch._id, name: branch.name, orgPath: lineage(branch) }, branch, general, p.reason, {
    status: 'forwarded',
    seatLevel: 'general',
    seatOrg: general._id,
    orgName: general.name,
  });
}

// ---- deciding ----

/** Reads the commendation and checks the nomination is where this step expects it. */
async function stepContext(n: Nomination, expected: NominationStatus, what: string): Promise<Commendation> {
  const c = await mustCommendation(n.commendationId);
  mustNotBePublished(c);
  if (n.status !== expected) throw new AppError('CONFLICT', `${n.subjectName}的推荐当前状态不能${what}，请刷新后重试`);
  return c;
}

/** A general secretary forwards a branch's member nomination to the committee (a seat of the college's quota), or declines it. */
export async function forward(
  ctx: LoadedContext<Nomination>,
  p: { decision: 'forward' | 'decline'; reason: string },
): Promise<NominationView> {
  return retryingSeats(async (again) => {
    // A retry re-reads: another request changed the nomination or took the seat.
    const n = again ? await nominations.mustById(ctx.loaded._id, '推荐') : ctx.loaded;
    if (n.subject !== 'member') throw new AppError('INVALID_ARGUMENT', '推荐：团组织的推荐由团总支直接上报', 'nominationId');
    const c = await stepContext(n, 'nominated', p.decision === 'forward' ? '上报' : '退回');
    mustWindow(c, 'forward');
    await assertTextSafe([p.reason], ctx.openid, 'reason');
    const caller = await ctx.caller();
    const award = mustAward(c, n.awardKey, 'member');
    if (p.decision === 'decline') {
      return nominationView(
        await applyStep(ctx.openid, n, {
          status: 'declined',
          step: step('decline', caller, ctx.openid, n.generalName, p.reason),
          release: true,
        }),
      );
    }
    const seat = await freeSeat(c, award, 'general', n.generalId);
    return nominationView(
      await applyStep(ctx.openid, n, { status: 'forwarded', step: step('forward', caller, ctx.openid, n.generalName, p.reason), seat }),
    );
  });
}

/** The committee approves a nomination that reached it (a seat of the award's total) or declines it. */
export async function decide(
  ctx: LoadedContext<Nomination>,
  p: { decision: 'approve' | 'decline'; reason: string },
): Promise<NominationView> {
  return retryingSeats(async (again) => {
    // A retry re-reads: another request changed the nomination or took the seat.
    const n = again ? await nominations.mustById(ctx.loaded._id, '推荐') : ctx.loaded;
    const c = await stepContext(n, 'forwarded', p.decision === 'approve' ? '审定' : '退回');
    mustWindow(c, 'approve');
    await assertTextSafe([p.reason], ctx.openid, 'reason');
    const caller = await ctx.caller();
    const award = mustAward(c, n.awardKey, n.subject);
    if (p.decision === 'decline') {
      return nominationView(
        await applyStep(ctx.openid, n, {
          status: 'declined',
          step: step('decline', caller, ctx.openid, c.orgName, p.reason),
          release: true,
        }),
      );
    }
    const seat = await freeSeat(c, award, 'committee', c.orgId);
    return nominationView(
      await applyStep(ctx.openid, n, { status: 'approved', step: step('approve', caller, ctx.openid, c.orgName, p.reason), seat }),
    );
  });
}

// ---- reading ----

const ACTIVE: readonly NominationStatus[] = ['nominated', 'forwarded', 'approved', 'awarded'];
const PAST_GENERAL: readonly NominationStatus[] = ['forwarded', 'approved', 'awarded'];
const ORDER: Record<NominationStatus, number> = { nominated: 0, forwarded: 1, approved: 2, awarded: 3, declined: 4, revoked: 5 };

/** How many seats of each award the org's level uses: counted from the subtree's nominations, no extra read. */
function quotasOf(c: Commendation, org: Org, list: Nomination[]): NominationList['quotas'] {
  const level: Level = org.level === 'committee' ? 'committee' : org.level === 'general' ? 'general' : 'branch';
  return c.awards
    .filter((a) => level !== 'branch' || a.subject === 'member')
    .map((a) => {
      const mine = list.filter((n) => n.awardKey === a.key);
      const used =
        level === 'branch'
          ? mine.filter((n) => n.branchId === org._id && ACTIVE.includes(n.status)).length
          : level === 'general'
            ? mine.filter((n) => PAST_GENERAL.includes(n.status)).length
            : mine.filter((n) => n.status === 'approved' || n.status === 'awarded').length;
      return { awardKey: a.key, used, quota: a.quota[QUOTA_OF[level]], level };
    });
}

/** The nominations of an org's subtree (a branch's, a college's, the whole tree's) with the org's quota use. */
export async function listNominations(ctx: TargetContext, commendationId: string): Promise<NominationList> {
  const [c, list] = await Promise.all([mustCommendation(commendationId), nominations.inSubtree(commendationId, ctx.target._id)]);
  const items = [...list].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.subjectName.localeCompare(b.subjectName, 'zh'));
  return { items: items.map(nominationView), quotas: quotasOf(c, ctx.target, list) };
}

/** One nomination with its evidence, read from the pledge and fulfilment records. */
export async function nominationDetail(ctx: LoadedContext<Nomination>): Promise<NominationDetail> {
  const n = ctx.loaded;
  const evidence = n.subject === 'member' ? await memberEvidence(n) : await orgEvidence(n);
  return { ...nominationView(n), evidence };
}
