/** 本地消息 (package-local/inbox) against a real HTTP server: session → inbox, newest first, tap opens the page (routes.openPage), empty, errors. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import InboxPage from '../../src/package-local/inbox';
import MinePage from '../../src/pages/mine';
import type { LocalInboxMessage } from '../../types/app';
import { apiServerPerTest, byId, success } from './helpers';
import { navigateTo, switchTab } from './taro-shim';

const server = apiServerPerTest();

beforeEach(async () => {
  switchTab.mockClear();
});

const base = { touser: 'o-demo', miniprogramState: 'developer', lang: 'zh_CN' };
const older: LocalInboxMessage = {
  ...base,
  msgid: 'm-1',
  templateId: 'tmpl-sign-reminder',
  page: 'package-pledge/sign/index?scene=k%3DAbC',
  data: { thing1: { value: '四带头承诺签名' }, time2: { value: '2026-11-20 18:00' } },
  sentAt: '2026-11-14T02:00:00.000Z',
};
const newer: LocalInboxMessage = {
  ...base,
  msgid: 'm-2',
  templateId: 'tmpl-todo',
  page: 'pages/home/index?from=msg',
  data: { thing1: { value: '群众评议已开始' }, number2: { value: 3 } },
  sentAt: '2026-11-15T16:30:05.000Z',
};

test('lists the signed-in identity’s messages newest first; tapping opens the page', async () => {
  server.handle('/api/local/session', { body: { openid: 'o-demo' } });
  server.handle('/api/_emulator/inbox', { body: { messages: [older, newer] } });
  render(<InboxPage />);
  await waitFor(() => expect(document.querySelectorAll('.inbox-message')).toHaveLength(2));

  expect(byId('inbox-page')).not.toBeNull();
  expect(byId('local-mode-banner')?.textContent).toContain('本地模式 · 模拟订阅消息');
  // The banner reads the emulator clock too (its shift shows wherever local mode is marked).
  expect(server.received.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
    'GET /api/_emulator/clock',
    'GET /api/_emulator/inbox?touser=o-demo',
    'GET /api/local/session',
  ]);

  const [first, second] = Array.from(document.querySelectorAll('.inbox-message')) as HTMLElement[];
  expect(first.querySelector('.inbox-template')?.textContent).toBe('tmpl-todo');
  // 16:30:05Z is 00:30:05 the next day in Shanghai.
  expect(first.querySelector('.inbox-time')?.textContent).toBe('2026-11-16 00:30:05');
  expect(Array.from(first.querySelectorAll('.inbox-field')).map((el) => el.textContent)).toEqual(['thing1: 群众评议已开始', 'number2: 3']);
  expect(first.querySelector('.inbox-page-link')?.textContent).toContain('pages/home/index?from=msg');
  expect(second.querySelector('.inbox-template')?.textContent).toBe('tmpl-sign-reminder');
  expect(second.querySelector('.inbox-time')?.textContent).toBe('2026-11-14 10:00:00');

  fireEvent.click(first);
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  fireEvent.click(second);
  expect(navigateTo).toHaveBeenCalledWith({ url: '/package-pledge/sign/index?scene=k%3DAbC' });
  expect(byId('inbox-empty')).toBeNull();
});

test('no messages: the empty state', async () => {
  server.handle('/api/local/session', { body: { openid: 'o-demo' } });
  server.handle('/api/_emulator/inbox', { body: { messages: [] } });
  render(<InboxPage />);
  await waitFor(() => expect(byId('inbox-empty')).not.toBeNull());
  expect(byId('inbox-empty')?.textContent).toContain('暂无消息');
  expect(byId('inbox-empty')?.textContent).toContain('云函数发送的订阅消息会显示在这里');
  expect(document.querySelectorAll('.inbox-message')).toHaveLength(0);
});

test('signed out: 请先登录 without asking for the inbox; a server error can be retried', async () => {
  server.handle('/api/local/session', { body: { openid: null } });
  render(<InboxPage />);
  await screen.findByText('请先登录');
  expect(server.received.map((r) => r.url).sort()).toEqual(['/api/_emulator/clock', '/api/local/session']);

  server.handle('/api/local/session', { body: { openid: 'o-demo' } });
  server.handle('/api/_emulator/inbox', { status: 500, raw: 'boom' });
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('服务器开小差了，请稍后再试');

  server.handle('/api/_emulator/inbox', { body: { messages: [newer] } });
  fireEvent.click(screen.getByText('重试'));
  await waitFor(() => expect(document.querySelectorAll('.inbox-message')).toHaveLength(1));
});

test('我的 (local mode) has a 本地消息 entry that opens the inbox', async () => {
  server.handle(
    '/api/functions/system',
    success({ bound: false, name: null, studentNo: null, isCadre: false, post: null, orgPath: [], roles: [] }),
  );
  render(<MinePage />);
  await waitFor(() => expect(byId('mine-entry-inbox')).not.toBeNull());
  fireEvent.click(byId('mine-entry-inbox') as HTMLElement);
  expect(navigateTo).toHaveBeenCalledWith({ url: '/package-local/inbox/index' });
});
