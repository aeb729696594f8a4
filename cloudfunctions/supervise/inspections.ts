/** Inspections (座谈会 / 常规督查 / 随机抽查) with findings; a finding may require a rectification within a deadline. */
import { randomBytes } from 'node:crypto';
import { lineage } from '../../types/scope';
import type { Org } from '../../types/models';
import type { Draw, Inspection, InspectionView, Rectification, RecordInspectionInput, ResponsiblePerson } from '../../types/supervise';
import { AppError } from '../shared/errors';
import { draws } from '../shared/repositories/draws';
import { inspections } from '../shared/repositories/inspections';
import { rectifications } from '../shared/repositories/rectifications';
import { serverTime } from '../shared/repositories/repository';
import { roles } from '../shared/repositories/roles';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { TargetContext } from '../shared/router';
import { iso, today } from '../shared/time';
import { nameOf } from './common';

export function toInspectionView(i: Inspection): InspectionView {
  return {
    id: i._id,
    orgId: i.orgId,
    orgName: i.orgName,
    kind: i.kind,
    date: i.date,
    place: i.place,
    summary: i.summary,
    findings: i.findings,
    drawId: i.drawId,
    byName: i.byName,
    at: iso(i.at),
  };
}

/** The org's secretary (a branch's 团支部书记, a college's 团总支书记): the first responsible person. */
async function responsibleOf(org: Org): Promise<ResponsiblePerson> {
  const role = org.level === 'general' ? 'generalSecretary' : org.level === 'branch' ? 'secretary' : null;
  if (!role) throw new AppError('INVALID_ARGUMENT', '发现的问题：只有团总支、团支部可以限期整改', 'findings');
  const [grant] = await roles.all({ orgId: org._id, role });
  if (!grant) throw new AppError('INVALID_ARGUMENT', '发现的问题：该组织尚未任命书记，无法指定整改责任人', 'findings');
  return { holderId: grant.holderId, name: grant.name, role };
}

/** The spot check an inspection follows up: drawn, and over a scope that holds the org. */
async function mustDrawFor(drawId: string, org: Org): Promise<Draw> {
  const draw = await draws.mustById(drawId, '随机抽查');
  if (draw.status !== 'drawn') throw new AppError('CONFLICT', '随机抽查：还没有抽取样本');
  if (!lineage(org).includes(draw.scopeOrgId)) throw new AppError('INVALID_ARGUMENT', '随机抽查：该组织不在抽查范围内', 'drawId');
  return draw;
}

export async function recordInspection(ctx: TargetContext, input: RecordInspectionInput): Promise<InspectionView> {
  const org = ctx.target;
  if (org.level === 'committee') throw new AppError('INVALID_ARGUMENT', '组织：请选择被检查的团总支、团支部或团小组', 'orgId');
  if (org.archived) throw new AppError('CONFLICT', '组织已归档，不能记录检查');
  const day = today();
  if (input.date > day) throw new AppError('INVALID_ARGUMENT', '检查日期：不能晚于今天', 'date');
  input.findings.forEach((f, i) => {
    if (f.deadline !== null && f.deadline < day) {
      throw new AppError('INVALID_ARGUMENT', `整改期限：第 ${i + 1} 条不能早于今天`, 'findings');
    }
  });
  if (input.drawId && input.kind !== 'spotCheck') throw new AppError('INVALID_ARGUMENT', '检查方式：关联随机抽查时应为随机抽查', 'kind');
  const needsRectification = input.findings.some((f) => f.deadline !== null);
  const [caller, responsible] = await Promise.all([
    ctx.caller(),
    needsRectification ? responsibleOf(org) : Promise.resolve(null),
    input.drawId ? mustDrawFor(input.drawId, org) : Promise.resolve(null),
  ]);
  const byName = nameOf(caller);
  const id = `i-${randomBytes(8).toString('hex')}`;
  const orgPath = lineage(org);
  const findings = input.findings.map((f, i) => ({ text: f.text, rectificationId: f.deadline !== null ? `${id}-${i + 1}` : null }));
  const doc: Omit<Inspection, 'at'> = {
    _id: id,
    orgId: org._id,
    orgName: org.name,
    orgPath,
    kind: input.kind,
    date: input.date,
    place: input.place,
    summary: input.summary,
    findings,
    drawId: input.drawId,
    by: ctx.openid,
    byName,
  };
  await withAudit(ctx.openid, async (w) => {
    await w.insert(inspections, { ...doc, at: serverTime() });
    for (const [i, f] of input.findings.entries()) {
      const rid = findings[i].rectificationId;
      if (rid === null || f.deadline === null || responsible === null) continue;
      const r: Omit<Rectification, '_id' | 'createdAt'> = {
        inspectionId: id,
        findingIndex: i,
        finding: f.text,
        orgId: org._id,
        orgName: org.name,
        orgPath,
        deadline: f.deadline,
        responsible,
        status: 'open',
        answer: null,
        history: [],
        inspector: ctx.openid,
        inspectorName: byName,
        escalatedTo: null,
        escalatedAt: null,
        closedAt: null,
      };
      await w.insert(rectifications, { _id: rid, ...r, createdAt: serverTime() });
    }
    await w.audit({ action: 'recordInspection', target: id, before: null, after: { kind: doc.kind, findings }, scope: org });
  });
  return toInspectionView({ ...doc, at: new Date() });
}

export async function listInspections(org: Org): Promise<InspectionView[]> {
  return (await inspections.latestIn(org._id)).map(toInspectionView);
}
