/**
 * Just enough of the WeChat host for the compiled Taro pages of dist/weapp: `wx` (miniprogram-simulate's
 * mocks, with `wx.cloud` handed to a backend, recorded navigation, and temp files for the pickers),
 * `App`, `getApp`, `getCurrentPages`, and a `Page` that turns the page definition into a j-component
 * Component so miniprogram-simulate can render it, opened with a query as WeChat's onLoad receives it.
 */
import fs from 'fs';
import path from 'path';
import { PNG } from 'pngjs';

export const DIST = path.resolve(__dirname, '../../dist/weapp');

export function assertBuilt(): void {
  const marker = path.join(DIST, 'app.json');
  if (!fs.existsSync(marker) || !fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`dist/weapp is missing (${marker} not found): run \`npm run build:weapp\` before the simulate tests`);
  }
}

/** An error as wx.cloud reports one: `errCode` and an `errMsg` that starts with `cloud.<api>:fail`. */
export class WxCloudError extends Error {
  readonly errCode: number;
  readonly errMsg: string;

  constructor(api: string, errCode: number, detail: string) {
    super(`cloud.${api}:fail ${errCode} ${detail}`);
    this.errCode = errCode;
    this.errMsg = this.message;
  }
}

export interface CallFunctionOptions {
  name: string;
  data: { action: string; payload: unknown };
}
export interface CallFunctionResult {
  result: unknown;
  requestId: string;
}
export interface UploadFileOptions {
  cloudPath: string;
  filePath: string;
}
export interface TempFileItem {
  fileID: string;
  tempFileURL: string;
  maxAge: number;
  status: number;
  errMsg: string;
}

/** What answers the page's wx.cloud calls: the emulator (cloud-bridge.ts) or a test's stand-in. */
export interface CloudBackend {
  callFunction(options: CallFunctionOptions): Promise<CallFunctionResult>;
  uploadFile(options: UploadFileOptions, content: Buffer): Promise<{ fileID: string }>;
  getTempFileURL(fileList: { fileID: string; maxAge: number }[]): Promise<TempFileItem[]>;
}

export interface Navigation {
  api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';
  url: string;
}

/** A file a picker (chooseMessageFile / chooseMedia) hands over next. */
export interface TempFile {
  name: string;
  content: Buffer;
}

interface PageInstance {
  route: string;
  __route__: string;
  options: Record<string, string>;
  [key: string]: unknown;
}

type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };

interface HostState {
  app: Record<string, unknown> | null;
  pages: PageInstance[];
  backend: CloudBackend;
  /** Every wx.cloud.callFunction, in order. */
  calls: CallFunctionOptions[];
  /** wx.cloud.callFunction calls that failed (`name.action: errMsg`): timeouts name them. */
  callFailures: string[];
  /** wx.cloud calls not settled yet. */
  inFlight: number;
  initCalls: unknown[];
  navigations: Navigation[];
  toasts: string[];
  /** console.error lines (React and Taro report render errors there). */
  consoleErrors: string[];
  /** Temp paths the pickers handed out, as wx.cloud.uploadFile reads them. */
  tempFiles: Map<string, Buffer>;
  /** Files the next picker call returns. */
  picks: TempFile[];
  /** Selectors whose wx.createSelectorQuery exec has answered (a canvas is usable from then on). */
  answeredQueries: string[];
  /** WeChat's user-privacy consent: privacy APIs wait for it the first time (see privacyGate). */
  privacy: { agreed: boolean; asked: string[] };
}

const noBackend: CloudBackend = {
  callFunction: () => Promise.reject(new WxCloudError('callFunction', -1, 'no cloud backend set')),
  uploadFile: () => Promise.reject(new WxCloudError('uploadFile', -1, 'no cloud backend set')),
  getTempFileURL: () => Promise.reject(new WxCloudError('getTempFileURL', -1, 'no cloud backend set')),
};

export const host: HostState = {
  app: null,
  pages: [],
  backend: noBackend,
  calls: [],
  callFailures: [],
  inFlight: 0,
  initCalls: [],
  navigations: [],
  toasts: [],
  consoleErrors: [],
  tempFiles: new Map(),
  picks: [],
  answeredQueries: [],
  privacy: { agreed: false, asked: [] },
};

