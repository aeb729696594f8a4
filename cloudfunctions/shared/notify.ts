/**
 * The one way a domain fires a reminder: `fireEvent` records the event once (its id is the kind and a key the
 * caller derives from what it is about); the notify function's timer expands it into one job per person and
 * sends them (cloudfunctions/notify/sender.ts). Firing never sends anything itself, so it costs the caller one
 * write and cannot fail its action.
 */
import type { Org } from '../../types/models';
import { formatMessage, NOTIFY_EVENTS, TEMPLATES, type Audience, type NotifyKind, type TemplateKey } from '../../types/notify';
import { lineage } from '../../types/scope';
import { log } from './log';
import { notifyEvents } from './repositories/notify-events';

export interface Firing {
  kind: NotifyKind;
  /** What the event is about, unique within its kind (e.g. `${campaignId}:${roundKey}:${branchId}`). */
  key: string;
  /** A short line for the admins' list, e.g. "计科2301班 · 第一轮签名". */
  title: string;
  /** The template's keyword values, raw: each is formatted to its keyword type when sent. */
  values: Record<string, string>;
  audience: Audience;
  /** The audience's org, when there is one (its lineage decides which admins see the event). */
  org: Pick<Org, '_id' | 'ancestors'> | null;
  /** The page the message opens, when not the kind's own (a page of the app, with a query). */
  page?: string;
}

export const eventIdOf = (kind: NotifyKind, key: string): string => `${kind}:${key}`;

/** The template id WeChat knows: NOTIFY_TEMPLATE_<KEY> in the function's environment, else the emulator's. */
export function templateIdOf(key: TemplateKey): string {
  return process.env[`NOTIFY_TEMPLATE_${key.toUpperCase()}`] || TEMPLATES[key].localId;
}

/** The event as it will be stored; throws when the values do not fill the template (a programming error). */
export function eventOf(f: Firing, now: Date) {
  const def = NOTIFY_EVENTS[f.kind];
  formatMessage(def.template, f.values);
  return {
    _id: eventIdOf(f.kind, f.key),
    kind: f.kind,
    title: f.title,
    values: f.values,
    page: f.page ?? def.page,
    urgent: def.urgent,
    audience: f.audience,
    scope: f.org ? lineage(f.org) : [],
    status: 'expanding' as const,
    cursor: null,
    pages: 0,
    createdAt: now,
  };
}

/** Records the event once; true when this call created it. A failure is logged, never thrown: a reminder must not undo an action. */
export async function fireEvent(f: Firing): Promise<boolean> {
  try {
    return await notifyEvents.create(eventOf(f, new Date()));
  } catch (err) {
    log('error', 'notify.fire.failed', { kind: f.kind, key: f.key, message: (err as Error).message });
    return false;
  }
}
