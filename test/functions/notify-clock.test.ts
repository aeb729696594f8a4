/**
 * Reminders follow the emulator's one clock (issue 10): with timer triggers on, moving the clock runs the notify
 * function's trigger (cloudfunctions/notify/config.json) once, as a late run would. Nothing sleeps.
 */
import { TEMPLATES, type SenderRun, type TemplateKey } from '../../types/notify';
import { eventOf } from '../../cloudfunctions/shared/notify';
import { seededEmulator, DAY_MS, okData, MEMBER } from '../support/emulator';

const env = seededEmulator({ timers: true, daytime: true });
const { emu } = env;

const MEMBER_ID = 'm-2023010104';

interface InboxMessage {
  templateId: string;
  data: Record<string, { value: string }>;
}

async function consent(openid: string, key: TemplateKey): Promise<void> {
  await fetch(`${emu.url}/api/_emulator/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
    body: JSON.stringify({ tmplIds: [TEMPLATES[key].localId] }),
  });
  okData(await emu.call('notify', 'recordConsent', { accepted: [key] }, openid));
}

async function inbox(openid: string): Promise<InboxMessage[]> {
  const res = await fetch(`${emu.url}/api/_emulator/inbox?touser=${openid}`);
  return ((await res.json()) as { messages: InboxMessage[] }).messages;
}

async function runTimer(): Promise<SenderRun> {
  const res = await fetch(`${emu.url}/api/_emulator/timers/notify/notifySender`, { method: 'POST' });
  return ((await res.json()) as { result: SenderRun }).result;
}

/** Milliseconds from the emulator's now to the next hh:mm in Shanghai. */
function untilShanghai(hour: number, minute: number): number {
  const now = emu.now().getTime();
  const shanghai = new Date(now + 8 * 3600_000);
  let target = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate(), hour, minute) - 8 * 3600_000;
  if (target <= now) target += DAY_MS;
  return target - now;
}

it('a stage start a week away fires when the clock moves a week', async () => {
  await consent(MEMBER, 'stage');
  expect(await inbox(MEMBER)).toHaveLength(0);
  // The demo's 点评总结 (review) starts in 5 days.
  const moved = await emu.advanceClock(7 * DAY_MS);
  expect(moved.fired.map((f) => `${f.functionName}/${f.triggerName}`)).toContain('notify/notifySender');
  const messages = await inbox(MEMBER);
  expect(messages).toHaveLength(1);
  expect(messages[0].templateId).toBe('local-tmpl-stage');
  expect(messages[0].data.phrase2.value).toBe('点评总结');
});

it('quiet hours (22:00–07:00 Shanghai) defer non-urgent reminders to 07:00; urgent ones go at once', async () => {
  await emu.advanceClock(untilShanghai(22, 30));
  await consent(MEMBER, 'deadline');
  await consent(MEMBER, 'task');
  const fire = async (kind: 'rectificationDue' | 'signingOpen', values: Record<string, string>) => {
    const { _id, ...rest } = eventOf(
      { kind, key: 'quiet', title: '夜间', values, audience: { orgId: null, memberIds: [MEMBER_ID] }, org: null },
      emu.now(),
    );
    await env.db.collection('notifyEvents').doc(_id).set({ data: rest });
  };
  await fire('rectificationDue', { thing1: '整改事项', time2: '2026-12-31', thing3: '请按期完成' });
  const night = await runTimer();
  expect(night).toMatchObject({ sent: 0, deferred: true });
  await fire('signingOpen', { thing1: '签署承诺', thing2: '计科2301班团支部', name3: '张子涵', time4: emu.now().toISOString() });
  expect((await runTimer()).sent).toBe(1);
  expect((await inbox(MEMBER)).map((m) => m.templateId)).toEqual(['local-tmpl-stage', 'local-tmpl-task']);

  await emu.advanceClock(untilShanghai(7, 0));
  expect((await inbox(MEMBER)).map((m) => m.templateId)).toEqual(['local-tmpl-stage', 'local-tmpl-task', 'local-tmpl-deadline']);
});

it('the 四好 deadline reminder reaches secretaries (staff included) of orgs that have not submitted, not those that have', async () => {
  const SECRETARY = 'demo-2023010101'; // 计科2301班 (org-cs-1), no 四好 pledge
  const SUBMITTED = 'demo-2023010201'; // 计科2302班 (org-cs-2), submits below
  const GENERAL = 'demo-general-cs'; // staff account, 计算机学院团总支 (no roster entry)
  const campaign = (await env.db.collection('campaigns').doc('campaign-demo').get()) as unknown as {
    data: { rounds: { key: string; deadline: string }[] };
  };
  const round = campaign.data.rounds[campaign.data.rounds.length - 1];
  const items = { organisation: '组织建设好', education: '教育引导好', activities: '活动开展好', feedback: '服务反馈好' };
  okData(await emu.call('campaign', 'submitOrgPledge', { orgId: 'org-cs-2', roundKey: round.key, items }, SUBMITTED));
  // Two credits each: an unsigned roster secretary is also owed the 四带头 reminder.
  for (const openid of [SECRETARY, SUBMITTED, GENERAL]) {
    await consent(openid, 'deadline');
    await consent(openid, 'deadline');
  }

  // 10:00 in Shanghai three days before the round's deadline (outside quiet hours).
  const threeDaysBefore = new Date(`${round.deadline}T10:00:00+08:00`).getTime() - 3 * DAY_MS;
  const moved = await emu.advanceClock(threeDaysBefore - emu.now().getTime());
  expect(moved.fired.map((f) => `${f.functionName}/${f.triggerName}`)).toContain('notify/notifySender');

  const orgPledgeReminders = async (openid: string) => (await inbox(openid)).filter((m) => m.data.thing1.value === '提交“四好”承诺');
  const [mine] = await orgPledgeReminders(SECRETARY);
  expect(mine).toMatchObject({ templateId: 'local-tmpl-deadline', data: { thing3: { value: expect.any(String) } } });
  expect(await orgPledgeReminders(GENERAL)).toHaveLength(1);
  expect(await orgPledgeReminders(SUBMITTED)).toHaveLength(0);
  // The 四带头 reminder still reaches the submitted branch's (unsigned) secretary.
  expect((await inbox(SUBMITTED)).some((m) => m.data.thing1.value === '签署“四带头”承诺')).toBe(true);

  // Jobs are keyed by holder: the staff account's id, the roster secretary's member id.
  const eventId = `orgPledgeDue3d:campaign-demo:${round.key}`;
  const job = async (holderId: string) =>
    ((await env.db.collection('notifyJobs').doc(`${eventId}|${holderId}`).get()) as unknown as { data: Record<string, unknown> }).data;
  expect(await job('s-general-cs')).toMatchObject({ status: 'sent', studentNo: '', orgPath: ['org-committee', 'org-cs'] });
  expect(await job('m-2023010101')).toMatchObject({ status: 'sent', studentNo: '2023010101' });
  expect(await env.count('notifyJobs', { eventId, memberId: 'm-2023010201' })).toBe(0);
});
