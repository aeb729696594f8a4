/**
 * The timer's work, in three steps, each resumable and safe to run twice at once:
 *  1. plan: the events today's date makes due (a stage starts, a pledge deadline or the end of 点评总结 is 3 days /
 *     1 day away) are recorded once each (deterministic ids);
 *  2. expand: each new event becomes one job per person, a page of 100 members (or role grants) per request, from a
 *     cursor kept on the event (audience.ts); job ids are `${event}|${person}`, so two runs expanding the same page
 *     add each job once;
 *  3. send: a batch of due jobs is claimed with one conditional update (pending → claimed by this run), then each
 *     job spends a consent (conditional update, remaining > 0) and is sent; outcomes are written a group at a time.
 * A run stops taking new work after RUN_BUDGET_MS (the platform kills it at 60 s) and the next run resumes.
 * DB requests per message sent: ~1 (the consent) plus 4 per batch of 100 (find, claim, read, finish).
 */
import { randomBytes } from 'node:crypto';
import type { Campaign } from '../../types/models';
import { STAGE_NAMES } from '../../types/models';
import {
  formatMessage,
  isQuietHour,
  NOTIFY_EVENTS,
  type NotifyEvent,
  type NotifyJob,
  type SenderRun,
  type UnreachableReason,
} from '../../types/notify';
import { addDays, shanghaiDay } from '../../types/time';
import { sdk } from '../shared/cloud';
import { log } from '../shared/log';
import { eventIdOf, eventOf, templateIdOf, type Firing } from '../shared/notify';
import { campaigns } from '../shared/repositories/campaigns';
import { consentId, consents } from '../shared/repositories/consents';
import { notifyEvents } from '../shared/repositories/notify-events';
import { notifyJobs } from '../shared/repositories/notify-jobs';
import { audiencePage, type Recipient } from './audience';

/** Stop taking work here; the function's timeout is 60 s (config.json). */
export const RUN_BUDGET_MS = 40_000;
/** A claim this old belongs to a run that died (a run lives at most 60 s). */
const STALE_CLAIM_MS = 10 * 60_000;
/** Transient failures are tried this many times in all, further apart each time. */
export const MAX_ATTEMPTS = 3;
const RETRY_AFTER_MS = [60_000, 5 * 60_000];
/** Sends in flight at once within a batch. */
const CONCURRENCY = 8;
/**
 * Batches are spread over lanes (fan-out page number modulo LANES); a run starts in a random lane and stays in it
 * while it has work, so two overlapping runs seldom race for the same batch (a lost race costs two requests).
 */
export const LANES = 8;

/** WeChat's answers that end a job (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html). */
const NO_CONSENT = 43101;
const BAD_OPENID = 40003;
const CONFIG_ERRORS = new Set([47003, 40037, 41030]);

const STAGE_HINTS: Record<string, string> = {
  mobilize: '请关注本级实施方案和动员会安排',
  pledge: '请按时完成公开承诺和签名',
  review: '请准备点评总结材料',
  evaluate: '请参加群众评议',
  commend: '请关注评比推荐进展',
};

/** A stage is announced while current and at most this many days old (runs can be missed; a clock can jump). */
const STAGE_START_GRACE_DAYS = 7;

/**
 * Events the calendar makes due today: stage starts and pledge deadlines 3 days / 1 day away, both for members who
 * have not signed their 四带头 and for the secretaries (staff included) of orgs that have not submitted their 四好.
 */
export function dueFirings(campaign: Campaign, now: Date): Firing[] {
  const today = shanghaiDay(now);
  const out: Firing[] = [];
  for (const stage of campaign.stages) {
    if (stage.start > today || stage.start < addDays(today, -STAGE_START_GRACE_DAYS) || stage.end < today) continue;
    out.push({
      kind: 'stageStart',
      key: `${campaign._id}:${stage.key}`,
      title: `${STAGE_NAMES[stage.key]}阶段开始`,
      values: {
        thing1: campaign.title,
        phrase2: STAGE_NAMES[stage.key],
        date3: stage.start,
        thing4: STAGE_HINTS[stage.key] ?? '请关注活动安排',
      },
      audience: { orgId: null },
      org: null,
    });
  }
  for (const round of campaign.rounds) {
    for (const [kind, orgKind, days] of [
      ['pledgeDue3d', 'orgPledgeDue3d', 3],
      ['pledgeDue1d', 'orgPledgeDue1d', 1],
    ] as const) {
      if (round.deadline !== addDays(today, days)) continue;
      const key = `${campaign._id}:${round.key}`;
      const pending = { campaignId: campaign._id, roundKey: round.key };
      out.push({
        kind,
        key,
        title: `${round.theme} · 还剩 ${days} 天`,
        values: { thing1: '签署“四带头”承诺', time2: round.deadline, thing3: round.theme },
        audience: { orgId: null, unsigned: pending },
        org: null,
      });
      out.push({
        kind: orgKind,
        key,
        title: `${round.theme} · 四好承诺还剩 ${days} 天`,
        values: { thing1: '提交“四好”承诺', time2: round.deadline, thing3: round.theme },
        audience: { orgId: null, holders: { roles: ['generalSecretary', 'secretary'], unsubmitted: pending } },
        org: null,
      });
    }
  }
  out.push(...reviewDueFirings(campaign, today));
  return out;
}