/** Route and query the next Page instance opens with. */
let currentRoute = '';
let nextQuery: Record<string, string> = {};

interface WxCallbacks<T> {
  success?: (res: T) => void;
  fail?: (err: unknown) => void;
  complete?: (res: unknown) => void;
}

/** A wx async API: callbacks when given (as Taro's promisified wrappers pass them), else a Promise. */
function wxAsync<T>(options: WxCallbacks<T> | undefined, run: () => Promise<T>): Promise<T> | undefined {
  host.inFlight += 1;
  const result = Promise.resolve()
    .then(run)
    .finally(() => {
      host.inFlight -= 1;
    });
  if (!options || !(options.success || options.fail || options.complete)) return result;
  result.then(
    (res) => {
      options.success?.(res);
      options.complete?.(res);
    },
    (err: unknown) => {
      options.fail?.(err);
      options.complete?.(err);
    },
  );
  return undefined;
}

let tempSerial = 0;
function takePicks(count: number, files = host.picks.splice(0, Math.max(1, count))): { path: string; name: string; size: number }[] {
  return files.map((f) => {
    tempSerial += 1;
    const tempPath = `wxfile://tmp_${String(tempSerial).padStart(4, '0')}_${f.name}`;
    host.tempFiles.set(tempPath, f.content);
    return { path: tempPath, name: f.name, size: f.content.length };
  });
}

function navigation(api: Navigation['api']) {
  return (options: { url?: string } & WxCallbacks<{ errMsg: string }> = {}) =>
    wxAsync(options, async () => {
      host.navigations.push({ api, url: options.url ?? '' });
      return { errMsg: `${api}:ok` };
    });
}

/**
 * What canvasToTempFilePath writes: jsdom draws nothing, so a 120 × 40 white PNG with a dark stroke
 * across it, inked enough to pass for a handwritten signature.
 */
function strokePng(): Buffer {
  const png = new PNG({ width: 120, height: 40 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (png.width * y + x) * 4;
      const ink = Math.abs(y - x / 3) < 2;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = ink ? 0x1f : 0xff;
      png.data[i + 3] = 0xff;
    }
  }
  return PNG.sync.write(png);
}

/** A 2D context that accepts every drawing call (jsdom has no canvas). */
function contextStub(): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  return new Proxy(target, {
    get: (t, key) => (key in t ? t[key as string] : typeof key === 'string' ? () => undefined : undefined),
    set: (t, key, value) => {
      t[key as string] = value;
      return true;
    },
  });
}

/** The `<canvas type="2d">` node a selector query hands back with `fields({ node: true })`. */
function canvasNode(): Record<string, unknown> {
  return { width: 300, height: 150, getContext: () => contextStub(), createImage: () => ({}), requestAnimationFrame: setTimeout };
}

interface QueryStep {
  selector: string | null;
  all: boolean;
  wantNode: boolean;
  callback?: (res: unknown) => void;
}

/**
 * wx.createSelectorQuery over the page on top: select/selectAll/selectViewport, then fields, node or
 * boundingClientRect, then exec. Elements are found by the page's own selectors; sizes are a phone's.
 */
