/** For admins and secretaries: the reminders that concerned their org, and who in it could not be reached. */
import type { Org } from '../../types/models';
import {
  MAX_UNREACHABLE_LISTED,
  NOTIFY_EVENTS,
  UNREACHABLE_REASONS,
  type NotifyEvent,
  type NotifyEventView,
  type UnreachableList,
} from '../../types/notify';
import { lineage } from '../../types/scope';
import { AppError } from '../shared/errors';
import { notifyEvents } from '../shared/repositories/notify-events';
import { notifyJobs } from '../shared/repositories/notify-jobs';

const LISTED_EVENTS = 20;

/** An event concerns the org when its audience holds the org (an ancestor or the org itself) or lies inside the org's subtree. */
function concerns(event: NotifyEvent, org: Org): boolean {
  if (event.scope.length === 0) return true;
  const audienceOrg = event.scope[event.scope.length - 1];
  return lineage(org).includes(audienceOrg) || event.scope.includes(org._id);
}

/** The latest events that concern the org, with their counts in its subtree (three counts each). */
export async function events(org: Org): Promise<NotifyEventView[]> {
  const recent = (await notifyEvents.recent()).filter((e) => concerns(e, org)).slice(0, LISTED_EVENTS);
  return Promise.all(
    recent.map(async (e) => {
      const [sent, unreachable, pending] = await Promise.all([
        notifyJobs.countIn(e._id, org._id, 'sent'),
        notifyJobs.countIn(e._id, org._id, 'unreachable'),
        notifyJobs.countIn(e._id, org._id, ['pending', 'claimed']),
      ]);
      return {
        id: e._id,
        kind: e.kind,
        name: NOTIFY_EVENTS[e.kind].name,
        title: e.title,
        createdAt: new Date(e.createdAt).toISOString(),
        sent,
        unreachable,
        pending,
      };
    }),
  );
}

export async function unreachable(org: Org, eventId: string): Promise<UnreachableList> {
  const event = await notifyEvents.byId(eventId);
  if (!event || !concerns(event, org)) throw new AppError('NOT_FOUND', '提醒不存在', 'eventId');
  const jobs = await notifyJobs.unreachableIn(eventId, org._id, MAX_UNREACHABLE_LISTED + 1);
  return {
    eventId,
    eventName: NOTIFY_EVENTS[event.kind].name,
    people: jobs.slice(0, MAX_UNREACHABLE_LISTED).map((j) => {
      const reason = j.reason ?? 'failed';
      return { memberId: j.memberId, name: j.name, studentNo: j.studentNo, reason, reasonText: UNREACHABLE_REASONS[reason] };
    }),
    truncated: jobs.length > MAX_UNREACHABLE_LISTED,
  };
}