/**
 * 点评总结 due: 3 days and 1 day before the review stage ends, the secretaries (staff included) of branches and
 * general branches that have not submitted their stage summary for a round that closed by then.
 */
function reviewDueFirings(campaign: Campaign, today: string): Firing[] {
  const review = campaign.stages.find((s) => s.key === 'review');
  if (!review) return [];
  const out: Firing[] = [];
  for (const days of [3, 1]) {
    if (review.end !== addDays(today, days)) continue;
    for (const round of campaign.rounds.filter((r) => r.deadline <= review.end)) {
      out.push({
        kind: 'reviewDue',
        key: `${campaign._id}:${round.key}:${days}d`,
        title: `${round.theme} · 阶段总结还剩 ${days} 天`,
        values: { thing1: '提交点评总结和评诺', time2: review.end, thing3: round.theme },
        audience: {
          orgId: null,
          holders: { roles: ['generalSecretary', 'secretary'], unsummarised: { campaignId: campaign._id, roundKey: round.key } },
        },
        org: null,
      });
    }
  }
  return out;
}

/** Step 1: records today's due events that are not recorded yet (two requests when there are any). */
async function plan(now: Date): Promise<number> {
  const campaign = await campaigns.active();
  if (!campaign) return 0;
  const firings = dueFirings(campaign, now);
  if (firings.length === 0) return 0;
  const known = new Set((await notifyEvents.byIds(firings.map((f) => eventIdOf(f.kind, f.key)))).map((e) => e._id));
  let created = 0;
  for (const f of firings) {
    if (!known.has(eventIdOf(f.kind, f.key)) && (await notifyEvents.create(eventOf(f, now)))) created += 1;
  }
  return created;
}

function jobOf(event: NotifyEvent, person: Recipient, page: number, now: Date): NotifyJob {
  const batch = `${event._id}#${page}`;
  const unbound = !person.openid;
  return {
    _id: `${event._id}|${person.id}`,
    eventId: event._id,
    kind: event.kind,
    template: NOTIFY_EVENTS[event.kind].template,
    memberId: person.id,
    name: person.name,
    studentNo: person.studentNo,
    openid: person.openid,
    orgPath: person.orgPath,
    batch,
    lane: page % LANES,
    status: unbound ? 'unreachable' : 'pending',
    reason: unbound ? 'unbound' : null,
    attempts: 0,
    notBefore: now,
    urgent: event.urgent,
    runId: null,
    claimedAt: null,
    doneAt: unbound ? now : null,
  };
}

/** Step 2: turns recorded events into jobs, a page at a time, until done or out of time. */
async function expand(until: number): Promise<{ jobs: number; done: boolean }> {
  let jobs = 0;
  for (const event of await notifyEvents.expanding()) {
    let { cursor, pages } = event;
    for (;;) {
      if (Date.now() >= until) return { jobs, done: false };
      const next = await audiencePage({ ...event, cursor });
      const now = new Date();
      jobs += await notifyJobs.insertPage(next.people.map((m) => jobOf(event, m, pages, now)));
      cursor = next.cursor;
      pages += 1;
      await notifyEvents.advance(event._id, cursor, pages, next.last);
      if (next.last) break;
    }
  }
  return { jobs, done: true };
}

type Outcome = { kind: 'sent' } | { kind: 'unreachable'; reason: UnreachableReason } | { kind: 'retry' };

function errCodeOf(err: unknown): number | null {
  const code = typeof err === 'object' && err !== null ? (err as { errCode?: unknown }).errCode : undefined;
  return typeof code === 'number' ? code : null;
}

