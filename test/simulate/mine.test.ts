/**
 * The compiled 我的 page (dist/weapp/pages/mine) in miniprogram-simulate: it calls system.whoami
 * through wx.cloud.callFunction on load, renders the answer, and a tap on 服务状态 calls system.ping.
 */
import path from 'path';
import { DIST, assertBuilt, host, installHost, launchApp, setRoute } from './weapp-host';
import { SECRETARY } from '../fixtures/whoami';

assertBuilt();
installHost();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as {
  load(componentPath: string, tagName?: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimComponent;
};

interface SimComponent {
  dom: HTMLElement;
  attach(parent: Element): void;
  querySelector(selector: string): SimComponent | undefined;
  dispatchEvent(name: string, detail?: Record<string, unknown>): void;
}

const whoami = SECRETARY;

// The app launches once; the page module registers its component once (webpack runs a chunk once),
// and every test renders a fresh instance of it.
launchApp('pages/mine/index');
setRoute('pages/mine/index');
const pageId = simulate.load(path.join(DIST, 'pages/mine/index'), 'mine-page', { rootPath: DIST });

let rendered: HTMLElement | null = null;

async function waitFor<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 4000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) {
      const calls = host.calls.map((c) => `${c.name}.${c.data.action}`).join(', ') || 'none';
      throw new Error(
        `timed out waiting for ${what}; cloud calls: ${calls}; page: ${rendered?.innerHTML.slice(0, 1500) ?? '(not rendered)'}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('我的 renders whoami from wx.cloud.callFunction and 服务状态 pings', async () => {
  host.handler = ({ name, data }) => {
    if (name !== 'system') return { ok: false, code: 'FUNCTION_NOT_FOUND', message: '', requestId: 'r0' };
    if (data.action === 'whoami') return { ok: true, data: whoami, requestId: 'r1' };
    if (data.action === 'ping') return { ok: true, data: { pong: true, serverTime: '2026-01-01T00:00:00.000Z' }, requestId: 'r2' };
    return { ok: false, code: 'UNKNOWN_ACTION', message: '', requestId: 'r3' };
  };

  expect(host.initCalls).toEqual([{ env: 'strive-dev', traceUser: true }]);

  const page = simulate.render(pageId);
  const parent = document.createElement('div');
  page.attach(parent);

  const dom = page.dom;
  rendered = dom;
  // j-component keeps ids off the DOM and prefixes classes with the tag name.
  const q = (name: string) => dom.querySelector(`.mine-page--${name}`);
  await waitFor(() => q('whoami-name')?.textContent?.includes('张敏'), 'the whoami name');
  expect(host.calls[0]).toMatchObject({ name: 'system', data: { action: 'whoami', payload: {} } });
  expect(q('whoami-org-path')?.textContent).toContain('校团委 / 计算机学院团总支 / 计算机2101团支部');
  expect(q('whoami-roles')?.textContent).toContain('团支部书记');
  // weapp is not local mode: no sign-out button.
  expect(q('local-sign-out')).toBeNull();

  const pingCell = await waitFor(() => page.querySelector('#system-ping'), 'the 服务状态 cell');
  pingCell.dispatchEvent('tap');
  await waitFor(() => q('system-ping-result')?.textContent?.startsWith('正常'), 'the ping result');
  expect(host.calls.map((c) => [c.name, c.data.action])).toEqual([
    ['system', 'whoami'],
    ['system', 'ping'],
  ]);
}, 15000);

test('a failed wx.cloud.callFunction shows 网络异常 and 重试 loads again', async () => {
  let fail = true;
  host.calls = [];
  host.handler = ({ data }) => {
    if (fail) return Promise.reject({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' });
    if (data.action === 'whoami') return { ok: true, data: { ...whoami, name: '李华' }, requestId: 'r4' };
    return { ok: false, code: 'UNKNOWN_ACTION', message: '', requestId: 'r5' };
  };

  const page = simulate.render(pageId);
  page.attach(document.createElement('div'));
  const dom = page.dom;
  rendered = dom;
  const q = (name: string) => dom.querySelector(`.mine-page--${name}`);

  await waitFor(() => q('page-frame-error-title')?.textContent?.includes('网络异常'), 'the network error');
  fail = false;
  const retry = await waitFor(() => page.querySelector('.page-frame-retry'), 'the 重试 button');
  retry.dispatchEvent('tap');
  await waitFor(() => q('whoami-name')?.textContent?.includes('李华'), 'the reloaded name');
  expect(host.calls.map((c) => c.data.action)).toEqual(['whoami', 'whoami']);
}, 15000);
