/**
 * 动员部署 plans and meetings, 四好 org pledges (edit history, late marking, who may read), through the
 * real router, wx-server-sdk, content security and storage of the emulator with the seeded demo.
 */
import type { MeetingView, OrgPledgeView, PlanView, Timeline } from '../../types/campaign';
import type { FourGood, OrgPledge, Plan } from '../../types/models';
import { addDays } from '../../types/time';
import { seededEmulator, okData, errorCode, ADMIN, GS, SECRETARY, MEMBER, LEADER } from '../support/emulator';
import { campaignInput as input, orgPledgeItems as items, submitOrgPledge } from '../fixtures/campaign';

const env = seededEmulator();
const { emu, find } = env;

const GS_EM = 'demo-general-em';

async function upload(name: string): Promise<string> {
  const res = (await env.sdk.uploadFile({ cloudPath: `campaign-test/${name}`, fileContent: Buffer.from(`file ${name}`) })) as {
    fileID: string;
  };
  return res.fileID;
}

describe('plans', () => {
  it('publishes the committee plan and a college plan under it, with attachment URLs, and audits', async () => {
    const file = await upload('plan.pdf');
    const committee = okData(
      await emu.call<PlanView>(
        'campaign',
        'publishPlan',
        { orgId: 'org-committee', title: '校团委实施方案', body: '全校动员，分两个阶段推进。', attachments: [file] },
        ADMIN,
      ),
    );
    expect(committee).toMatchObject({
      id: 'campaign-demo:org-committee',
      orgName: '校团委',
      attachments: [{ fileID: file, url: expect.stringContaining('/storage/campaign-test/plan.pdf') }],
    });
    const college = okData(
      await emu.call<PlanView>(
        'campaign',
        'publishPlan',
        { orgId: 'org-cs', title: '计算机学院实施方案', body: '学院各支部两周内完成公开承诺。', attachments: [] },
        GS,
      ),
    );
    expect(college.id).toBe('campaign-demo:org-cs');
    const [stored] = await find<Plan>('plans', { _id: 'campaign-demo:org-cs' });
    expect(stored).toMatchObject({ parentOrgId: 'org-committee', publishedBy: GS, campaignId: 'campaign-demo' });
    expect(await find('audit', { action: 'publishPlan', target: 'campaign-demo:org-cs' })).toHaveLength(1);

    // The plans of a branch's lineage, committee first; members of the branch read them too.
    const seen = okData(await emu.call<PlanView[]>('campaign', 'plans', { orgId: 'org-cs-1' }, MEMBER));
    expect(seen.map((p) => p.orgId)).toEqual(['org-committee', 'org-cs']);
    expect(seen[1].orgName).toBe('计算机学院团总支');
    expect(seen[0].attachments[0].url).toContain('sign=');
    // The college's todos no longer ask for the plan.
    const t = okData(await emu.call<Timeline>('campaign', 'timeline', {}, GS));
    expect(t.todos.map((x) => x.key)).not.toContain('plan:org-cs');
  });

  it('refuses secretaries, other colleges, branches, blocked words (nothing stored) and too many files', async () => {
    const body = { title: '方案', body: '内容', attachments: [] };
    expect(errorCode(await emu.call('campaign', 'publishPlan', { orgId: 'org-cs-1', ...body }, SECRETARY))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('campaign', 'publishPlan', { orgId: 'org-cs', ...body }, SECRETARY))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('campaign', 'publishPlan', { orgId: 'org-em', ...body }, GS))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('campaign', 'publishPlan', { orgId: 'org-committee', ...body }, GS))).toBe('FORBIDDEN');
    expect((await emu.call('campaign', 'publishPlan', { orgId: 'org-cs-1', ...body }, GS)).result).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      field: 'orgId',
    });
    const rejected = await emu.call(
      'campaign',
      'publishPlan',
      { orgId: 'org-em', title: '经管方案', body: '这里有违禁词', attachments: [] },
      GS_EM,
    );
    expect(rejected.result).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' });
    expect(await find('plans', { orgId: 'org-em' })).toHaveLength(0);
    expect(await find('audit', { action: 'publishPlan', target: 'campaign-demo:org-em' })).toHaveLength(0);
    const many = Array.from({ length: 10 }, (_, i) => `cloud://local.6c6f-local-1300000000/x/${i}.png`);
    expect(errorCode(await emu.call('campaign', 'publishPlan', { orgId: 'org-em', title: 't', body: 'b', attachments: many }, GS_EM))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCode(await emu.call('campaign', 'plans', { orgId: 'org-em-1' }, MEMBER))).toBe('FORBIDDEN');
  });
});

