/**
 * The evaluate function's timer (config.json, every minute on the platform's clock): closes and tallies the
 * evaluations whose window ended at least TALLY_GRACE_MS ago, and fires the 评议开始 / 评议明天截止 reminders once each. A run has at most
 * 60 s: it closes a few evaluations and leaves the rest to the next run.
 */
import { statusOf, TALLY_GRACE_MS, type Evaluation } from '../../types/evaluate';
import { log } from '../shared/log';
import { fireEvent } from '../shared/notify';
import { evaluations } from '../shared/repositories/evaluations';
import { closeEvaluation } from './tally';

const CLOSES_PER_RUN = 5;
const DAY_MS = 86_400_000;

export interface CloserRun {
  closed: string[];
  reminded: number;
}

export async function runCloser(): Promise<CloserRun> {
  const now = new Date();
  const closed: string[] = [];
  for (const e of await evaluations.due(new Date(now.getTime() - TALLY_GRACE_MS), CLOSES_PER_RUN)) {
    await closeEvaluation(e);
    closed.push(e._id);
  }
  let reminded = 0;
  for (const e of await evaluations.started(now, 50)) reminded += await remind(e, now);
  log('info', 'evaluate.timer', { closed: closed.length, reminded });
  return { closed, reminded };
}

/** The audiences of an evaluation's reminders: each target's members ('own'), or the organiser's subtree ('all'). */
function audiences(e: Evaluation): { orgId: string; ancestors: string[] }[] {
  if (e.electorate === 'all') return [{ orgId: e.organiserId, ancestors: e.organiserPath.slice(0, -1) }];
  return e.targetIds.map((id) => ({ orgId: id, ancestors: e.organiserPath }));
}

async function remind(e: Evaluation, now: Date): Promise<number> {
  if (statusOf(e, now) !== 'open') return 0;
  let fired = 0;
  const closing = now.getTime() >= new Date(e.closesAt).getTime() - DAY_MS;
  const due = [
    ...(e.reminded.includes('evaluationOpen') ? [] : ['evaluationOpen' as const]),
    ...(closing ? ['evaluationClosing' as const] : []),
  ];
  for (const kind of due) {
    if (e.reminded.includes(kind)) continue;
    for (const a of audiences(e)) {
      const values: Record<string, string> =
        kind === 'evaluationOpen'
          ? { thing1: `群众评议：${e.title}`, thing2: e.title, name3: e.organiserName, time4: new Date(e.closesAt).toISOString() }
          : { thing1: `群众评议：${e.title}`, time2: new Date(e.closesAt).toISOString(), thing3: '尚未投票的同学请尽快投票' };
      await fireEvent({
        kind,
        key: `${e._id}:${a.orgId}`,
        title: e.title,
        values,
        audience: { orgId: a.orgId },
        org: { _id: a.orgId, ancestors: a.ancestors },
      });
      fired += 1;
    }
    await evaluations.markReminded(e._id, kind);
  }
  return fired;
}