/** One job: spend a consent, send, and say what became of it (refunding a consent WeChat did not use). */
async function sendOne(job: NotifyJob, event: NotifyEvent, now: Date): Promise<Outcome> {
  if (!job.openid) return { kind: 'unreachable', reason: 'unbound' };
  const ledger = consentId(job.template, job.openid);
  if (!(await consents.spend(ledger))) return { kind: 'unreachable', reason: 'noCredit' };
  let code: number | null;
  try {
    await sdk().openapi.subscribeMessage.send({
      touser: job.openid,
      templateId: templateIdOf(job.template),
      page: event.page,
      data: formatMessage(job.template, event.values),
      miniprogramState: process.env.NOTIFY_MINIPROGRAM_STATE || 'formal',
      lang: 'zh_CN',
    });
    return { kind: 'sent' };
  } catch (err) {
    code = errCodeOf(err);
    if (code === null) log('warn', 'notify.send.error', { job: job._id, message: (err as Error).message });
  }
  if (code === NO_CONSENT) {
    // Final: WeChat holds no consent, whatever our ledger said; never retried.
    await consents.exhaust(ledger);
    return { kind: 'unreachable', reason: 'refused' };
  }
  await consents.refund(ledger);
  if (code === BAD_OPENID) return { kind: 'unreachable', reason: 'badOpenid' };
  if (code !== null && CONFIG_ERRORS.has(code)) {
    log('error', 'notify.config', {
      errCode: code,
      template: job.template,
      templateId: templateIdOf(job.template),
      kind: job.kind,
      page: event.page,
    });
    return { kind: 'unreachable', reason: 'config' };
  }
  const attempts = job.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) return { kind: 'unreachable', reason: 'failed' };
  await notifyJobs.retryLater(
    job._id,
    attempts,
    new Date(now.getTime() + RETRY_AFTER_MS[Math.min(attempts - 1, RETRY_AFTER_MS.length - 1)]),
  );
  return { kind: 'retry' };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

interface SendTally {
  sent: number;
  unreachable: number;
  retried: number;
  failed: number;
}

/** Step 3: claims and sends batches until nothing is due or time is up; true when it stopped for time. */
async function send(runId: string, until: number, urgentOnly: boolean, tally: SendTally): Promise<boolean> {
  const events = new Map<string, NotifyEvent | null>();
  // Idle runs (every minute) cost one read.
  if (!(await notifyJobs.dueBatch(new Date(), urgentOnly))) return false;
  let lane = randomBytes(1)[0] % LANES;
  let emptyLanes = 0;
  for (;;) {
    if (Date.now() >= until) return true;
    const now = new Date();
    // This lane while it has work, then the next; after every lane came up empty, any due job (retries included).
    const batch = emptyLanes < LANES ? await notifyJobs.dueBatch(now, urgentOnly, lane) : await notifyJobs.dueBatch(now, urgentOnly);
    if (!batch) {
      if (emptyLanes >= LANES) return false;
      emptyLanes += 1;
      lane = (lane + 1) % LANES;
      continue;
    }
    const jobs = await notifyJobs.claim(batch, runId, now, urgentOnly);
    if (jobs.length === 0) continue; // another run took it a moment ago
    const eventId = jobs[0].eventId;
    if (!events.has(eventId)) events.set(eventId, await notifyEvents.byId(eventId));
    const event = events.get(eventId);
    const outcomes: Outcome[] = event
      ? await mapLimit(jobs, CONCURRENCY, (job) => sendOne(job, event, now))
      : jobs.map(() => ({ kind: 'unreachable', reason: 'config' }));
    const groups = new Map<string, string[]>();
    outcomes.forEach((o, i) => {
      if (o.kind === 'retry') return;
      const key = o.kind === 'sent' ? 'sent' : o.reason;
      groups.set(key, [...(groups.get(key) ?? []), jobs[i]._id]);
    });
    const done = new Date();
    for (const [key, ids] of groups) {
      if (key === 'sent') await notifyJobs.finish(ids, 'sent', null, done);
      else await notifyJobs.finish(ids, 'unreachable', key as UnreachableReason, done);
    }
    for (const o of outcomes) {
      if (o.kind === 'sent') tally.sent += 1;
      else if (o.kind === 'retry') tally.retried += 1;
      else if (o.reason === 'config' || o.reason === 'failed') tally.failed += 1;
      else tally.unreachable += 1;
    }
  }
}

/** One timer run. `budgetMs` shortens the run (tests and the bench); the default keeps well inside 60 s. */
export async function runSender(budgetMs = RUN_BUDGET_MS): Promise<SenderRun> {
  const started = Date.now();
  const until = started + budgetMs;
  const runId = `run-${randomBytes(6).toString('hex')}`;
  const now = new Date();
  const planned = await plan(now);
  await notifyJobs.abandonStale(new Date(now.getTime() - STALE_CLAIM_MS), now);
  const expansion = await expand(until);
  const quiet = isQuietHour(now);
  const tally: SendTally = { sent: 0, unreachable: 0, retried: 0, failed: 0 };
  const outOfTime = await send(runId, until, quiet, tally);
  // During quiet hours non-urgent jobs wait: say whether any are waiting.
  const deferred = quiet && (await notifyJobs.dueBatch(new Date(), false)) !== null;
  const result: SenderRun = {
    planned,
    expanded: expansion.jobs,
    ...tally,
    deferred,
    more: !expansion.done || outOfTime,
    ms: Date.now() - started,
  };
  log('info', 'notify.run', { runId, ...result });
  return result;
}
