/** 实名绑定 with ?redirect=: after binding, back to the page that sent the visitor (the sign page and its scene). */
import { render, waitFor } from '@testing-library/react';
import BindPage, { safeRedirect } from '../../src/pages/bind';
import { apiServerPerTest, byId, click, success, typeInto } from './helpers';
import { navigateBack, redirectTo, setRouterParams } from './taro-shim';

const server = apiServerPerTest();
beforeEach(async () => {
  redirectTo.mockClear();
  navigateBack.mockClear();
});
afterEach(async () => {
  setRouterParams({});
});

test('only in-app paths are followed', () => {
  expect(safeRedirect(encodeURIComponent('/package-pledge/sign/index?scene=k%3DAbCdEf123456'))).toBe(
    '/package-pledge/sign/index?scene=k%3DAbCdEf123456',
  );
  expect(safeRedirect(encodeURIComponent('https://evil.example/x'))).toBeNull();
  expect(safeRedirect(encodeURIComponent('//evil.example/x'))).toBeNull();
});

test('binding returns to the sign page with the same scene', async () => {
  const target = '/package-pledge/sign/index?scene=k%3DAbCdEf123456';
  setRouterParams({ redirect: encodeURIComponent(target) });
  server.handle('/api/functions/account', success({ memberId: 'm-2023010104', name: '张敏', branchName: '计科2301班团支部' }));
  render(<BindPage />);
  expect(byId('bind-redirect-note')).not.toBeNull();
  await typeInto('bind-student-no', '2023010104');
  await typeInto('bind-name', '张敏');
  click('bind-submit');
  await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: target }));
  expect(navigateBack).not.toHaveBeenCalled();
});
