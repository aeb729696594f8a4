/**
 * @strive-emulator
 *
 * 我的 in the weapp, beyond what every page gets in pages.test.ts: a tap on 服务状态 pings the emulator
 * through wx.cloud.callFunction, and a failed callFunction (as WeChat reports a timeout) shows 网络异常
 * until 重试 loads again.
 */
import { emulatorCloud } from './cloud-bridge';
import { PERSONAS } from './personas';
import { WxCloudError, assertBuilt, host, installHost, launchApp, openPage, settled, waitFor, type CloudBackend } from './weapp-host';

assertBuilt();
jest.setTimeout(30_000);
installHost();
const emulator = emulatorCloud(() => PERSONAS.secretary.openid);
host.backend = emulator;
launchApp('pages/mine/index');

beforeEach(() => {
  host.calls = [];
  host.backend = emulator;
});

test('the app inits wx.cloud with its environment before any call', () => {
  expect(host.initCalls).toEqual([{ env: 'strive-dev', traceUser: true }]);
});

test('服务状态 pings the emulator', async () => {
  const page = openPage('pages/mine/index');
  try {
    await waitFor(() => page.text().includes(PERSONAS.secretary.name ?? '?'), 'the secretary’s name');
    const cell = await waitFor(() => page.component.querySelector('#system-ping'), 'the 服务状态 cell');
    cell.dispatchEvent('tap');
    await waitFor(() => /正常 · \d+ 毫秒/.test(page.byClass('system-ping-result')?.textContent ?? ''), 'the ping result');
    expect(host.calls.map((c) => `${c.name}.${c.data.action}`)).toEqual(['system.whoami', 'system.ping']);
  } finally {
    await page.close();
  }
});

test('a failed wx.cloud.callFunction shows 网络异常 and 重试 loads again', async () => {
  const timingOut: CloudBackend = {
    ...emulator,
    callFunction: () => Promise.reject(new WxCloudError('callFunction', -1, 'request:fail timeout')),
  };
  host.backend = timingOut;
  const page = openPage('pages/mine/index');
  try {
    await waitFor(() => page.text().includes('网络异常'), 'the network error');
    await settled();
    host.backend = emulator;
    const retry = await waitFor(() => page.component.querySelector('.page-frame-retry'), 'the 重试 button');
    retry.dispatchEvent('tap');
    await waitFor(() => page.text().includes(PERSONAS.secretary.name ?? '?'), 'the reloaded name');
    expect(host.calls.map((c) => c.data.action)).toEqual(['whoami', 'whoami']);
  } finally {
    await page.close();
  }
});
