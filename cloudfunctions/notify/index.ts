import { z } from 'zod';
import { isTimerEvent, MAX_TEMPLATES_PER_REQUEST, TEMPLATE_KEYS, type SenderRun } from '../../types/notify';
import type { Envelope } from '../../types/envelope';
import { callerOpenid } from '../shared/cloud';
import { orgId, text } from '../shared/fields';
import { log } from '../shared/log';
import { action, createMain, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { events, unreachable } from './reach';
import { myReminders, recordConsent } from './reminders';
import { runSender } from './sender';

const SCOPED = ['admin', 'generalSecretary', 'secretary'] as const;
const eventId = text('提醒事件', { max: 200 });

/** Reminders (订阅消息): the consent ledger, and for admins and secretaries who in their org could not be reached. */
export const actions: ActionTable<'notify'> = {
  myReminders: action({
    schema: empty,
    access: 'user',
    handler: (_p, ctx) => myReminders(ctx.openid),
  }),
  recordConsent: action({
    schema: z.object({ accepted: z.array(z.enum(TEMPLATE_KEYS)).max(MAX_TEMPLATES_PER_REQUEST).describe('订阅的提醒') }).strict(),
    access: 'user',
    handler: (p, ctx) => recordConsent(ctx.openid, p.accepted),
  }),
  events: action({
    schema: z.object({ orgId }).strict(),
    access: SCOPED,
    target: (p) => p.orgId,
    handler: (_p, ctx) => events(ctx.target),
  }),
  unreachable: action({
    schema: z.object({ orgId, eventId }).strict(),
    access: SCOPED,
    target: (p) => p.orgId,
    handler: (p, ctx) => unreachable(ctx.target, p.eventId),
  }),
};

const route = createMain('notify', actions);

/**
 * The function's entry: its timer trigger (config.json) passes `{ Type: 'Timer', TriggerName, Time }` and runs the
 * sender; anything else is an action from the app. A timer event carries no caller; one sent by a signed-in person
 * from the app is treated as an action (and refused as unknown), so people cannot drive the sender.
 */
export async function main(event: unknown): Promise<Envelope<unknown> | SenderRun> {
  if (isTimerEvent(event) && !callerOpenid()) {
    try {
      return await runSender();
    } catch (err) {
      log('error', 'notify.run.failed', { message: (err as Error).message, stack: (err as Error).stack });
      throw err;
    }
  }
  return route(event as Parameters<typeof route>[0]);
}
