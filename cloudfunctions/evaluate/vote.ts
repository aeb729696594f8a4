/**
 * Casting a secret ballot. The ballot holds the marks and a random receipt code, nothing else: no voter, no
 * time, a random id. The marker (id = HMAC of evaluation and voter, see common.ts) is added in the same
 * transaction, so a ballot without its marker, or a second ballot, cannot exist: of two racing ballots the
 * second fails at its marker (a lock conflict, retried, then a duplicate key) and writes nothing. Nothing here
 * logs what a ballot holds; the router logs the action's name and result code only.
 */
import { FORM_NAMES, statusOf, type Answer, type Ballot, type Evaluation, type VoteReceipt } from '../../types/evaluate';
import type { Member } from '../../types/models';
import { assertTextSafe } from '../shared/content-security';
import { AppError, forbidden, notFound } from '../shared/errors';
import { ballotMarkers } from '../shared/repositories/ballot-markers';
import { ballots } from '../shared/repositories/ballots';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { evaluations } from '../shared/repositories/evaluations';
import { withoutAudit } from '../shared/repositories/unit-of-work';
import type { ActionContext } from '../shared/router';
import { ballotIdOf, ballotOf, markerIdOf, newReceipt } from './common';

export const ALREADY_VOTED = '已投票：每人只能投一票，提交后不可修改';

/** The window, then the electorate, then the answers: each refusal writes nothing. */
export async function vote(ctx: ActionContext, p: { evaluationId: string; answers: Answer[] }): Promise<VoteReceipt> {
  const [caller, e] = await Promise.all([ctx.caller(), evaluations.byId(p.evaluationId)]);
  if (!e) throw notFound('评议');
  const status = statusOf(e, new Date());
  if (status === 'scheduled') throw new AppError('NOT_STARTED', `评议尚未开始，${e.start} 开始投票`);
  if (status !== 'open') throw new AppError('DEADLINE_PASSED', '评议已结束，不能再投票');
  const member = caller.member as Member;
  const mine = ballotOf(e, member);
  if (!mine) throw forbidden('你不在本次评议的参评范围内');
  const marks = marksOf(e, mine.targets, p.answers);
  await assertTextSafe(
    marks.map((m) => m.comment),
    ctx.openid,
    'answers',
  );
  const receipt = newReceipt();
  const ballot: Ballot = { _id: ballotIdOf(), evaluationId: e._id, marks, receipt };
  try {
    await withoutAudit(async (w) => {
      await w.insert(ballotMarkers, { _id: markerIdOf(e._id, member._id), evaluationId: e._id, unitId: mine.unitId });
      await w.insert(ballots, ballot);
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', ALREADY_VOTED);
    throw err;
  }
  return { receipt };
}

/** The answers must cover exactly the caller's targets, each in the evaluation's form. */
function marksOf(e: Evaluation, targets: { id: string; name: string }[], answers: Answer[]): Ballot['marks'] {
  const wanted = new Map(targets.map((t) => [t.id, t]));
  const seen = new Set<string>();
  const marks = answers.map((a, i) => {
    if (!wanted.has(a.targetId) || seen.has(a.targetId)) {
      const why = seen.has(a.targetId) ? '重复评价了同一个组织' : '不在你本次可评议的组织中';
      throw new AppError('INVALID_ARGUMENT', `评议对象：第 ${i + 1} 项${why}`, `answers.${i}.targetId`);
    }
    seen.add(a.targetId);
    if (e.form === 'choice') {
      if (!a.choice || a.scores)
        throw new AppError('INVALID_ARGUMENT', `评价：请为每个组织选择一项（${FORM_NAMES.choice}）`, `answers.${i}.choice`);
      return { targetId: a.targetId, choice: a.choice, scores: null, comment: a.comment ?? '' };
    }
    if (!a.scores || a.choice) throw new AppError('INVALID_ARGUMENT', `评分：请为每个组织的“四好”逐项打分`, `answers.${i}.scores`);
    return { targetId: a.targetId, choice: null, scores: a.scores, comment: a.comment ?? '' };
  });
  const missing = targets.find((t) => !seen.has(t.id));
  if (missing) throw new AppError('INVALID_ARGUMENT', `评议对象：缺少对“${missing.name}”的评价`, 'answers');
  return marks;
}

/** Whether the ballot with this receipt was counted: says nothing of what it holds, nor whose it is. */
export async function checkReceipt(p: { evaluationId: string; receipt: string }) {
  const [e, found] = await Promise.all([evaluations.byId(p.evaluationId), ballots.hasReceipt(p.evaluationId, p.receipt.toUpperCase())]);
  if (!e || !found) return { state: 'unknown' as const };
  return { state: e.state === 'closed' ? ('counted' as const) : ('received' as const) };
}
