/** Small DOM helpers for the component tests. */
import { act, fireEvent, waitFor } from '@testing-library/react';
import type { MemberView } from '../../types/roster';
import { configureHttp } from '../../src/services/cloud';
import { envelope, startApiServer, type ApiServer } from './api-server';
import { navigateTo } from './taro-shim';

/**
 * For a test file: before each test a fresh API server, the H5 cloud client pointed at it and navigateTo's calls
 * forgotten; the server is closed after the test. The handle may be taken at the top level: it reaches the
 * current test's server.
 */
export function apiServerPerTest(): ApiServer {
  let current: ApiServer | null = null;
  beforeEach(async () => {
    current = await startApiServer();
    configureHttp({ baseUrl: current.baseUrl });
    navigateTo.mockClear();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  const get = (): ApiServer => {
    if (!current) throw new Error('apiServerPerTest: used outside a test');
    return current;
  };
  return {
    get baseUrl() {
      return get().baseUrl;
    },
    get received() {
      return get().received;
    },
    handle: (path, reply) => get().handle(path, reply),
    close: () => get().close(),
  };
}

/** A roster entry of 计科2301班团支部 as roster.listMembers lists it: 张敏, bound, not a cadre, unless told. */
export const memberView = (over: Partial<MemberView> = {}): MemberView => ({
  id: 'm-2023010101',
  studentNo: '2023010101',
  name: '张敏',
  branchId: 'org-cs-1',
  branchName: '计科2301班团支部',
  groupId: null,
  groupName: null,
  isLeagueMember: true,
  isCadre: false,
  post: null,
  bound: true,
  ...over,
});

export const byId = (id: string): HTMLElement | null => document.getElementById(id);

/** Types into a Taro <Input> (taro-input-core wraps a real <input>; it re-emits `input` with detail.value). */
export async function typeInto(id: string, value: string): Promise<void> {
  // Stencil renders the inner <input> asynchronously.
  const inner = await waitFor(() => {
    const el = byId(id)?.querySelector('input');
    if (!el) throw new Error(`#${id} has no <input> inside yet`);
    return el;
  });
  act(() => {
    inner.value = value;
    inner.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function click(id: string): void {
  const el = byId(id);
  if (!el) throw new Error(`no element #${id}`);
  fireEvent.click(el);
}

/** Chooses a file on a plain <input type=file>. */
export function chooseFile(input: HTMLInputElement, file: File): void {
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  fireEvent.change(input);
}

/** A reply carrying a failed envelope. */
export function failure(
  code: string,
  message: string,
  requestId = 'req-err',
): { body: { result: { ok: false; code: string; message: string; requestId: string }; requestId: string } } {
  return { body: { result: { ok: false, code, message, requestId }, requestId } };
}

/** A reply carrying a successful envelope. */
export function success<T>(data: T): { body: ReturnType<typeof envelope<T>> } {
  return { body: envelope(data) };
}
