/**
 * 公示 and issuing: the committee publishes the approved names for the timeline's number of days; anyone in
 * the tree may object to a name during it (content-checked, read by the committee alone, one objection per
 * person and name); the committee resolves each (upheld revokes the name). Awards are issued once the 公示
 * has ended and no objection is open, and announced through the notify service.
 */
import {
  noticeEnd,
  type Award,
  type Commendation,
  type Nomination,
  type NoticeView,
  type Objection,
  type ObjectionView,
} from '../../types/commend';
import { formatDate } from '../../types/notify';
import { assertTextSafe } from '../shared/content-security';
import { AppError } from '../shared/errors';
import { log } from '../shared/log';
import { fireEvent } from '../shared/notify';
import { awards } from '../shared/repositories/awards';
import { commendations } from '../shared/repositories/commendations';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { nominations } from '../shared/repositories/nominations';
import { objections } from '../shared/repositories/objections';
import { serverTime } from '../shared/repositories/repository';
import { roles } from '../shared/repositories/roles';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { Caller } from '../shared/caller';
import type { ActionContext, LoadedContext } from '../shared/router';
import { iso, today } from '../shared/time';
import { nameOf } from '../fulfil/common';
import { newAwardCode } from './certificate';
import { mustBeOpen, nominationView } from './common';
import { applyStep, step } from './nominate';

/** The names of a 公示: approved ones, and those that became awards or were revoked after it. */
const NOTICED = ['approved', 'revoked', 'awarded'] as const;
const MAX_CODE_DRAWS = 5;

const noticeWindow = (c: Commendation) => (c.notice ? { start: c.notice.start, end: c.notice.end } : null);

async function noticeView(c: Commendation, isCommittee: boolean, publishedNow?: Nomination[]): Promise<NoticeView> {
  const day = today();
  const [list, open] = await Promise.all([
    publishedNow ? Promise.resolve(publishedNow) : c.notice ? nominations.withStatus(c._id, NOTICED) : Promise.resolve([]),
    isCommittee && c.notice ? objections.countOpen(c._id) : Promise.resolve(null),
  ]);
  const items = [...list].sort((a, b) => a.awardKey.localeCompare(b.awardKey) || a.branchName.localeCompare(b.branchName, 'zh'));
  return {
    commendationId: c._id,
    title: c.title,
    notice: noticeWindow(c),
    today: day,
    open: !!c.notice && day >= c.notice.start && day <= c.notice.end,
    items: items.map(nominationView),
    issued: c.issuedAt !== null,
    openObjections: open,
  };
}

