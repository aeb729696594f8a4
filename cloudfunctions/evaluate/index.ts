import { z } from 'zod';
import { CHOICES, ELECTORATES, FORMS, MAX_SCORE, MAX_TARGETS, MIN_SCORE, type Evaluation } from '../../types/evaluate';
import type { Envelope } from '../../types/envelope';
import { FIELDS } from '../../types/fields';
import { FOUR_GOOD_NAMES, FOUR_GOODS, type Role } from '../../types/models';
import { isTimerEvent } from '../../types/notify';
import { callerOpenid } from '../shared/cloud';
import { dayOf, idOf, orgId, text, textOf } from '../shared/fields';
import { log } from '../shared/log';
import { evaluations } from '../shared/repositories/evaluations';
import { action, createMain, targetOf, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { ORGANISERS } from './common';
import { exportResults } from './export';
import { closeEarly, createEvaluation, evaluationDetail, myEvaluations, updateEvaluation } from './manage';
import { runCloser, type CloserRun } from './timer';
import { checkReceipt, vote } from './vote';
import { results, turnout } from './watch';

const EVERYONE: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader', 'member'];
const MANAGERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary'];

const evaluationId = idOf('评议');
const input = {
  title: textOf(FIELDS.evaluationTitle),
  targetIds: z.array(idOf('评议对象')).min(1).max(MAX_TARGETS).describe('评议对象'),
  form: z.enum(FORMS).describe('评议方式'),
  electorate: z.enum(ELECTORATES).describe('参评范围'),
  start: dayOf('开始日期'),
  end: dayOf('结束日期'),
};
const score = (label: string) => z.number().int().min(MIN_SCORE).max(MAX_SCORE).describe(label);
const answer = z
  .object({
    targetId: idOf('评议对象'),
    choice: z.enum(CHOICES).optional().describe('评价'),
    scores: z
      .object(Object.fromEntries(FOUR_GOODS.map((g) => [g, score(FOUR_GOOD_NAMES[g])])) as Record<(typeof FOUR_GOODS)[number], z.ZodNumber>)
      .strict()
      .optional()
      .describe('评分'),
    comment: textOf(FIELDS.evaluationComment).optional(),
  })
  .strict();

/** The evaluation a payload names: its organiser is the target, the document reaches the handler as ctx.loaded. */
const evaluationTarget = (p: { evaluationId: string }) => targetOf(evaluations, p.evaluationId, '评议', (e: Evaluation) => e.organiserId);

/** 群众评议: opened by the committee or a general branch over its child orgs; secret ballots; tallied by the timer. */
export const actions: ActionTable<'evaluate'> = {
  createEvaluation: action({
    schema: z.object({ organiserId: orgId.describe('发起组织'), ...input }).strict(),
    access: ORGANISERS,
    target: (p) => p.organiserId,
    handler: (p, ctx) => createEvaluation(ctx, p),
  }),
  updateEvaluation: action({
    schema: z.object({ evaluationId, ...input }).strict(),
    access: ORGANISERS,
    target: evaluationTarget,
    handler: (p, ctx) => updateEvaluation(ctx, p),
  }),
  closeEarly: action({
    schema: z.object({ evaluationId, reason: textOf(FIELDS.closeReason) }).strict(),
    access: ORGANISERS,
    target: evaluationTarget,
    handler: (p, ctx) => closeEarly(ctx, p.reason),
  }),
  myEvaluations: action({
    schema: empty,
    access: 'user',
    handler: (_p, ctx) => myEvaluations(ctx),
  }),
  evaluation: action({
    schema: z.object({ evaluationId }).strict(),
    access: EVERYONE,
    target: evaluationTarget,
    handler: (_p, ctx) => evaluationDetail(ctx),
  }),
  // No target: the caller's roster entry and the evaluation decide (3 reads); the electorate is checked in vote().
  vote: action({
    schema: z.object({ evaluationId, answers: z.array(answer).min(1).max(MAX_TARGETS).describe('评议对象') }).strict(),
    access: ['member'],
    handler: (p, ctx) => vote(ctx, p),
  }),
  checkReceipt: action({
    schema: z.object({ evaluationId, receipt: text('回执码', { max: 20 }) }).strict(),
    access: 'user',
    handler: (p) => checkReceipt(p),
  }),
  turnout: action({
    schema: z.object({ evaluationId, orgId }).strict(),
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => turnout(ctx, p.evaluationId),
  }),
  results: action({
    schema: z.object({ evaluationId }).strict(),
    access: EVERYONE,
    target: evaluationTarget,
    handler: (_p, ctx) => results(ctx),
  }),
  exportResults: action({
    schema: z.object({ evaluationId }).strict(),
    access: ORGANISERS,
    target: evaluationTarget,
    handler: (_p, ctx) => exportResults(ctx.loaded),
  }),
};

const route = createMain('evaluate', actions);

/** The timer (config.json) closes and tallies; anything else is an action from the app (a timer event sent by a person is refused as unknown). */
export async function main(event: unknown): Promise<Envelope<unknown> | CloserRun> {
  if (isTimerEvent(event) && !callerOpenid()) {
    try {
      return await runCloser();
    } catch (err) {
      log('error', 'evaluate.timer.failed', { message: (err as Error).message, stack: (err as Error).stack });
      throw err;
    }
  }
  return route(event as Parameters<typeof route>[0]);
}