function selectorQuery() {
  const steps: QueryStep[] = [];
  const describe = (found: SimComponent | undefined, step: QueryStep) =>
    found
      ? {
          id: '',
          dataset: {},
          left: 0,
          top: 0,
          right: 320,
          bottom: 180,
          width: 320,
          height: 180,
          ...(step.wantNode ? { node: canvasNode() } : {}),
        }
      : null;
  const ref = (step: QueryStep) => {
    const chain = {
      fields(fields: { node?: boolean }, callback?: (res: unknown) => void) {
        step.wantNode = !!fields.node;
        step.callback = callback;
        return query;
      },
      node(callback?: (res: unknown) => void) {
        step.wantNode = true;
        step.callback = callback;
        return query;
      },
      boundingClientRect(callback?: (res: unknown) => void) {
        step.callback = callback;
        return query;
      },
      scrollOffset(callback?: (res: unknown) => void) {
        step.callback = callback;
        return query;
      },
    };
    return chain;
  };
  const add = (selector: string | null, all: boolean) => {
    const step: QueryStep = { selector, all, wantNode: false };
    steps.push(step);
    return ref(step);
  };
  const query = {
    in: () => query,
    select: (selector: string) => add(selector, false),
    selectAll: (selector: string) => add(selector, true),
    selectViewport: () => add(null, false),
    exec(callback?: (res: unknown[]) => void) {
      setTimeout(() => {
        const top = openPages[openPages.length - 1]?.component;
        const results = steps.map((step) => {
          const found = step.selector === null ? top : top?.querySelector(step.selector);
          const res = step.all ? (found ? [describe(found, step)] : []) : describe(found, step);
          step.callback?.(res);
          return res;
        });
        callback?.(results);
        for (const step of steps) if (step.selector) host.answeredQueries.push(step.selector);
      }, 0);
      return query;
    },
  };
  return query;
}

type PrivacyResolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;
let privacyListener: ((resolve: PrivacyResolve, info: { referrer: string }) => void) | null = null;
const privacyWaiting = new Set<(reason: unknown) => void>();

/** Gives up every privacy request still waiting for an answer, as closing the popup does (fail cancel). */
export function dismissPrivacyRequests(): void {
  for (const reject of privacyWaiting) reject({ errMsg: 'privacy request dismissed', errno: 104 });
  privacyWaiting.clear();
}

/**
 * WeChat's user-privacy flow: until the person has agreed, a privacy API first hands the app's
 * onNeedPrivacyAuthorization listener a resolve and waits for { event: 'agree' } (then runs) or
 * 'disagree' (then fails with errno 104). Without a listener WeChat shows its own popup; taken as agreed.
 */
function privacyGate(api: string): Promise<void> {
  if (host.privacy.agreed || !privacyListener) return Promise.resolve();
  host.privacy.asked.push(api);
  const listener = privacyListener;
  return new Promise((resolve, reject) => {
    privacyWaiting.add(reject);
    listener(
      (option) => {
        if (option.event === 'agree') {
          host.privacy.agreed = true;
          privacyWaiting.delete(reject);
          resolve();
        } else if (option.event === 'disagree') {
          privacyWaiting.delete(reject);
          reject({ errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 });
        }
      },
      { referrer: api },
    );
  });
}

