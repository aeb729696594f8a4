/** 实名绑定 page in jsdom against a real HTTP server: server messages in Chinese, CONFLICT → 申请解绑. */
import { render, waitFor } from '@testing-library/react';
import BindPage from '../../src/pages/bind';
import { apiServerPerTest, byId, click, failure, success, typeInto } from './helpers';
import { navigateBack } from './taro-shim';

const server = apiServerPerTest();

beforeEach(async () => {
  navigateBack.mockClear();
});

const actions = () => server.received.map((r) => (r.body as { action: string }).action);

test('empty fields are refused before any request', async () => {
  render(<BindPage />);
  click('bind-submit');
  await waitFor(() => expect(byId('bind-error')?.textContent).toBe('请填写学号和姓名'));
  expect(server.received).toHaveLength(0);
});

test('a wrong 学号/姓名 shows the server message; success goes back to 我的', async () => {
  server.handle('/api/functions/account', failure('NOT_FOUND', '学号和姓名与花名册不一致，还可以尝试 4 次'));
  render(<BindPage />);
  await typeInto('bind-student-no', '2023010199');
  await typeInto('bind-name', '王小明');
  click('bind-submit');
  await waitFor(() => expect(byId('bind-error')?.textContent).toBe('学号和姓名与花名册不一致，还可以尝试 4 次'));
  expect(server.received[0].body).toEqual({ action: 'bind', payload: { studentNo: '2023010199', name: '王小明' } });
  expect(byId('bind-conflict')).toBeNull();

  server.handle('/api/functions/account', failure('RATE_LIMITED', ''));
  click('bind-submit');
  await waitFor(() => expect(byId('bind-error')?.textContent).toBe('操作过于频繁，请稍后再试'));

  server.handle('/api/functions/account', success({ memberId: 'm-1', name: '王小明', branchName: '计科2301班团支部' }));
  click('bind-submit');
  await waitFor(() => expect(navigateBack).toHaveBeenCalled());
  expect(byId('bind-error')).toBeNull();
});

test('CONFLICT offers 申请解绑, which calls account.requestRelease', async () => {
  server.handle('/api/functions/account', (body) =>
    (body as { action: string }).action === 'bind'
      ? failure('CONFLICT', '该学号已被其他微信账号绑定')
      : success({ requested: true, secretaryName: '李娜' }),
  );
  render(<BindPage />);
  await typeInto('bind-student-no', '2023010101');
  await typeInto('bind-name', '张三');
  click('bind-submit');
  await waitFor(() => expect(byId('bind-conflict')).not.toBeNull());
  expect(byId('bind-error')?.textContent).toBe('该学号已被其他微信账号绑定');
  await typeInto('bind-release-note', '换了手机');
  click('bind-request-release');
  await waitFor(() => expect(byId('bind-release-sent')?.textContent).toContain('李娜'));
  expect(actions()).toEqual(['bind', 'requestRelease']);
  expect(server.received[1].body).toEqual({
    action: 'requestRelease',
    payload: { studentNo: '2023010101', name: '张三', note: '换了手机' },
  });
  expect(byId('bind-conflict')).toBeNull();
});

test('staff redeem an invite code; an unknown code shows the server message', async () => {
  server.handle('/api/functions/account', failure('NOT_FOUND', '邀请码无效或已使用'));
  render(<BindPage />);
  click('bind-tab-staff');
  await typeInto('invite-code', 'WRONG123');
  click('invite-submit');
  await waitFor(() => expect(byId('invite-error')?.textContent).toBe('邀请码无效或已使用'));
  expect(server.received[0].body).toEqual({ action: 'redeemInvite', payload: { code: 'WRONG123' } });
});
