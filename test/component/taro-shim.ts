/**
 * A small stand-in for @tarojs/taro in jsdom: page hooks run like a freshly shown page, navigation
 * functions are jest spies, and getEnv answers WEB. `emitDidShow()` replays "the page was shown again".
 */
import { useEffect, useRef } from 'react';

export const ENV_TYPE = {
  WEAPP: 'WEAPP',
  SWAN: 'SWAN',
  ALIPAY: 'ALIPAY',
  TT: 'TT',
  QQ: 'QQ',
  JD: 'JD',
  WEB: 'WEB',
  RN: 'RN',
  HARMONY: 'HARMONY',
  QUICKAPP: 'QUICKAPP',
} as const;

export const getEnv = (): string => ENV_TYPE.WEB;

type Ok = { errMsg: string };
const ok = (name: string) => jest.fn(async (_options?: unknown): Promise<Ok> => ({ errMsg: `${name}:ok` }));

export const navigateTo = ok('navigateTo');
export const redirectTo = ok('redirectTo');
export const switchTab = ok('switchTab');
export const reLaunch = ok('reLaunch');
export const navigateBack = ok('navigateBack');
export const showToast = ok('showToast');
export const showModal = ok('showModal');
export const showLoading = ok('showLoading');
export const hideLoading = ok('hideLoading');
export const stopPullDownRefresh = ok('stopPullDownRefresh');

export const cloud = {
  init: jest.fn(),
  callFunction: jest.fn(async (): Promise<{ result: unknown; errMsg: string }> => {
    throw new Error('cloud.callFunction is not available in component tests (H5 paths only)');
  }),
};

interface SelectorQuery {
  select(selector: string): SelectorQuery;
  selectAll(selector: string): SelectorQuery;
  selectViewport(): SelectorQuery;
  boundingClientRect(cb?: (rect: unknown) => void): SelectorQuery;
  scrollOffset(cb?: (rect: unknown) => void): SelectorQuery;
  fields(fields: unknown, cb?: (res: unknown) => void): SelectorQuery;
  exec(cb?: (res: unknown[]) => void): void;
}

export function createSelectorQuery(): SelectorQuery {
  const query: SelectorQuery = {
    select: () => query,
    selectAll: () => query,
    selectViewport: () => query,
    boundingClientRect: () => query,
    scrollOffset: () => query,
    fields: () => query,
    exec: (cb) => cb?.([]),
  };
  return query;
}

export const getSystemInfoSync = () => ({ windowWidth: 390, windowHeight: 844, pixelRatio: 2, platform: 'devtools' });
export const pxTransform = (size: number): string => `${size / 2}px`;

const didShowListeners = new Set<() => void>();

/** Replays onShow for every mounted page (as when a tab is shown again). */
export function emitDidShow(): void {
  didShowListeners.forEach((listener) => listener());
}

function useOnMount(callback: () => void): void {
  const ref = useRef(callback);
  ref.current = callback;
  useEffect(() => {
    ref.current();
  }, []);
}

export function useDidShow(callback: () => void): void {
  const ref = useRef(callback);
  ref.current = callback;
  useEffect(() => {
    const listener = () => ref.current();
    didShowListeners.add(listener);
    listener();
    return () => {
      didShowListeners.delete(listener);
    };
  }, []);
}

export const useLaunch = useOnMount;
export const useLoad = useOnMount;
export const useReady = useOnMount;
export function useDidHide(_callback: () => void): void {}
export function usePullDownRefresh(_callback: () => void): void {}
export function useReachBottom(_callback: () => void): void {}
/** Query parameters the next rendered page sees through useRouter(); tests assign to it. */
export const routerParams: Record<string, string> = {};

export function setRouterParams(params: Record<string, string>): void {
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  Object.assign(routerParams, params);
}

export function useRouter(): { params: Record<string, string>; path: string } {
  return { params: { ...routerParams }, path: '' };
}

/** An in-memory Taro storage. */
export const storage = new Map<string, unknown>();
export const getStorageSync = (key: string): unknown => (storage.has(key) ? storage.get(key) : '');
export const setStorageSync = (key: string, value: unknown): void => {
  storage.set(key, value);
};
export const removeStorageSync = (key: string): void => {
  storage.delete(key);
};
export const getCurrentPages = (): unknown[] => [{}, {}];
export const setClipboardData = ok('setClipboardData');

const Taro = {
  ENV_TYPE,
  getEnv,
  navigateTo,
  redirectTo,
  switchTab,
  reLaunch,
  navigateBack,
  showToast,
  showModal,
  showLoading,
  hideLoading,
  stopPullDownRefresh,
  cloud,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  getCurrentPages,
  setClipboardData,
  createSelectorQuery,
  getSystemInfoSync,
  pxTransform,
};

export default Taro;