describe('meetings', () => {
  it('records meetings with photos and lists them newest first', async () => {
    const photo = await upload('meeting.jpg');
    const first = okData(
      await emu.call<MeetingView>(
        'campaign',
        'recordMeeting',
        { orgId: 'org-cs', date: '2026-03-01', place: '计算机楼报告厅', attendance: 120, summary: '学院动员部署会。', photos: [photo] },
        GS,
      ),
    );
    expect(first.photos).toEqual([{ fileID: photo, url: expect.stringContaining('meeting.jpg') }]);
    okData(
      await emu.call(
        'campaign',
        'recordMeeting',
        { orgId: 'org-cs', date: '2026-03-10', place: '线上', attendance: 80, summary: '第二次推进会。', photos: [] },
        ADMIN,
      ),
    );
    const list = okData(await emu.call<MeetingView[]>('campaign', 'meetings', { orgId: 'org-cs' }, GS));
    expect(list.map((m) => m.date)).toEqual(['2026-03-10', '2026-03-01']);
    expect(list[1].photos[0].url).toContain('meeting.jpg');
    expect(await find('audit', { action: 'recordMeeting' })).toHaveLength(2);
    const t = okData(await emu.call<Timeline>('campaign', 'timeline', {}, GS));
    expect(t.todos.map((x) => x.key)).not.toContain('meeting:org-cs');
  });

  it('validates the fields and refuses blocked words and other colleges', async () => {
    const ok = { orgId: 'org-cs-1', date: '2026-03-02', place: '教室', attendance: 25, summary: '支部会议', photos: [] };
    okData(await emu.call('campaign', 'recordMeeting', ok, SECRETARY));
    for (const bad of [
      { date: '2026-02-30' },
      { place: '地'.repeat(51) },
      { attendance: 1.5 },
      { attendance: 100_001 },
      { summary: '字'.repeat(2001) },
    ]) {
      expect(errorCode(await emu.call('campaign', 'recordMeeting', { ...ok, ...bad }, SECRETARY))).toBe('INVALID_ARGUMENT');
    }
    expect(errorCode(await emu.call('campaign', 'recordMeeting', { ...ok, summary: '讨论赌博问题' }, SECRETARY))).toBe('CONTENT_REJECTED');
    expect(errorCode(await emu.call('campaign', 'recordMeeting', { ...ok, orgId: 'org-em-1' }, SECRETARY))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('campaign', 'recordMeeting', ok, LEADER))).toBe('FORBIDDEN');
    expect(await find('meetings', { orgId: 'org-cs-1' })).toHaveLength(1);
    // Leaders read their contact points' meetings; members do not.
    expect(okData(await emu.call<MeetingView[]>('campaign', 'meetings', { orgId: 'org-cs-1' }, LEADER))).toHaveLength(1);
    expect(errorCode(await emu.call('campaign', 'meetings', { orgId: 'org-cs-1' }, MEMBER))).toBe('FORBIDDEN');
  });
});