/** What wx.cloud.uploadFile returns when given callbacks: progress listeners and abort. */
function uploadTask() {
  const listeners: ((p: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void)[] = [];
  return {
    onProgressUpdate: (listener: (typeof listeners)[number]) => void listeners.push(listener),
    offProgressUpdate: (listener: (typeof listeners)[number]) => void listeners.splice(listeners.indexOf(listener), 1),
    abort: () => undefined,
    emit: (bytes: number) => listeners.forEach((l) => l({ progress: 100, totalBytesSent: bytes, totalBytesExpectedToSend: bytes })),
  };
}

export function installHost(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const wx = (g.wx as Record<string, unknown> | undefined) ?? {};
  g.wx = Object.assign(wx, {
    cloud: {
      init: (options: unknown) => {
        host.initCalls.push(options);
      },
      callFunction: (options: CallFunctionOptions & WxCallbacks<unknown>) => {
        host.calls.push({ name: options.name, data: options.data });
        return wxAsync(options, async () => {
          try {
            return { errMsg: 'cloud.callFunction:ok', ...(await host.backend.callFunction(options)) };
          } catch (err) {
            host.callFailures.push(`${options.name}.${options.data.action}: ${err instanceof Error ? err.message : String(err)}`);
            throw err;
          }
        });
      },
      // With callbacks it returns an UploadTask (progress listeners), without them a Promise.
      uploadFile: (options: UploadFileOptions & WxCallbacks<unknown>) => {
        const task = uploadTask();
        const promise = wxAsync(options, async () => {
          const content = host.tempFiles.get(options.filePath);
          if (!content) throw new WxCloudError('uploadFile', -404001, `file not exist: ${options.filePath}`);
          const { fileID } = await host.backend.uploadFile({ cloudPath: options.cloudPath, filePath: options.filePath }, content);
          task.emit(content.length);
          return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
        });
        const { emit: _emit, ...exposed } = task;
        return promise ?? exposed;
      },
      getTempFileURL: (options: { fileList: (string | { fileID: string; maxAge?: number })[] } & WxCallbacks<unknown>) =>
        wxAsync(options, async () => {
          const list = options.fileList.map((f) => (typeof f === 'string' ? { fileID: f, maxAge: 7200 } : { maxAge: 7200, ...f }));
          return { fileList: await host.backend.getTempFileURL(list), errMsg: 'cloud.getTempFileURL:ok' };
        }),
    },
    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    switchTab: navigation('switchTab'),
    reLaunch: navigation('reLaunch'),
    navigateBack: navigation('navigateBack'),
    showToast: (options: { title?: string } & WxCallbacks<{ errMsg: string }> = {}) =>
      wxAsync(options, async () => {
        host.toasts.push(options.title ?? '');
        return { errMsg: 'showToast:ok' };
      }),
    onNeedPrivacyAuthorization: (listener: typeof privacyListener) => {
      privacyListener = listener;
    },
    setClipboardData: (options: { data?: string } & WxCallbacks<unknown> = {}) =>
      wxAsync(options, async () => {
        await privacyGate('setClipboardData');
        return { errMsg: 'setClipboardData:ok' };
      }),
    compressImage: (options: { src: string } & WxCallbacks<unknown>) =>
      wxAsync(options, async () => ({ tempFilePath: options.src, errMsg: 'compressImage:ok' })),
    chooseMessageFile: (options: { count?: number } & WxCallbacks<unknown> = {}) =>
      wxAsync(options, async () => {
        await privacyGate('chooseMessageFile');
        if (host.picks.length === 0) throw { errMsg: 'chooseMessageFile:fail cancel' };
        return { tempFiles: takePicks(options.count ?? 1).map((f) => ({ ...f, type: 'file', time: 0 })), errMsg: 'chooseMessageFile:ok' };
      }),
    createSelectorQuery: selectorQuery,
    canvasToTempFilePath: (options: WxCallbacks<unknown> = {}) =>
      wxAsync(options, async () => {
        const [file] = takePicks(0, [{ name: 'canvas.png', content: strokePng() }]);
        return { tempFilePath: file.path, errMsg: 'canvasToTempFilePath:ok' };
      }),
    chooseMedia: (options: { count?: number } & WxCallbacks<unknown> = {}) =>
      wxAsync(options, async () => {
        await privacyGate('chooseMedia');
        if (host.picks.length === 0) throw { errMsg: 'chooseMedia:fail cancel' };
        const tempFiles = takePicks(options.count ?? 9).map((f) => ({ tempFilePath: f.path, size: f.size, fileType: 'image' }));
        return { tempFiles, type: 'image', errMsg: 'chooseMedia:ok' };
      }),
  });
  g.App = (options: Record<string, unknown>) => {
    host.app = options;
  };
  g.getApp = () => host.app;
  g.getCurrentPages = () => host.pages;
  g.Page = (options: PageOptions) => {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'function') methods[key] = value;
    }
    const route = currentRoute;
    const component = g.Component as (definition: Record<string, unknown>) => void;
    component({
      data: options.data ?? {},
      methods,
      lifetimes: {
        attached(this: PageInstance) {
          const query = nextQuery;
          this.route = route;
          this.__route__ = route;
          this.options = query;
          host.pages.push(this);
          (this.onLoad as (q: Record<string, string>) => void)?.call(this, query);
          (this.onShow as () => void)?.call(this);
        },
        ready(this: PageInstance) {
          (this.onReady as () => void)?.call(this);
        },
        detached(this: PageInstance) {
          (this.onUnload as () => void)?.call(this);
          host.pages = host.pages.filter((p) => p !== this);
        },
      },
    });
  };
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    host.consoleErrors.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
    original(...args);
  };
}

