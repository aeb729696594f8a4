import { z } from 'zod';
import type { Role } from '../../types/models';
import { isTimerEvent } from '../../types/notify';
import type { Envelope } from '../../types/envelope';
import {
  INSPECTION_KINDS,
  MAX_FINDINGS,
  MAX_RECTIFICATION_PHOTOS,
  MAX_SAMPLE,
  POPULATIONS,
  SEED_PATTERN,
  SUPERVISE_FIELDS as F,
  type Draw,
  type Rectification,
} from '../../types/supervise';
import { callerOpenid } from '../shared/cloud';
import { dayOf, idOf, orgId, text, textOf } from '../shared/fields';
import { log } from '../shared/log';
import { draws } from '../shared/repositories/draws';
import { rectifications } from '../shared/repositories/rectifications';
import { action, createMain, targetOf, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { INSPECTORS, READERS } from './common';
import { createDraw, drawSample, listDraws, verifyDraw } from './draws';
import { listInspections, recordInspection } from './inspections';
import { contactPoints } from './progress';
import { answerRectification, listRectifications, rectificationView, reviewRectification } from './rectifications';
import { runTimer, type SuperviseRun } from './timer';

const EVERYONE: readonly Role[] = [...READERS, 'member'];
const drawId = idOf('随机抽查');
const rectificationId = idOf('整改事项');
const fileID = text('照片', { max: 512 }).refine((s) => s.startsWith('cloud://'), '格式不正确');
const seed = textOf(F.seed).refine((s) => SEED_PATTERN.test(s), '只能包含数字、字母、空格和 - , .');

const drawTarget = (p: { drawId: string }) => targetOf(draws, p.drawId, '随机抽查', (d: Draw) => d.scopeOrgId);
const rectificationTarget = (p: { rectificationId: string }) =>
  targetOf(rectifications, p.rectificationId, '整改事项', (r: Rectification) => r.orgId);

/**
 * 督促检查: a leader's contact points with their progress, inspections with findings, random spot checks anyone can
 * re-check, and rectifications within a deadline. Its own function because it has its own timer (escalation and
 * reminders, config.json) and its own collections; it reads the other domains' data through their repositories.
 */
export const actions: ActionTable<'supervise'> = {
  contactPoints: action({
    schema: empty,
    access: ['leader'],
    handler: (_p, ctx) => contactPoints(ctx),
  }),
  recordInspection: action({
    schema: z
      .object({
        orgId,
        kind: z.enum(INSPECTION_KINDS).describe('检查方式'),
        date: dayOf('检查日期'),
        place: textOf(F.inspectionPlace),
        summary: textOf(F.inspectionSummary),
        findings: z
          .array(z.object({ text: textOf(F.finding), deadline: dayOf('整改期限').nullable() }).strict())
          .max(MAX_FINDINGS)
          .describe('发现的问题'),
        drawId: drawId.nullable(),
      })
      .strict(),
    access: INSPECTORS,
    target: (p) => p.orgId,
    handler: (p, ctx) => recordInspection(ctx, p),
  }),
  inspections: action({
    schema: z.object({ orgId }).strict(),
    access: READERS,
    target: (p) => p.orgId,
    handler: (_p, ctx) => listInspections(ctx.target),
  }),
  createDraw: action({
    schema: z
      .object({
        scopeOrgId: idOf('抽查范围'),
        population: z.enum(POPULATIONS).describe('抽查对象'),
        size: z.number().int().min(1).max(MAX_SAMPLE).describe('样本数量'),
        title: textOf(F.drawTitle),
      })
      .strict(),
    access: INSPECTORS,
    target: (p) => p.scopeOrgId,
    handler: (p, ctx) => createDraw(ctx, p.population, p.size, p.title),
  }),
  draw: action({
    schema: z.object({ drawId, seed }).strict(),
    access: INSPECTORS,
    target: drawTarget,
    handler: (p, ctx) => drawSample(ctx, p.seed),
  }),
  verifyDraw: action({
    schema: z.object({ drawId }).strict(),
    // Everyone in the draw's scope (its members, the staff over it) may re-check it: the list, its hash, the seed and
    // the sample. A member's id carries the student number, so the list stays within the scope.
    access: EVERYONE,
    target: drawTarget,
    handler: (_p, ctx) =>
      verifyDraw(
        ctx.loaded,
        ctx.roles.some((r) => r !== 'member'),
      ),
  }),
  draws: action({
    schema: z.object({ orgId }).strict(),
    access: INSPECTORS,
    target: (p) => p.orgId,
    handler: (_p, ctx) => listDraws(ctx.target),
  }),
  rectifications: action({
    schema: z.object({ orgId, filter: z.enum(['open', 'overdue', 'all']).describe('范围') }).strict(),
    access: READERS,
    target: (p) => p.orgId,
    handler: async (p, ctx) => listRectifications(ctx.target, p.filter, await ctx.caller()),
  }),
  rectification: action({
    schema: z.object({ rectificationId }).strict(),
    access: READERS,
    target: rectificationTarget,
    handler: (_p, ctx) => rectificationView(ctx),
  }),
  answerRectification: action({
    schema: z
      .object({
        rectificationId,
        text: textOf(F.answer),
        photos: z.array(fileID).max(MAX_RECTIFICATION_PHOTOS, `最多 ${MAX_RECTIFICATION_PHOTOS} 张`).describe('照片'),
      })
      .strict(),
    access: ['secretary', 'generalSecretary'],
    target: rectificationTarget,
    handler: (p, ctx) => answerRectification(ctx, p.text, p.photos),
  }),
  reviewRectification: action({
    schema: z
      .object({ rectificationId, decision: z.enum(['accept', 'return']).describe('验收结果'), comment: textOf(F.reviewComment) })
      .strict(),
    access: INSPECTORS,
    target: rectificationTarget,
    handler: (p, ctx) => reviewRectification(ctx, p.decision, p.comment),
  }),
};

const route = createMain('supervise', actions);

/** The timer trigger (no caller) runs reminders and escalation; anything else is an action from the app. */
export async function main(event: unknown): Promise<Envelope<unknown> | SuperviseRun> {
  if (isTimerEvent(event) && !callerOpenid()) {
    try {
      return await runTimer(new Date());
    } catch (err) {
      log('error', 'supervise.timer.failed', { message: (err as Error).message, stack: (err as Error).stack });
      throw err;
    }
  }
  return route(event as Parameters<typeof route>[0]);
}
