/**
 * The compiled 组织管理 page of the package-admin sub-package (dist/weapp/package-admin/org) in
 * miniprogram-simulate: it asks org.roots and org.detail through wx.cloud.callFunction and renders the
 * committee with its general branches.
 */
import path from 'path';
import { DIST, assertBuilt, host, installHost, launchApp, setRoute } from './weapp-host';

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
}

const committee = { id: 'org-committee', name: '校团委', level: 'committee', parentId: null, archived: false };
const general = (id: string, name: string) => ({ id, name, level: 'general', parentId: 'org-committee', archived: false, childCount: 3 });

launchApp('package-admin/org/index');
setRoute('package-admin/org/index');
const pageId = simulate.load(path.join(DIST, 'package-admin/org/index'), 'org-page', { rootPath: DIST });

async function waitFor<T>(probe: () => T | null | undefined | false, what: string, dom: HTMLElement, timeoutMs = 4000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) {
      const calls = host.calls.map((c) => `${c.name}.${c.data.action}`).join(', ') || 'none';
      throw new Error(`timed out waiting for ${what}; cloud calls: ${calls}; page: ${dom.innerHTML.slice(0, 1500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('组织管理 (sub-package) renders the committee and its general branches from the cloud functions', async () => {
  host.calls = [];
  host.handler = ({ name, data }) => {
    if (name === 'system' && data.action === 'whoami') {
      return {
        ok: true,
        data: {
          bound: true,
          name: '王建国',
          studentNo: null,
          isCadre: false,
          post: null,
          orgPath: [],
          roles: [{ role: 'admin', orgId: 'org-committee', orgName: '校团委' }],
        },
        requestId: 'r1',
      };
    }
    if (name === 'org' && data.action === 'roots') return { ok: true, data: [committee], requestId: 'r2' };
    if (name === 'org' && data.action === 'detail') {
      return {
        ok: true,
        data: {
          org: committee,
          ancestors: [],
          children: [general('org-cs', '计算机学院团总支'), general('org-em', '经济管理学院团总支')],
          memberCount: 200,
          roles: [],
        },
        requestId: 'r3',
      };
    }
    return { ok: false, code: 'UNKNOWN_ACTION', message: '', requestId: 'r4' };
  };

  const page = simulate.render(pageId);
  page.attach(document.createElement('div'));
  const dom = page.dom;
  const q = (name: string) => dom.querySelector(`.org-page--${name}`);
  await waitFor(() => q('head-title')?.textContent?.includes('校团委'), 'the committee name', dom);
  const children = Array.from(dom.querySelectorAll('.org-page--org-child')).map((el) => el.textContent ?? '');
  expect(children.join('|')).toContain('计算机学院团总支');
  expect(children.join('|')).toContain('经济管理学院团总支');
  expect(q('stat-value')?.textContent).toContain('200');
  const calls = host.calls.map((c) => `${c.name}.${c.data.action}`);
  expect(calls).toEqual(expect.arrayContaining(['org.roots', 'org.detail']));
  expect(host.calls.find((c) => c.data.action === 'detail')?.data.payload).toEqual({ orgId: 'org-committee', includeArchived: false });
}, 15000);