/** The page-side wx.cloud the host installed, typed for tests that call it directly (no callbacks: Promises). */
export interface WxCloud {
  callFunction(options: CallFunctionOptions): Promise<CallFunctionResult & { errMsg: string }>;
  uploadFile(options: UploadFileOptions): Promise<{ fileID: string; statusCode: number; errMsg: string }>;
  getTempFileURL(options: {
    fileList: (string | { fileID: string; maxAge?: number })[];
  }): Promise<{ fileList: TempFileItem[]; errMsg: string }>;
}

export function wxCloud(): WxCloud {
  return (globalThis as unknown as { wx: { cloud: WxCloud } }).wx.cloud;
}

/** Loads dist/weapp/app.js (runtime, vendors, React app) and launches it on `route`. */
export function launchApp(route: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(DIST, 'app.js'));
  const app = host.app as { onLaunch?: (o: unknown) => void; onShow?: (o: unknown) => void } | null;
  if (!app) throw new Error('dist/weapp/app.js did not call App()');
  app.onLaunch?.call(app, { path: route, query: {}, scene: 1001 });
  app.onShow?.call(app, { path: route, query: {}, scene: 1001 });
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as {
  load(componentPath: string, tagName?: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimComponent;
};

export interface SimComponent {
  dom: HTMLElement;
  /** The component's setData state (for a Taro page: the render tree the view draws). */
  data: Record<string, unknown>;
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): SimComponent | undefined;
  dispatchEvent(name: string, detail?: Record<string, unknown>): void;
}

/** Pages open now, oldest first (the last one is on top). */
const openPages: OpenPage[] = [];

const loaded = new Map<string, { id: string; tag: string }>();

/** The custom-element name a page is registered under (j-component prefixes its classes with it). */
export function tagOf(route: string): string {
  return `page-${route.replace(/[^A-Za-z0-9]+/g, '-').replace(/-index$/, '')}`;
}

/** Registers a page once (its module runs once, as webpack runs a chunk once). */
function loadPage(route: string): { id: string; tag: string } {
  let page = loaded.get(route);
  if (!page) {
    currentRoute = route;
    const tag = tagOf(route);
    page = { id: simulate.load(path.join(DIST, route), tag, { rootPath: DIST }), tag };
    loaded.set(route, page);
  }
  return page;
}

export interface OpenPage {
  route: string;
  component: SimComponent;
  dom: HTMLElement;
  /** The element with this page class (j-component's prefix added), or null. */
  byClass(name: string): Element | null;
  text(): string;
  close(): Promise<void>;
}

/**
 * Opens a fresh instance of `route` as WeChat does: onLoad gets the query with its values URL-encoded,
 * as a navigateTo URL or a 小程序码's scene delivers them.
 */
export function openPage(route: string, query: Record<string, string> = {}): OpenPage {
  const { id, tag } = loadPage(route);
  nextQuery = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, encodeURIComponent(v)]));
  const component = simulate.render(id);
  component.attach(document.createElement('div'));
  nextQuery = {};
  const dom = component.dom;
  const page: OpenPage = {
    route,
    component,
    dom,
    byClass: (name) => dom.querySelector(`.${tag}--${name}`),
    text: () => dom.textContent ?? '',
    async close() {
      component.detach();
      openPages.splice(openPages.indexOf(page), 1);
      await settled();
    },
  };
  openPages.push(page);
  return page;
}

/** Resolves once no wx.cloud call is pending (polling the host's counter; no fixed sleep). */
export async function settled(timeoutMs = 10_000): Promise<void> {
  await waitFor(() => host.inFlight === 0, 'pending wx.cloud calls to settle', timeoutMs);
}

/** Polls `probe` until it returns something truthy; the error names what was awaited. */
export async function waitFor<T>(probe: () => T | null | undefined | false, what: string | (() => string), timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) {
      const calls = host.calls.map((c) => `${c.name}.${c.data.action}`).join(', ') || 'none';
      const failed = host.callFailures.length > 0 ? `; failed: ${host.callFailures.join(' | ')}` : '';
      throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}; cloud calls: ${calls}${failed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
