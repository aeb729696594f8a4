/** Reminders (订阅消息): the consent ledger, and for admins the events and who they did not reach. */
import type { MyReminders, NotifyEventView, TemplateKey, UnreachableList } from '@contract/notify';
import { call, CloudError, getHttpOptions, isRecord, requestJson } from './cloud';

export function myReminders(): Promise<MyReminders> {
  return call('notify', 'myReminders', {});
}

export function recordConsent(accepted: TemplateKey[]): Promise<MyReminders> {
  return call('notify', 'recordConsent', { accepted });
}

export function reminderEvents(orgId: string): Promise<NotifyEventView[]> {
  return call('notify', 'events', { orgId });
}

export function unreachable(orgId: string, eventId: string): Promise<UnreachableList> {
  return call('notify', 'unreachable', { orgId, eventId });
}

export type SubscribeAnswers = Record<string, 'accept' | 'reject'>;

/**
 * Local mode only: what WeChat's consent popup does, done by the emulator (POST /api/_emulator/subscribe) for the
 * signed-in identity. Answers like wx.requestSubscribeMessage: template id → accept / reject / filter.
 */
export async function localSubscribe(tmplIds: string[], answers: SubscribeAnswers): Promise<Record<string, string>> {
  const { body } = await requestJson('/api/_emulator/subscribe', { method: 'POST', body: { tmplIds, answers } }, getHttpOptions());
  if (!isRecord(body)) throw new CloudError('INTERNAL', '服务器返回了无法识别的内容');
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
