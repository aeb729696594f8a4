/** 我的 page in jsdom, talking to a real HTTP server through the H5 cloud client. */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import MinePage from '../../src/pages/mine';
import { SECRETARY, UNBOUND } from '../fixtures/whoami';
import { emitDidShow, navigateTo } from './taro-shim';
import { envelope } from './api-server';
import { apiServerPerTest, byId } from './helpers';

const bound = SECRETARY;
const unbound = UNBOUND;

const server = apiServerPerTest();

test('shows name, 学号, org path and role tags from system.whoami', async () => {
  server.handle('/api/functions/system', { body: envelope(bound) });
  render(<MinePage />);
  await waitFor(() => expect(byId('whoami-name')?.textContent).toBe('张敏'));
  expect(byId('whoami-student-no')?.textContent).toBe('学号 2021010203');
  expect(byId('whoami-org-path')?.textContent).toBe('校团委 / 计算机学院团总支 / 计算机2101团支部');
  const roles = Array.from(document.querySelectorAll('.whoami-role')).map((el) => el.textContent);
  expect(roles).toEqual(['团支部书记 · 计算机2101团支部', '团员']);
  expect(screen.getByText('团支书')).toBeTruthy();
  expect(byId('local-sign-out')).not.toBeNull();
  expect(server.received[0].body).toEqual({ action: 'whoami', payload: {} });
});

test('not bound: 未绑定 and a hint', async () => {
  server.handle('/api/functions/system', { body: envelope(unbound) });
  render(<MinePage />);
  await waitFor(() => expect(byId('whoami-name')?.textContent).toBe('未绑定'));
  expect(byId('whoami-unbound')?.textContent).toContain('学号和姓名');
  expect(byId('whoami-org-path')).toBeNull();
});

test('UNAUTHENTICATED in H5 goes to the local login page', async () => {
  server.handle('/api/functions/system', {
    body: { result: { ok: false, code: 'UNAUTHENTICATED', message: '请先登录', requestId: 'r' }, requestId: 'r' },
  });
  render(<MinePage />);
  await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/local-login/index' }));
});

test('an error shows its message; 重试 loads again; showing the tab again refreshes', async () => {
  server.handle('/api/functions/system', {
    body: { result: { ok: false, code: 'INTERNAL', message: '', requestId: 'req-9' }, requestId: 'req-9' },
  });
  render(<MinePage />);
  await screen.findByText('服务器开小差了，请稍后再试');
  expect(navigateTo).not.toHaveBeenCalled();

  server.handle('/api/functions/system', { body: envelope(unbound) });
  fireEvent.click(screen.getByText('重试'));
  await waitFor(() => expect(byId('whoami-name')?.textContent).toBe('未绑定'));

  server.handle('/api/functions/system', { body: envelope(bound) });
  act(() => emitDidShow());
  await waitFor(() => expect(byId('whoami-name')?.textContent).toBe('张敏'));
  // The local-mode note also reads the emulator clock (GET /api/_emulator/clock); count the function calls.
  expect(server.received.filter((r) => r.url === '/api/functions/system')).toHaveLength(3);
});

test('服务状态 calls system.ping', async () => {
  server.handle('/api/functions/system', (body) =>
    (body as { action: string }).action === 'ping'
      ? { body: envelope({ pong: true, serverTime: '2026-01-01T00:00:00.000Z' }) }
      : { body: envelope(bound) },
  );
  render(<MinePage />);
  await waitFor(() => expect(byId('whoami-name')?.textContent).toBe('张敏'));
  fireEvent.click(byId('system-ping') as HTMLElement);
  await waitFor(() => expect(byId('system-ping-result')?.textContent).toMatch(/^正常/));
  const calls = server.received.filter((r) => r.url === '/api/functions/system');
  expect(calls.map((r) => (r.body as { action: string }).action)).toEqual(['whoami', 'ping']);
});