describe('四好 org pledges', () => {
  const submit = (orgId: string, tag: string, openid: string) => submitOrgPledge(emu, orgId, tag, openid);

  it('submits for a college and a branch; an edit keeps the earlier version in history', async () => {
    const college = okData(await submit('org-cs', '学院', GS));
    expect(college).toMatchObject({ id: 'campaign-demo:round-1:org-cs', version: 1, late: false, orgName: '计算机学院团总支' });
    const v1 = okData(await submit('org-cs-1', '初稿', SECRETARY));
    expect(v1.version).toBe(1);
    const v2 = okData(await submit('org-cs-1', '修改', SECRETARY));
    expect(v2).toMatchObject({ id: v1.id, version: 2, items: items('修改') });
    const [stored] = await find<OrgPledge>('orgPledges', { _id: v1.id });
    expect(stored.history).toHaveLength(1);
    expect(stored.history[0]).toMatchObject({ items: items('初稿'), by: SECRETARY });
    expect(stored.orgAncestors).toEqual(['org-committee', 'org-cs']);
    const history = okData(
      await emu.call<{ items: Record<FourGood, string>; at: string }[]>(
        'campaign',
        'orgPledgeHistory',
        { orgId: 'org-cs-1', roundKey: 'round-1' },
        MEMBER,
      ),
    );
    expect(history.map((h) => h.items.organisation)).toEqual([items('修改').organisation, items('初稿').organisation]);
    expect(await find('audit', { action: 'submitOrgPledge', target: v1.id })).toHaveLength(2);

    const sec = okData(await emu.call<Timeline>('campaign', 'timeline', {}, SECRETARY));
    expect(sec.todos.map((x) => x.key)).not.toContain('orgPledge:round-1:org-cs-1');
  });

  it('is public to the subtree: a member reads their branch and college pledges, not another college', async () => {
    const list = okData(await emu.call<OrgPledgeView[]>('campaign', 'orgPledges', { orgId: 'org-cs-1', roundKey: 'round-1' }, MEMBER));
    expect(list.map((p) => p.orgId)).toEqual(['org-cs', 'org-cs-1']);
    expect(list[1].version).toBe(2);
    expect(errorCode(await emu.call('campaign', 'orgPledges', { orgId: 'org-em-1', roundKey: 'round-1' }, MEMBER))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('campaign', 'orgPledges', { orgId: 'org-em', roundKey: 'round-1' }, MEMBER))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('campaign', 'orgPledgeHistory', { orgId: 'org-em-1', roundKey: 'round-1' }, MEMBER))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('campaign', 'orgPledges', { orgId: 'org-cs-1', roundKey: 'round-9' }, MEMBER))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('refuses the wrong writer, level, round, lengths and blocked words without writing', async () => {
    const call = (openid: string, p: Record<string, unknown>) =>
      emu.call('campaign', 'submitOrgPledge', { orgId: 'org-cs-2', roundKey: 'round-1', items: items('测试'), ...p }, openid);
    expect(errorCode(await call(MEMBER, {}))).toBe('FORBIDDEN');
    expect(errorCode(await call(SECRETARY, {}))).toBe('FORBIDDEN'); // another branch
    expect(errorCode(await call(GS, {}))).toBe('FORBIDDEN'); // a branch's pledge is its secretary's
    expect(errorCode(await call(GS, { orgId: 'org-cs-1-g1' }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(await call(ADMIN, { orgId: 'org-committee' }))).toBe('INVALID_ARGUMENT');
    expect((await call(ADMIN, { roundKey: 'round-9' })).result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'roundKey' });
    expect((await call(ADMIN, { items: { ...items('x'), education: '太短' } })).result).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      field: 'items.education',
    });
    expect(errorCode(await call(ADMIN, { items: { ...items('x'), extra: '多余的一项内容' } }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(await call(ADMIN, { items: { ...items('x'), feedback: '组织团员参与赌博活动' } }))).toBe('CONTENT_REJECTED');
    expect(await find('orgPledges', { orgId: 'org-cs-2' })).toHaveLength(0);
  });

  it('after the deadline a pledge is accepted and marked late, an edit too', async () => {
    const original = okData(await emu.call<Timeline>('campaign', 'timeline', {}, ADMIN));
    const moved = input(original.campaign);
    const yesterday = addDays(original.today, -1);
    moved.rounds = moved.rounds.map((r, i) => (i === 0 ? { ...r, deadline: yesterday } : r));
    moved.stages = moved.stages.map((s) =>
      s.key === 'pledge' ? { ...s, end: yesterday } : s.key === 'review' ? { ...s, start: original.today } : s,
    );
    okData(await emu.call('campaign', 'saveCampaign', { campaign: moved }, ADMIN));

    const late = okData(await submit('org-cs-2', '迟交', ADMIN));
    expect(late).toMatchObject({ late: true, version: 1 });
    const edited = okData(await submit('org-cs', '学院修改', GS));
    expect(edited).toMatchObject({ late: true, version: 2 });
    const [stored] = await find<OrgPledge>('orgPledges', { _id: 'campaign-demo:round-1:org-cs-2' });
    expect(stored.late).toBe(true);

    okData(await emu.call('campaign', 'saveCampaign', { campaign: input(original.campaign) }, ADMIN));
  });
});
