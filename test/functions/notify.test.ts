/**
 * Reminders (issue 10) through the real router, wx-server-sdk and emulator with the demo university: the consent
 * ledger against WeChat's one-time consents, the sender's claim (overlapping runs send nothing twice), a signing
 * session that reminds its branch, and the unreachable list per org.
 */
import {
  TEMPLATES,
  type MyReminders,
  type NotifyEventView,
  type SenderRun,
  type TemplateKey,
  type UnreachableList,
} from '../../types/notify';
import { eventOf, type Firing } from '../../cloudfunctions/shared/notify';
import { seededEmulator, errorCode, okData, ADMIN, SECRETARY, MEMBER } from '../support/emulator';

const env = seededEmulator({ daytime: true });
const { emu } = env;

const OTHER_SECRETARY = 'demo-2023010201'; // 计科2302班 (org-cs-2)
const MEMBER_ID = 'm-2023010104';

interface InboxMessage {
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
}

/** The person taps 提醒我 and accepts: WeChat's popup (the emulator's stand-in) and then the app records it. */
async function consent(openid: string, key: TemplateKey): Promise<MyReminders> {
  const res = await fetch(`${emu.url}/api/_emulator/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
    body: JSON.stringify({ tmplIds: [TEMPLATES[key].localId] }),
  });
  expect(((await res.json()) as Record<string, string>)[TEMPLATES[key].localId]).toBe('accept');
  return okData(await emu.call<MyReminders>('notify', 'recordConsent', { accepted: [key] }, openid));
}

async function runTimer(): Promise<SenderRun> {
  const res = await fetch(`${emu.url}/api/_emulator/timers/notify/notifySender`, { method: 'POST' });
  const body = (await res.json()) as { result: SenderRun };
  return body.result;
}

async function inbox(openid?: string): Promise<InboxMessage[]> {
  const res = await fetch(`${emu.url}/api/_emulator/inbox${openid ? `?touser=${openid}` : ''}`);
  return ((await res.json()) as { messages: InboxMessage[] }).messages;
}

async function clearInbox(): Promise<void> {
  await fetch(`${emu.url}/api/_emulator/inbox`, { method: 'DELETE' });
}

/** An event as a later feature will fire it (the same record fireEvent writes). */
async function fire(f: Firing): Promise<void> {
  const { _id, ...rest } = eventOf(f, emu.now());
  await env.db.collection('notifyEvents').doc(_id).set({ data: rest });
}

const remaining = (r: MyReminders, key: TemplateKey) => r.templates.find((t) => t.key === key)?.remaining;

async function job(id: string): Promise<Record<string, unknown>> {
  const res = (await env.db.collection('notifyJobs').doc(id).get()) as unknown as { data: Record<string, unknown> };
  return res.data;
}

describe('consent ledger', () => {
  it('myReminders lists every template with its id and no credit before any consent', async () => {
    const mine = okData(await emu.call<MyReminders>('notify', 'myReminders', {}, MEMBER));
    expect(mine.templates.map((t) => [t.key, t.templateId, t.remaining])).toEqual([
      ['stage', 'local-tmpl-stage', 0],
      ['deadline', 'local-tmpl-deadline', 0],
      ['task', 'local-tmpl-task', 0],
      ['result', 'local-tmpl-result', 0],
    ]);
    expect(errorCode(await emu.call('notify', 'myReminders', {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await emu.call('notify', 'recordConsent', { accepted: ['nope'] }, MEMBER))).toBe('INVALID_ARGUMENT');
  });

  it('accept twice → two sends; the third is 43101 from WeChat, final and never retried', async () => {
    await clearInbox();
    await consent(MEMBER, 'deadline');
    const twice = await consent(MEMBER, 'deadline');
    expect(remaining(twice, 'deadline')).toBe(2);
    // The app reports a third accept WeChat never saw (the ledger drifts): WeChat has the last word.
    const drifted = okData(await emu.call<MyReminders>('notify', 'recordConsent', { accepted: ['deadline'] }, MEMBER));
    expect(remaining(drifted, 'deadline')).toBe(3);

    for (const n of [1, 2, 3]) {
      await fire({
        kind: 'rectificationDue',
        key: `consent-${n}`,
        title: `整改 ${n}`,
        values: { thing1: `整改事项 ${n}`, time2: '2026-12-31', thing3: '请按期完成整改' },
        audience: { orgId: null, memberIds: [MEMBER_ID] },
        org: null,
      });
    }
    const run = await runTimer();
    expect(run).toMatchObject({ sent: 2, unreachable: 1, retried: 0 });
    expect(await inbox(MEMBER)).toHaveLength(2);
    const statuses = await Promise.all([1, 2, 3].map((n) => job(`rectificationDue:consent-${n}|${MEMBER_ID}`)));
    expect(statuses.map((j) => j.status).sort()).toEqual(['sent', 'sent', 'unreachable']);
    const refused = statuses.find((j) => j.status === 'unreachable');
    expect(refused).toMatchObject({ reason: 'refused', attempts: 0 });

    // Not retried: a later run sends nothing more, and the ledger now says 0.
    const again = await runTimer();
    expect(again.sent).toBe(0);
    expect(await inbox(MEMBER)).toHaveLength(2);
    const after = okData(await emu.call<MyReminders>('notify', 'myReminders', {}, MEMBER));
    expect(remaining(after, 'deadline')).toBe(0);
  });

  it('a message is formatted to its keyword types and opens its page', async () => {
    const [message] = await inbox(MEMBER);
    expect(message.templateId).toBe('local-tmpl-deadline');
    expect(message.page).toBe('pages/home/index');
    expect(message.data.time2.value).toBe('2026年12月31日 23:59');
  });
});

describe('overlapping runs', () => {
  it('three runs at once over one fan-out send each message exactly once', async () => {
    await clearInbox();
    const bound = await env.find<{ openid: string }>('members', { openid: env.db.command.neq(null) });
    const openids = bound.map((m) => m.openid);
    expect(openids.length).toBeGreaterThan(40);
    for (const openid of openids) await consent(openid, 'result');
    await fire({
      kind: 'awardAnnounced',
      key: 'overlap',
      title: '表彰结果公布',
      values: { thing1: '五四红旗团组织评选', phrase2: '已公布', character_string3: 'AWARD-2026-001', thing4: '请查看表彰名单' },
      audience: { orgId: null },
      org: null,
    });
    const runs = await Promise.all([runTimer(), runTimer(), runTimer()]);
    const sent = runs.reduce((n, r) => n + r.sent, 0);
    const messages = (await inbox()).filter((m) => m.templateId === 'local-tmpl-result');
    const perPerson = new Map<string, number>();
    for (const m of messages) perPerson.set(m.touser, (perPerson.get(m.touser) ?? 0) + 1);
    expect(sent).toBe(openids.length);
    expect(messages).toHaveLength(openids.length);
    expect([...perPerson.values()].filter((n) => n > 1)).toEqual([]);
  });
});

describe('a signing session opens for my branch', () => {
  it('members of the branch who have not signed and have a task credit get the reminder', async () => {
    await clearInbox();
    await consent(MEMBER, 'task');
    await consent('demo-2023010204', 'task'); // 计科2302班: another branch
    okData(await emu.call('pledge', 'openSession', { branchId: 'org-cs-1', roundKey: 'round-1' }, SECRETARY));
    const run = await runTimer();
    expect(run.sent).toBe(1);
    const [message] = await inbox(MEMBER);
    expect(message.templateId).toBe('local-tmpl-task');
    expect(message.page).toBe('pages/pledge/index');
    expect(message.data.thing2.value).toBe('计科2301班团支部');
    expect(await inbox('demo-2023010204')).toHaveLength(0);
    // Opening again (the same open session) fires nothing new.
    okData(await emu.call('pledge', 'openSession', { branchId: 'org-cs-1', roundKey: 'round-1' }, SECRETARY));
    expect((await runTimer()).sent).toBe(0);
  });
});

describe('the unreachable list', () => {
  it('admins and secretaries see who in their org the event missed, and why', async () => {
    const all = okData(await emu.call<NotifyEventView[]>('notify', 'events', { orgId: 'org-committee' }, ADMIN));
    const signing = all.find((e) => e.kind === 'signingOpen');
    expect(signing).toBeDefined();
    const mine = okData(await emu.call<NotifyEventView[]>('notify', 'events', { orgId: 'org-cs-1' }, SECRETARY));
    const view = mine.find((e) => e.id === signing?.id);
    // 25 members, none signed; 6 bound, one with a credit.
    expect(view).toMatchObject({ sent: 1, unreachable: 24, pending: 0 });

    const list = okData(await emu.call<UnreachableList>('notify', 'unreachable', { orgId: 'org-cs-1', eventId: signing?.id }, SECRETARY));
    expect(list.people).toHaveLength(24);
    expect(list.people.filter((p) => p.reason === 'unbound')).toHaveLength(19);
    expect(list.people.filter((p) => p.reason === 'noCredit').map((p) => p.reasonText)).toEqual(Array(5).fill('未订阅提醒'));
    expect(list.people.map((p) => p.studentNo)).toEqual([...list.people.map((p) => p.studentNo)].sort());
    expect(list.people.some((p) => p.memberId === MEMBER_ID)).toBe(false);

    // The college's general secretary sees the branch's list; another branch's secretary neither sees the event nor can ask for it.
    const college = okData(
      await emu.call<UnreachableList>('notify', 'unreachable', { orgId: 'org-cs', eventId: signing?.id }, 'demo-general-cs'),
    );
    expect(college.people).toHaveLength(24);
    const otherEvents = okData(await emu.call<NotifyEventView[]>('notify', 'events', { orgId: 'org-cs-2' }, OTHER_SECRETARY));
    expect(otherEvents.some((e) => e.id === signing?.id)).toBe(false);
    expect(errorCode(await emu.call('notify', 'unreachable', { orgId: 'org-cs-2', eventId: signing?.id }, OTHER_SECRETARY))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await emu.call('notify', 'unreachable', { orgId: 'org-cs-1', eventId: signing?.id }, OTHER_SECRETARY))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await emu.call('notify', 'unreachable', { orgId: 'org-cs-1', eventId: signing?.id }, MEMBER))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('notify', 'unreachable', { orgId: 'org-cs-1', eventId: 'nope' }, SECRETARY))).toBe('NOT_FOUND');
  });

  it('a timer event sent by a signed-in person is not a timer run', async () => {
    const res = await emu.call('notify', '', {}, MEMBER);
    expect(errorCode(res)).toBe('UNKNOWN_ACTION');
    const forged = await fetch(`${emu.url}/api/functions/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-strive-openid': MEMBER },
      body: JSON.stringify({ Type: 'Timer', TriggerName: 'notifySender' }),
    });
    expect(((await forged.json()) as { result: { code: string } }).result.code).toBe('UNKNOWN_ACTION');
  });
});