/** The committee publishes the approved names, once, from the start of the approval window on. */
export async function publishNotice(ctx: LoadedContext<Commendation>): Promise<NoticeView> {
  const c = ctx.loaded;
  if (c.notice) throw new AppError('CONFLICT', '表彰名单已经公示');
  const day = today();
  if (day < c.timeline.approve.start)
    throw new AppError('CONFLICT', `校团委审定开始后才能公示（${formatDate(c.timeline.approve.start)}起）`);
  const approved = await nominations.withStatus(c._id, ['approved']);
  if (approved.length === 0) throw new AppError('CONFLICT', '还没有审定通过的名单，不能公示');
  const notice = { start: day, end: noticeEnd(day, c.timeline.noticeDays), publishedBy: ctx.openid, publishedAt: new Date() };
  try {
    await withAudit(ctx.openid, async (w) => {
      // Whole-document writes: an update would merge an object into a null field path by path, which the database refuses.
      await w.put(commendations, { ...c, notice });
      await w.audit({
        action: 'commend.publishNotice',
        target: c._id,
        before: { notice: null },
        after: { start: notice.start, end: notice.end, names: approved.map((n) => n._id) },
        scope: [c.orgId],
        once: `commend-notice:${c._id}`,
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '表彰名单已经公示');
    throw err;
  }
  return noticeView({ ...c, notice }, true, approved);
}

/** The committee: an admin grant on the commendation's org (the root of the tree). */
const isCommittee = (caller: Caller, c: Commendation): boolean => caller.grants.some((g) => g.role === 'admin' && g.orgId === c.orgId);

/** The 公示 as anyone in the tree sees it; the committee also sees how many objections are open. */
export async function notice(ctx: ActionContext, commendationId: string): Promise<NoticeView> {
  const [c, caller] = await Promise.all([commendations.mustById(commendationId, '表彰'), ctx.caller()]);
  return noticeView(c, isCommittee(caller, c));
}

/** Anyone in the tree objects to a published name during the 公示; only the committee reads objections. */
export async function raiseObjection(ctx: ActionContext, nominationId: string, text: string): Promise<{ received: true }> {
  const n = await nominations.mustById(nominationId, '推荐');
  const c = await commendations.mustById(n.commendationId, '表彰');
  if (!c.notice) throw new AppError('CONFLICT', '表彰名单尚未公示');
  mustBeOpen(c.notice, '公示期');
  if (n.status !== 'approved') throw new AppError('CONFLICT', `${n.subjectName}不在公示名单中`);
  const caller = await ctx.caller();
  await assertTextSafe([text], ctx.openid, 'text');
  const doc: Objection = {
    _id: `${n._id}|${ctx.openid}`,
    commendationId: c._id,
    orgId: c.orgId,
    nominationId: n._id,
    subjectName: n.subjectName,
    awardName: n.awardName,
    text,
    by: ctx.openid,
    byName: nameOf(caller),
    at: new Date(),
    status: 'open',
    resolution: null,
  };
  try {
    await withAudit(ctx.openid, async (w) => {
      await w.insert(objections, { ...doc, at: serverTime() });
      await w.audit({ action: 'commend.raiseObjection', target: doc._id, before: null, after: { nominationId: n._id }, scope: [c.orgId] });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '你已对该名单提出过异议，校团委会逐条核实处理');
    throw err;
  }
  return { received: true };
}

function objectionView(o: Objection): ObjectionView {
  return {
    id: o._id,
    nominationId: o.nominationId,
    subjectName: o.subjectName,
    awardName: o.awardName,
    text: o.text,
    byName: o.byName,
    at: iso(o.at),
    status: o.status,
    resolution: o.resolution ? { reason: o.resolution.reason, byName: o.resolution.byName, at: iso(o.resolution.at) } : null,
  };
}

export async function listObjections(ctx: LoadedContext<Commendation>): Promise<ObjectionView[]> {
  return (await objections.ofCommendation(ctx.loaded._id)).map(objectionView);
}

/**
 * The committee resolves an open objection with a reason: upheld revokes the name (and gives its seats back),
 * dismissed keeps it. The objection, the nomination and the audit entry are written together, once.
 */
export async function resolveObjection(
  ctx: LoadedContext<Objection>,
  p: { outcome: 'upheld' | 'dismissed'; reason: string },
): Promise<ObjectionView> {
  const o = ctx.loaded;
  if (o.status !== 'open') throw new AppError('CONFLICT', '该异议已处理');
  const caller = await ctx.caller();
  await assertTextSafe([p.reason], ctx.openid, 'reason');
  const resolution = { reason: p.reason, by: ctx.openid, byName: nameOf(caller), at: new Date() };
  const n = p.outcome === 'upheld' ? await nominations.mustById(o.nominationId, '推荐') : null;
  try {
    if (n && n.status === 'approved') {
      // The revocation is the nomination's own step (with its seats); the objection is closed beside it.
      await applyStep(
        ctx.openid,
        n,
        { status: 'revoked', step: step('revoke', caller, ctx.openid, ctx.target.name, p.reason), release: true },
        async (w) => {
          await w.put(objections, { ...o, status: 'upheld', resolution });
        },
      );
    } else {
      await withAudit(ctx.openid, async (w) => {
        await w.put(objections, { ...o, status: p.outcome, resolution });
        await w.audit({
          action: 'commend.resolveObjection',
          target: o._id,
          before: { status: 'open' },
          after: { status: p.outcome, reason: p.reason },
          scope: [o.orgId],
          once: `objection:${o._id}`,
        });
      });
    }
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '该异议或名单刚被他人处理，请刷新后重试');
    throw err;
  }
  return objectionView({ ...o, status: p.outcome, resolution });
}

/** One award for an approved nomination, with its own code (drawn again on a collision), written once. */
async function issueOne(actor: string, caller: Parameters<typeof step>[1], c: Commendation, n: Nomination, day: string): Promise<Award> {
  for (let attempt = 1; ; attempt++) {
    const award: Award = {
      _id: `award:${n._id}`,
      code: newAwardCode(),
      commendationId: c._id,
      commendationTitle: c.title,
      nominationId: n._id,
      awardKey: n.awardKey,
      awardName: n.awardName,
      subject: n.subject,
      subjectId: n.subjectId,
      subjectName: n.subjectName,
      branchName: n.branchName,
      orgPath: n.orgPath,
      orgId: n.branchId,
      issuer: c.orgName,
      issuedOn: day,
      issuedAt: new Date(),
      qrFileID: null,
    };
    try {
      await applyStep(actor, n, { status: 'awarded', step: step('award', caller, actor, c.orgName, c.title) }, async (w) => {
        await w.insert(awards, { ...award, issuedAt: serverTime() });
      });
      return award;
    } catch (err) {
      const codeTaken = isDuplicateKey(err) && (await awards.byCode(award.code)) !== null;
      if (!codeTaken || attempt >= MAX_CODE_DRAWS) throw err;
    }
  }
}

/**
 * Issues the awards after the 公示 has ended, refused while any objection is open. Resumable: a run that
 * stopped half-way issues the rest (each award is written once, with its nomination's step).
 */
export async function issueAwards(ctx: LoadedContext<Commendation>): Promise<{ issued: number }> {
  const c = ctx.loaded;
  if (c.issuedAt) throw new AppError('CONFLICT', '本次表彰已经颁发');
  if (!c.notice) throw new AppError('CONFLICT', '请先公示表彰名单');
  const day = today();
  if (day <= c.notice.end) throw new AppError('CONFLICT', `公示期至${formatDate(c.notice.end)}，期满后才能颁发`);
  const [open, approved, caller] = await Promise.all([
    objections.countOpen(c._id),
    nominations.withStatus(c._id, ['approved']),
    ctx.caller(),
  ]);
  if (open > 0) throw new AppError('CONFLICT', `还有 ${open} 条异议未处理，处理完毕后才能颁发`);
  const issued: Award[] = [];
  for (const n of approved) issued.push(await issueOne(ctx.openid, caller, c, n, day));
  await withAudit(ctx.openid, async (w) => {
    await w.put(commendations, { ...c, issuedAt: serverTime() });
    await w.audit({
      action: 'commend.issueAwards',
      target: c._id,
      before: { issuedAt: null },
      after: { awards: issued.length },
      scope: [c.orgId],
      once: `commend-issued:${c._id}`,
    });
  });
  await announce(c, day);
  return { issued: issued.length };
}

/**
 * 表彰结果公布: one reminder to the winners (member awards) and to the secretaries of the awarded branches who
 * are on the roster, through the notify service (its timer sends them and lists who it could not reach).
 */
async function announce(c: Commendation, day: string): Promise<void> {
  try {
    const all = await awards.all({ commendationId: c._id });
    const orgIds = all.filter((a) => a.subject === 'org').map((a) => a.orgId);
    const grants = orgIds.length ? await roles.allWhereIn('orgId', orgIds, { role: 'secretary' }) : [];
    const memberIds = [
      ...new Set([...all.filter((a) => a.subject === 'member').map((a) => a.subjectId), ...grants.map((g) => g.holderId)]),
    ].filter((id) => id.startsWith('m-'));
    if (memberIds.length === 0) return;
    await fireEvent({
      kind: 'awardAnnounced',
      key: c._id,
      title: `${c.title} · 颁发 ${all.length} 项`,
      values: { thing1: c.title, phrase2: '已颁发', character_string3: day, thing4: '点开查看表彰名单和荣誉证书' },
      audience: { orgId: null, memberIds },
      org: { _id: c.orgId, ancestors: [] },
      page: `package-commend/notice/index?commendationId=${c._id}`,
    });
  } catch (err) {
    // The awards stand; a reminder that could not be planned is logged for the admins.
    log('error', 'commend.announce.failed', { commendationId: c._id, message: (err as Error).message });
  }
}
