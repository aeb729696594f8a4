/**
 * The supervise timer (hourly, config.json): reminds the responsible secretaries of rectifications due today or
 * tomorrow, and escalates overdue ones to the org one level up, which then lists them (as do the leader's and the
 * committee's screens). Reminders go through the notify service (fireEvent: recorded once per key, sent by its timer).
 * Resumable: each escalation is its own change keyed `escalate:<id>`, and the walk stops taking work after RUN_BUDGET_MS.
 */
import { addDays, shanghaiDay } from '../../types/time';
import type { Rectification } from '../../types/supervise';
import { fireEvent, type Firing } from '../shared/notify';
import { log } from '../shared/log';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { rectifications } from '../shared/repositories/rectifications';
import { orgs } from '../shared/repositories/orgs';
import { serverTime } from '../shared/repositories/repository';
import { withAudit } from '../shared/repositories/unit-of-work';

const RUN_BUDGET_MS = 40_000;
/** The page a reminder opens. */
const PAGE = 'package-supervise/rectify/index';

export interface SuperviseRun {
  reminded: number;
  escalated: number;
  more: boolean;
  ms: number;
}

const values = (r: Rectification, note: string): Record<string, string> => ({
  thing1: `整改：${r.finding}`,
  time2: r.deadline,
  thing3: `${r.orgName} ${note}`,
});

/** The responsible secretary (the holder of that grant on the org): reached by the grant, staff accounts too. */
const toResponsible = (r: Rectification) => ({ orgId: r.orgId, holders: { roles: [r.responsible.role] } });

async function escalate(r: Rectification): Promise<boolean> {
  const parentId = r.orgPath[r.orgPath.length - 2];
  if (!parentId) return false;
  try {
    await withAudit('timer', async (w) => {
      await w.patch(rectifications, r._id, { escalatedTo: parentId, escalatedAt: serverTime() });
      await w.audit({
        action: 'escalateRectification',
        target: r._id,
        before: null,
        after: { escalatedTo: parentId },
        scope: r.orgPath,
        once: `escalate:${r._id}`,
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) return false; // another run escalated it
    throw err;
  }
  const parent = await orgs.byId(parentId);
  const firings: Firing[] = [
    {
      kind: 'rectificationOverdue',
      key: r._id,
      title: `${r.orgName} · 整改已逾期`,
      values: values(r, '已逾期'),
      audience: toResponsible(r),
      org: { _id: r.orgId, ancestors: r.orgPath.slice(0, -1) },
      page: `${PAGE}?id=${r._id}`,
    },
  ];
  // The next level up hears of it too: a college's secretary for a branch (the committee sees it on its screen).
  if (parent?.level === 'general') {
    firings.push({
      kind: 'rectificationOverdue',
      key: `${r._id}:up`,
      title: `${r.orgName} · 整改逾期（上报）`,
      values: values(r, '逾期上报'),
      audience: { orgId: parent._id, holders: { roles: ['generalSecretary'] } },
      org: parent,
      page: `${PAGE}?id=${r._id}`,
    });
  }
  for (const f of firings) await fireEvent(f);
  return true;
}

export async function runTimer(now: Date): Promise<SuperviseRun> {
  const started = Date.now();
  const day = shanghaiDay(now);
  let reminded = 0;
  for (const r of await rectifications.dueBetween(day, addDays(day, 1))) {
    const created = await fireEvent({
      kind: 'rectificationDue',
      key: `${r._id}:${r.deadline}`,
      title: `${r.orgName} · 整改即将到期`,
      values: values(r, '即将到期'),
      audience: toResponsible(r),
      org: { _id: r.orgId, ancestors: r.orgPath.slice(0, -1) },
      page: `${PAGE}?id=${r._id}`,
    });
    if (created) reminded += 1;
  }
  let escalated = 0;
  let more = false;
  for (;;) {
    if (Date.now() - started > RUN_BUDGET_MS) {
      more = true;
      break;
    }
    const batch = await rectifications.overdueBatch(day);
    let changed = 0;
    for (const r of batch) if (await escalate(r)) changed += 1;
    escalated += changed;
    if (batch.length < 100 || changed === 0) break;
  }
  const run = { reminded, escalated, more, ms: Date.now() - started };
  log('info', 'supervise.timer', { ...run });
  return run;
}
