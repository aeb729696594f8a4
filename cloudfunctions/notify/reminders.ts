/** A person's reminders: credits per template (the ledger) and the consents they give in the app. */
import { NOTIFY_EVENTS, TEMPLATE_KEYS, TEMPLATES, type MyReminders, type TemplateKey } from '../../types/notify';
import { templateIdOf } from '../shared/notify';
import { consents } from '../shared/repositories/consents';

export async function myReminders(openid: string): Promise<MyReminders> {
  const ledger = await consents.ofOpenid(openid);
  const left = new Map(ledger.map((c) => [c.template, c.remaining]));
  return {
    templates: TEMPLATE_KEYS.map((key) => ({
      key,
      title: TEMPLATES[key].title,
      description: TEMPLATES[key].description,
      templateId: templateIdOf(key),
      remaining: left.get(key) ?? 0,
      events: Object.values(NOTIFY_EVENTS)
        .filter((e) => e.template === key)
        .map((e) => e.name),
    })),
  };
}

/**
 * One credit per template the person accepted in wx.requestSubscribeMessage (the app reports the popup's
 * answers; only WeChat knows the truth, and a send WeChat refuses with 43101 zeroes the line again).
 */
export async function recordConsent(openid: string, accepted: readonly TemplateKey[]): Promise<MyReminders> {
  for (const key of new Set(accepted)) await consents.grant(openid, key);
  return myReminders(openid);
}
