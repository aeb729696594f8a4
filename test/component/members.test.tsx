/** 花名册 page in jsdom against a real HTTP server: paging with 加载更多, search, release with confirmation. */
import { render, waitFor } from '@testing-library/react';
import RosterMembersPage from '../../src/package-admin/members';
import type { OrgDetail } from '../../types/org';
import type { MemberView } from '../../types/roster';
import { ADMIN, SECRETARY } from '../fixtures/whoami';
import { apiServerPerTest, byId, click, memberView, success, typeInto } from './helpers';
import { setRouterParams, showModal } from './taro-shim';

const member = (i: number): MemberView =>
  memberView({ id: `m-${2023010100 + i}`, studentNo: String(2023010100 + i), name: `团员${i}`, bound: i === 1 });
const ALL = Array.from({ length: 75 }, (_, i) => member(i + 1));

/** The roster's org, under the root 'c' (the admin's grant) and the college 'g'. */
const BRANCH: OrgDetail = {
  org: { id: 'org-cs-1', name: '计科2301班团支部', level: 'branch', parentId: 'g', archived: false },
  ancestors: [
    { id: 'c', name: '校团委', level: 'committee', parentId: null, archived: false },
    { id: 'g', name: '计算机学院团总支', level: 'general', parentId: 'c', archived: false },
  ],
  children: [],
  memberCount: 75,
  roles: [],
};

const server = apiServerPerTest();

beforeEach(async () => {
  setRouterParams({ orgId: 'org-cs-1' });
  server.handle('/api/functions/system', success(ADMIN));
  server.handle('/api/functions/org', success(BRANCH));
  server.handle('/api/functions/account', (body) => {
    const { action } = body as { action: string };
    return action === 'releaseRequests' ? success([]) : success({ released: true });
  });
  server.handle('/api/functions/roster', (body) => {
    const { payload } = body as { payload: { keyword?: string; skip?: number; limit?: number } };
    const list = payload.keyword ? ALL.filter((m) => m.name === payload.keyword || m.studentNo === payload.keyword) : ALL;
    const skip = payload.skip ?? 0;
    const limit = payload.limit ?? 30;
    const items = list.slice(skip, skip + limit);
    return success({ items, total: list.length, nextSkip: skip + limit < list.length ? skip + limit : null });
  });
});

const rows = () => document.querySelectorAll('.member-row').length;

test('pages through every member with 加载更多', async () => {
  render(<RosterMembersPage />);
  await waitFor(() => expect(rows()).toBe(30));
  expect(byId('members-total')?.textContent).toBe('共 75 人');
  click('members-more');
  await waitFor(() => expect(rows()).toBe(60));
  click('members-more');
  await waitFor(() => expect(rows()).toBe(75));
  expect(byId('members-more')).toBeNull();
  expect(byId('members-end')?.textContent).toBe('已全部加载');
  const skips = server.received
    .filter((r) => r.url === '/api/functions/roster')
    .map((r) => (r.body as { payload: { skip: number } }).payload.skip);
  expect(skips).toEqual([0, 30, 60]);
});

test('search by 学号 sends the keyword; release asks first', async () => {
  render(<RosterMembersPage />);
  await waitFor(() => expect(rows()).toBe(30));
  await typeInto('members-search', '2023010101');
  click('members-search-button');
  await waitFor(() => expect(byId('members-total')?.textContent).toBe('“2023010101” 共 1 人'));
  expect(rows()).toBe(1);

  showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: false } as never);
  (document.querySelector('.member-release') as HTMLElement).click();
  await waitFor(() => expect(showModal).toHaveBeenCalled());
  expect(server.received.some((r) => (r.body as { action?: string } | null)?.action === 'release')).toBe(false);

  showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: true } as never);
  (document.querySelector('.member-release') as HTMLElement).click();
  await waitFor(() => expect(document.querySelector('.member-release')).toBeNull());
  expect(server.received.find((r) => (r.body as { action?: string } | null)?.action === 'release')?.body).toEqual({
    action: 'release',
    payload: { memberId: 'm-2023010101' },
  });
});

test('a leader reads a contact point’s roster without the secretaries’ edits; its secretary gets them', async () => {
  server.handle(
    '/api/functions/system',
    success({ ...ADMIN, name: '李老师', roles: [{ role: 'leader', orgId: 'org-cs-1', orgName: '计科2301班团支部' }] }),
  );
  const leader = render(<RosterMembersPage />);
  await waitFor(() => expect(rows()).toBe(30));
  await waitFor(() => expect(server.received.some((r) => (r.body as { action: string }).action === 'whoami')).toBe(true));
  expect(document.querySelectorAll('.member-set-cadre, .member-release')).toHaveLength(0);
  expect([byId('members-import'), byId('members-export'), byId('release-requests')]).toEqual([null, null, null]);
  expect(server.received.map((r) => (r.body as { action: string }).action)).not.toContain('releaseRequests');
  leader.unmount();

  server.handle(
    '/api/functions/system',
    success({ ...SECRETARY, roles: [{ role: 'secretary', orgId: 'org-cs-1', orgName: '计科2301班团支部' }] }),
  );
  render(<RosterMembersPage />);
  await waitFor(() => expect(document.querySelectorAll('.member-set-cadre')).toHaveLength(30));
  expect(byId('members-import')).not.toBeNull();
  expect(byId('members-export')).not.toBeNull();
});
