/**
 * The campaign timeline per role, saveCampaign's refusals, and the DB requests a timeline costs, through
 * the real router, wx-server-sdk and emulator with the seeded demo (today inside the pledge stage and round 1).
 */
import type { CampaignView, Timeline, Todo } from '../../types/campaign';
import type { Campaign } from '../../types/models';
import { addDays } from '../../types/time';
import { seededEmulator, okData, errorCode, ADMIN, GS, SECRETARY, MEMBER, LEADER } from '../support/emulator';
import { campaignInput as input, writeSignedPledge } from '../fixtures/campaign';

const env = seededEmulator();
const { emu, find } = env;

const timelineOf = async (openid: string) => okData(await emu.call<Timeline>('campaign', 'timeline', {}, openid));
const keys = (todos: Todo[]) => todos.map((t) => t.key).sort();

describe('timeline', () => {
  it('gives every role the active campaign, today in Shanghai, the pledge stage and round 1', async () => {
    const t = await timelineOf(MEMBER);
    expect(t.campaign.id).toBe('campaign-demo');
    expect(t.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(t.currentStage).toBe('pledge');
    expect(t.currentRound?.key).toBe('round-1');
  });

  it('admin: publish the committee plan, already overdue (mobilisation ended)', async () => {
    const t = await timelineOf(ADMIN);
    const mobilizeEnd = t.campaign.stages.find((s) => s.key === 'mobilize')!.end;
    expect(t.todos).toEqual([
      {
        key: 'plan:org-committee',
        text: expect.stringContaining('实施方案'),
        due: mobilizeEnd,
        overdue: true,
        page: 'package-admin/mobilize/index?orgId=org-committee',
      },
    ]);
  });

  it('general secretary: college plan and meeting (overdue), 四好 pledge for round 1 (due at the deadline)', async () => {
    const t = await timelineOf(GS);
    expect(keys(t.todos)).toEqual(['meeting:org-cs', 'orgPledge:round-1:org-cs', 'plan:org-cs']);
    const pledge = t.todos.find((x) => x.key === 'orgPledge:round-1:org-cs')!;
    expect(pledge).toMatchObject({
      due: t.currentRound!.deadline,
      overdue: false,
      page: 'pages/pledge/index?orgId=org-cs&roundKey=round-1',
    });
    expect(pledge.text).toContain('计算机学院团总支');
    expect(t.todos.find((x) => x.key === 'plan:org-cs')!.overdue).toBe(true);
  });

  it('secretary: branch 四好 pledge, the 四带头 signing session with its count, and their own signature', async () => {
    const t = await timelineOf(SECRETARY);
    expect(keys(t.todos)).toEqual(['orgPledge:round-1:org-cs-1', 'session:round-1:org-cs-1', 'sign:round-1']);
    const session = t.todos.find((x) => x.key === 'session:round-1:org-cs-1')!;
    expect(session.page).toBe('package-pledge/session/index?branchId=org-cs-1&roundKey=round-1');
    expect(session.text).toContain('已签 0/25');

    // Two signatures (written as the pledge function would) move the count.
    for (const m of ['m-2023010102', 'm-2023010103']) await writeSignedPledge(env.db, m, { isCadre: true });
    const after = await timelineOf(SECRETARY);
    expect(after.todos.find((x) => x.key === 'session:round-1:org-cs-1')!.text).toContain('已签 2/25');
  });

  it('member: sign the 四带头 pledge by scanning (the todo opens the 承诺 tab) until signed', async () => {
    const t = await timelineOf(MEMBER);
    expect(t.todos).toEqual([
      { key: 'sign:round-1', text: '签署“四带头”承诺', due: t.currentRound!.deadline, overdue: false, page: 'pages/pledge/index' },
    ]);
    await writeSignedPledge(env.db, 'm-2023010104');
    expect((await timelineOf(MEMBER)).todos).toEqual([]);
  });

  it('leader: the timeline without todos; an unbound caller is told to bind', async () => {
    const t = await timelineOf(LEADER);
    expect(t.currentStage).toBe('pledge');
    expect(t.todos).toEqual([]);
    expect(errorCode(await emu.call('campaign', 'timeline', {}, 'demo-visitor'))).toBe('NOT_BOUND');
    expect(errorCode(await emu.call('campaign', 'timeline', {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await emu.call('campaign', 'timeline', { extra: 1 }, MEMBER))).toBe('INVALID_ARGUMENT');
  });

  it('costs a constant, small number of DB requests per role', async () => {
    const counts: Record<string, number> = {};
    for (const [role, openid] of Object.entries({
      admin: ADMIN,
      generalSecretary: GS,
      secretary: SECRETARY,
      member: MEMBER,
      leader: LEADER,
    })) {
      const res = await emu.call<Timeline>('campaign', 'timeline', {}, openid);
      okData(res);
      counts[role] = res.dbRequests;
    }
    console.log('timeline DB requests per role', counts);
    for (const n of Object.values(counts)) expect(n).toBeLessThanOrEqual(10);
  });
});

describe('saveCampaign', () => {
  let original: CampaignView;
  beforeAll(async () => {
    original = (await timelineOf(ADMIN)).campaign;
  });

  it('refuses overlapping stages and a deadline before its start, naming the field, writing nothing', async () => {
    const auditBefore = (await find('audit', { action: 'saveCampaign' })).length;
    const overlap = input(original);
    overlap.stages = overlap.stages.map((s, i) => (i === 2 ? { ...s, start: overlap.stages[1].end } : s));
    const res = await emu.call('campaign', 'saveCampaign', { campaign: overlap }, ADMIN);
    expect(res.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'campaign.stages.2.start' });
    expect(res.result && !res.result.ok && res.result.message).toContain('点评总结与公开承诺时间重叠');
    // The item is named as the admin knows it, not by its path.
    expect(res.result && !res.result.ok && res.result.message).toBe('点评总结阶段：点评总结与公开承诺时间重叠');

    const early = input(original);
    early.rounds = early.rounds.map((r, i) => (i === 0 ? { ...r, deadline: addDays(r.start, -1) } : r));
    const res2 = await emu.call('campaign', 'saveCampaign', { campaign: early }, ADMIN);
    expect(res2.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'campaign.rounds.0' });
    expect(res2.result && !res2.result.ok && res2.result.message).toContain('截止日期早于开始日期');
    expect(res2.result && !res2.result.ok && res2.result.message).toBe('第 1 轮承诺：截止日期早于开始日期');

    const stored = await find<Campaign>('campaigns', {});
    expect(stored).toHaveLength(1);
    expect(stored[0].stages).toEqual(original.stages);
    expect(stored[0].rounds).toEqual(original.rounds);
    expect((await find('audit', { action: 'saveCampaign' })).length).toBe(auditBefore);
  });

  it('refuses non-admins and malformed payloads', async () => {
    expect(errorCode(await emu.call('campaign', 'saveCampaign', { campaign: input(original) }, GS))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('campaign', 'saveCampaign', { campaign: { ...input(original), active: false } }, ADMIN))).toBe(
      'INVALID_ARGUMENT',
    );
    const blocked = await emu.call('campaign', 'saveCampaign', { campaign: { ...input(original), title: '违禁词活动' } }, ADMIN);
    expect(errorCode(blocked)).toBe('CONTENT_REJECTED');
    expect((await find<Campaign>('campaigns', {}))[0].title).toBe(original.title);
    const badStage = { ...input(original), stages: original.stages.map((s, i) => (i === 0 ? { ...s, key: 'party' } : s)) };
    expect(errorCode(await emu.call('campaign', 'saveCampaign', { campaign: badStage }, ADMIN))).toBe('INVALID_ARGUMENT');
  });

  it('updates the active campaign in place; a passed deadline makes the pledge todos overdue', async () => {
    const t = await timelineOf(GS);
    const moved = input(original);
    // Round 1 ended yesterday, the pledge stage with it; review starts today.
    const yesterday = addDays(t.today, -1);
    moved.rounds = moved.rounds.map((r, i) => (i === 0 ? { ...r, deadline: yesterday } : r));
    moved.stages = moved.stages.map((s) =>
      s.key === 'pledge' ? { ...s, end: yesterday } : s.key === 'review' ? { ...s, start: t.today } : s,
    );
    const saved = okData(await emu.call<CampaignView>('campaign', 'saveCampaign', { campaign: moved }, ADMIN));
    expect(saved.id).toBe('campaign-demo');
    expect(await find<Campaign>('campaigns', {})).toHaveLength(1);
    const [entry] = await find<{ actor: string; before: Campaign; after: Campaign }>('audit', { action: 'saveCampaign' });
    expect(entry.actor).toBe(ADMIN);
    expect(entry.before.rounds[0].deadline).toBe(original.rounds[0].deadline);
    expect(entry.after.rounds[0].deadline).toBe(yesterday);

    const gs = await timelineOf(GS);
    expect(gs.currentStage).toBe('review');
    expect(gs.currentRound?.key).toBe('round-2');
    expect(gs.todos.find((x) => x.key === 'orgPledge:round-1:org-cs')).toMatchObject({ due: yesterday, overdue: true });

    const sec = await timelineOf(SECRETARY);
    expect(sec.todos.find((x) => x.key === 'orgPledge:round-1:org-cs-1')).toMatchObject({ overdue: true });
    // Signing moves on to the next round (signatures after a deadline are refused by the pledge function).
    expect(sec.todos.find((x) => x.key === 'sign:round-2')).toMatchObject({ overdue: false, due: original.rounds[1].deadline });

    okData(await emu.call('campaign', 'saveCampaign', { campaign: input(original) }, ADMIN));
    expect((await timelineOf(GS)).currentRound?.key).toBe('round-1');
  });

  it('answers NOT_FOUND when no campaign is active', async () => {
    await env.db
      .collection('campaigns')
      .doc('campaign-demo')
      .update({ data: { active: false } });
    const res = await emu.call('campaign', 'timeline', {}, MEMBER);
    expect(res.result).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '暂无进行中的活动' });
    // Saving creates a new active campaign.
    const created = okData(await emu.call<CampaignView>('campaign', 'saveCampaign', { campaign: input(original) }, ADMIN));
    expect(created.id).toBe('campaign-2');
    expect((await timelineOf(MEMBER)).campaign.id).toBe('campaign-2');
  });
});
