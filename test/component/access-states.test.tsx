/**
 * Pages show a caller the server would refuse their own state (a reason and a way onward), not a form
 * the server would refuse: the gate is useAccess over system.whoami.
 */
import { render, waitFor } from '@testing-library/react';
import CampaignPage from '../../src/package-admin/campaign';
import CheckInPage from '../../src/package-fulfil/checkin';
import PostPage from '../../src/package-fulfil/post';
import ReportPage from '../../src/package-fulfil/report';
import { configureHttp } from '../../src/services/cloud';
import type { OrgDetail } from '../../types/org';
import type { WhoAmI } from '../../types/system';
import { ADMIN, SECRETARY, UNBOUND } from '../fixtures/whoami';
import { startApiServer, type ApiServer } from './api-server';
import { byId, failure, success } from './helpers';
import { setRouterParams } from './taro-shim';

const BRANCH: OrgDetail = {
  org: { id: 'b', name: '计算机2101团支部', level: 'branch', parentId: 'g', archived: false },
  ancestors: [
    { id: 'c', name: '校团委', level: 'committee', parentId: null, archived: false },
    { id: 'g', name: '计算机学院团总支', level: 'general', parentId: 'c', archived: false },
  ],
  children: [],
  memberCount: 30,
  roles: [],
};
const MEMBER: WhoAmI = { ...SECRETARY, isCadre: false, post: null, roles: [{ role: 'member', orgId: 'b', orgName: BRANCH.org.name }] };
const LEADER: WhoAmI = { ...ADMIN, name: '李老师', roles: [{ role: 'leader', orgId: 'b', orgName: BRANCH.org.name }] };

let server: ApiServer;
beforeEach(async () => {
  server = await startApiServer();
  configureHttp({ baseUrl: server.baseUrl });
  server.handle('/api/functions/org', success(BRANCH));
  // Own reports of staff are refused as the server does (no roster entry).
  server.handle('/api/functions/fulfil', failure('NOT_BOUND', '请先完成实名绑定'));
});
afterEach(async () => {
  await server.close();
});

const as = (me: WhoAmI) => server.handle('/api/functions/system', success(me));
const text = () => document.body.textContent ?? '';
const actions = () => server.received.map((r) => (r.body as { action: string }).action);

test('发布活动: a member is sent to 践诺打卡, a leader to the feed, the unbound to 去绑定; a secretary gets the form', async () => {
  setRouterParams({ orgId: 'b', roundKey: 'round-1' });
  as(MEMBER);
  const member = render(<PostPage />);
  await waitFor(() => expect(byId('not-allowed-onward')?.textContent).toBe('去践诺打卡'));
  expect(text()).toContain('发布活动由书记办理');
  expect(byId('post-title')).toBeNull();
  member.unmount();

  as(LEADER);
  const leader = render(<PostPage />);
  await waitFor(() => expect(byId('not-allowed-onward')?.textContent).toBe('查看践诺动态'));
  leader.unmount();

  as(UNBOUND);
  server.handle('/api/functions/org', failure('NOT_BOUND', '请先完成实名绑定'));
  const visitor = render(<PostPage />);
  await waitFor(() => expect(byId('not-allowed-onward')?.textContent).toBe('去绑定'));
  expect(text()).toContain('请先完成实名绑定');
  visitor.unmount();

  as(SECRETARY);
  server.handle('/api/functions/org', success(BRANCH));
  render(<PostPage />);
  await waitFor(() => expect(byId('post-title')).not.toBeNull());
  expect(actions()).not.toContain('postActivity');
});

test('活动设置: anyone but the admin learns who keeps it and where the schedule shows', async () => {
  as(SECRETARY);
  render(<CampaignPage />);
  await waitFor(() => expect(byId('not-allowed-onward')?.textContent).toBe('查看活动安排'));
  expect(text()).toContain('活动设置由校团委管理员维护');
  expect(byId('campaign-save')).toBeNull();
  expect(actions()).not.toContain('timeline');
});

test('践诺打卡 and the own report: staff learn they are members’ own and where to go, not “please bind”', async () => {
  setRouterParams({ roundKey: 'round-1' });
  as(LEADER);
  const checkin = render(<CheckInPage />);
  await waitFor(() => expect(byId('not-allowed-onward')?.textContent).toBe('查看践诺动态'));
  expect(text()).toContain('践诺打卡是团员本人的记录');
  expect(text()).not.toContain('请先完成实名绑定');
  checkin.unmount();

  render(<ReportPage />);
  await waitFor(() => expect(byId('not-allowed-onward')?.textContent).toBe('查看承诺践诺报告'));
  expect(text()).toContain('这里是团员本人的承诺践诺情况');
  expect(text()).not.toContain('请先完成实名绑定');
});
