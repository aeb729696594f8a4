/** campaign.orgOverview (issue 9): the admin's 承诺概况 with drill-down and a leader's contact point, from the demo seed. */
import type { OrgOverview } from '../../types/campaign';
import { seededEmulator, errorCode, okData } from '../support/emulator';

const env = seededEmulator();
const { emu } = env;

const overview = (orgId: string, openid: string) =>
  emu.call<OrgOverview>('campaign', 'orgOverview', { orgId, roundKey: 'round-1' }, openid);

describe('campaign.orgOverview', () => {
  it('gives the committee its general branches, each with members, signatures and branches pledged; drill-down to a college', async () => {
    const items = {
      organisation: '每月召开一次支委会',
      education: '每周组织一次理论学习',
      activities: '每学期开展两次志愿服务',
      feedback: '每学期开展一次满意度调查',
    };
    okData(await emu.call('campaign', 'submitOrgPledge', { orgId: 'org-cs-1', roundKey: 'round-1', items }, 'demo-2023010101'));

    const root = await overview('org-committee', 'demo-admin');
    const top = okData(root);
    console.log(`campaign.orgOverview database requests (committee): ${root.dbRequests}`);
    expect(top.org).toMatchObject({ level: 'committee', memberCount: 200, pledge: null });
    expect(top.children.map((c) => c.name)).toEqual(['计算机学院团总支', '经济管理学院团总支', '外国语学院团总支']);
    expect(top.children.every((c) => c.level === 'general')).toBe(true);
    expect(top.children.reduce((n, c) => n + c.memberCount, 0)).toBe(200);
    const cs = top.children[0];
    expect(cs).toMatchObject({ children: 3, childrenPledged: 1 });

    const college = okData(await overview(cs.orgId, 'demo-general-cs'));
    const branch = college.children.find((c) => c.orgId === 'org-cs-1')!;
    expect(branch).toMatchObject({ level: 'branch', memberCount: 25, pledge: { version: 1, late: false } });
    expect(college.children.filter((c) => c.pledge).map((c) => c.orgId)).toEqual(['org-cs-1']);
  });

  it('a leader reads their contact point and nothing else; a member reads none', async () => {
    expect(okData(await overview('org-cs-1', 'demo-leader-1')).org).toMatchObject({ name: '计科2301班团支部', memberCount: 25 });
    expect(errorCode(await overview('org-fl-1', 'demo-leader-1'))).toBe('FORBIDDEN');
    expect(errorCode(await overview('org-cs-1', 'demo-2023010104'))).toBe('FORBIDDEN');
  });
});
