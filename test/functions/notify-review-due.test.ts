/**
 * 点评总结 due (reviewDue): the notify timer reminds the secretaries (staff included) of branches and general branches
 * that have not submitted their stage summary, 3 days before the review stage ends, on the emulator's one clock.
 */
import { TEMPLATES, type TemplateKey } from '../../types/notify';
import { seededEmulator, DAY_MS, okData } from '../support/emulator';

const env = seededEmulator({ timers: true });
const { emu } = env;

const SECRETARY = 'demo-2023010101'; // 计科2301班 (org-cs-1): no summary
const SUBMITTED = 'demo-2023010201'; // 计科2302班 (org-cs-2): submits below
const GENERAL = 'demo-general-cs'; // staff account of 计算机学院团总支 (org-cs): no summary
const MEMBER = 'demo-2023010104';

async function consent(openid: string, key: TemplateKey): Promise<void> {
  await fetch(`${emu.url}/api/_emulator/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
    body: JSON.stringify({ tmplIds: [TEMPLATES[key].localId] }),
  });
  okData(await emu.call('notify', 'recordConsent', { accepted: [key] }, openid));
}

async function reviewReminders(openid: string): Promise<{ data: Record<string, { value: string }> }[]> {
  const res = await fetch(`${emu.url}/api/_emulator/inbox?touser=${openid}`);
  const { messages } = (await res.json()) as { messages: { data: Record<string, { value: string }> }[] };
  return messages.filter((m) => m.data.thing1?.value === '提交点评总结和评诺');
}

it('3 days before 点评总结 ends, secretaries of orgs without a stage summary are reminded; the one that submitted is not', async () => {
  const campaign = (await env.db.collection('campaigns').doc('campaign-demo').get()) as unknown as {
    data: { stages: { key: string; end: string }[]; rounds: { key: string; theme: string }[] };
  };
  const review = campaign.data.stages.find((s) => s.key === 'review');
  if (!review) throw new Error('the demo campaign has a review stage');

  await emu.advanceClock(6 * DAY_MS); // into 点评总结 (the demo's review stage starts in 5 days)
  okData(
    await emu.call('fulfil', 'submitSummary', { orgId: 'org-cs-2', roundKey: 'round-1', text: '本阶段工作总结。', photos: [] }, SUBMITTED),
  );
  for (const openid of [SECRETARY, SUBMITTED, GENERAL, MEMBER]) await consent(openid, 'deadline');

  // 10:00 in Shanghai three days before the review stage's last day (outside quiet hours).
  const threeDaysBefore = new Date(`${review.end}T10:00:00+08:00`).getTime() - 3 * DAY_MS;
  const moved = await emu.advanceClock(threeDaysBefore - emu.now().getTime());
  expect(moved.fired.map((f) => `${f.functionName}/${f.triggerName}`)).toContain('notify/notifySender');

  const [mine] = await reviewReminders(SECRETARY);
  expect(mine?.data).toMatchObject({ thing3: { value: expect.stringContaining('牢记宗旨') } });
  expect(await reviewReminders(GENERAL)).toHaveLength(1);
  expect(await reviewReminders(SUBMITTED)).toHaveLength(0);
  expect(await reviewReminders(MEMBER)).toHaveLength(0);
  // Round 2 closes after the review stage: no reminder for it.
  expect(await env.count('notifyEvents', { kind: 'reviewDue' })).toBe(1);

  // The same day again (a second run) sends nothing twice.
  await emu.advanceClock(3600_000);
  expect(await reviewReminders(SECRETARY)).toHaveLength(1);
});
