/**
 * 进度看板 (package-dashboard): the caller's screen with bars, lagging rows first, drill-down and back;
 * a leader picks a contact point; loading, empty, error and not-allowed states.
 */
import { fireEvent, render, waitFor } from '@testing-library/react';
import DashboardPage from '../../src/package-dashboard/progress';
import { emptyCounts, type DashboardHome, type DashboardView, type RollupView } from '../../types/dashboard';
import type { WhoAmI } from '../../types/system';
import { ADMIN, SECRETARY, UNBOUND } from '../fixtures/whoami';
import { apiServerPerTest, byId, failure, success } from './helpers';

const server = apiServerPerTest();

const row = (
  orgId: string,
  name: string,
  level: RollupView['level'],
  score: number,
  over: Partial<RollupView['counts']> = {},
): RollupView => ({
  orgId,
  name,
  level,
  parentId: null,
  ancestors: [],
  roundKey: 'round-1',
  counts: { ...emptyCounts(), members: 40, signed: Math.round(40 * score), orgsDue: 4, orgsPledged: 2, ...over },
  score,
  changedAt: '2026-05-01T02:03:00.000Z',
});
const COMMITTEE: DashboardView = {
  org: row('c', '校团委', 'committee', 0.55),
  children: [row('g2', '外国语学院团总支', 'general', 0.3), row('g1', '计算机学院团总支', 'general', 0.8)],
  lagging: [row('b9', '英语2302班团支部', 'branch', 0.1)],
};
const COLLEGE: DashboardView = {
  org: row('g2', '外国语学院团总支', 'general', 0.3),
  children: [row('b9', '英语2302班团支部', 'branch', 0.1)],
  lagging: [],
};
const text = () => document.body.textContent ?? '';
const as = (me: WhoAmI) => server.handle('/api/functions/system', success(me));

test('the admin sees the committee: bars per metric, lagging branches and children, drill-down and back', async () => {
  as(ADMIN);
  server.handle('/api/functions/dashboard', (body) => {
    const { action, payload } = body as { action: string; payload: { orgId?: string } };
    if (action === 'home') return success<DashboardHome>({ roots: [COMMITTEE.org], view: COMMITTEE });
    if (action === 'exportList') return success({ fileID: 'cloud://f', url: 'http://x/f.xlsx', fileName: 'f.xlsx', rows: 3, bytes: 9 });
    return payload.orgId === 'g2' ? success(COLLEGE) : failure('NOT_FOUND', '不存在');
  });
  render(<DashboardPage />);
  await waitFor(() => expect(byId('dashboard-head')?.textContent).toContain('校团委'));
  expect(byId('dashboard-metric-signing')?.textContent).toContain('22/40 · 55%');
  expect((byId('dashboard-metric-orgPledge')?.querySelector('.dashboard-bar-fill') as HTMLElement).style.width).toBe('50%');
  expect(byId('dashboard-lagging')?.textContent).toContain('英语2302班团支部');
  const names = [...document.querySelectorAll('#dashboard-children .dashboard-row-name')].map((e) => e.textContent);
  expect(names).toEqual(['外国语学院团总支', '计算机学院团总支']);

  // Exports: every list for the admin; a tap asks for the file and opens it (a new tab in H5).
  expect([...document.querySelectorAll('.dashboard-export')].map((e) => e.textContent)).toEqual([
    '团员名单',
    '四带头签署情况',
    '活动记录',
    '践诺打卡',
    '评诺结果',
    '督促检查记录',
    '限期整改',
  ]);
  const opened = jest.spyOn(window, 'open').mockImplementation(() => null);
  fireEvent.click(byId('dashboard-export-signing') as HTMLElement);
  await waitFor(() => expect(opened).toHaveBeenCalled());
  expect(server.received.map((r) => r.body)).toContainEqual({
    action: 'exportList',
    payload: { orgId: 'c', list: 'signing', roundKey: 'round-1' },
  });

  fireEvent.click(byId('dashboard-row-g2') as HTMLElement);
  await waitFor(() => expect(byId('dashboard-head')?.textContent).toContain('外国语学院团总支'));
  fireEvent.click(byId('dashboard-back') as HTMLElement);
  await waitFor(() => expect(byId('dashboard-head')?.textContent).toContain('校团委'));
});

test('a leader with several contact points picks one; no data yet is an empty state; a failure offers 重试', async () => {
  as({
    ...ADMIN,
    roles: [
      { role: 'leader', orgId: 'g1', orgName: '计算机学院团总支' },
      { role: 'leader', orgId: 'g2', orgName: '外国语学院团总支' },
    ],
  });
  server.handle('/api/functions/dashboard', (body) =>
    (body as { action: string }).action === 'home'
      ? success<DashboardHome>({ roots: [COMMITTEE.children[1], COMMITTEE.children[0]], view: null })
      : success(COLLEGE),
  );
  const leader = render(<DashboardPage />);
  await waitFor(() => expect(byId('dashboard-roots')).not.toBeNull());
  expect([...document.querySelectorAll('#dashboard-roots .dashboard-row-name')].map((e) => e.textContent)).toEqual([
    '外国语学院团总支',
    '计算机学院团总支',
  ]);
  fireEvent.click(byId('dashboard-root-g2') as HTMLElement);
  await waitFor(() => expect(byId('dashboard-head')?.textContent).toContain('外国语学院团总支'));
  // A leader exports what they follow, not the roster (names and student numbers stay with secretaries).
  expect(byId('dashboard-export-activities')).not.toBeNull();
  expect(byId('dashboard-export-roster')).toBeNull();
  leader.unmount();

  as(SECRETARY);
  server.handle('/api/functions/dashboard', success<DashboardHome>({ roots: [], view: null }));
  const empty = render(<DashboardPage />);
  await waitFor(() => expect(text()).toContain('暂无进度数据'));
  empty.unmount();

  server.handle('/api/functions/dashboard', failure('INTERNAL', '服务器开小差了'));
  render(<DashboardPage />);
  await waitFor(() => expect(document.querySelector('.page-frame-retry')).not.toBeNull());
});

test('a member is told who sees it; the unbound are sent to bind', async () => {
  as({ ...SECRETARY, roles: [{ role: 'member', orgId: 'b', orgName: '计算机2101团支部' }] });
  const member = render(<DashboardPage />);
  await waitFor(() => expect(byId('not-allowed-onward')?.textContent).toBe('返回我的'));
  expect(text()).toContain('进度看板向校团委');
  member.unmount();

  as(UNBOUND);
  render(<DashboardPage />);
  await waitFor(() => expect(byId('not-allowed-onward')?.textContent).toBe('去绑定'));
  expect(server.received.some((r) => r.url.includes('dashboard'))).toBe(false);
});
