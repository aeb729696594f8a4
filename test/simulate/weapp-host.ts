/**
 * Just enough of the WeChat host for a compiled Taro page: `wx` (with a stubbed wx.cloud), `App`,
 * `getApp`, `getCurrentPages`, and a `Page` that turns the page definition into a j-component
 * Component so miniprogram-simulate can render it.
 */
import fs from 'fs';
import path from 'path';

export const DIST = path.resolve(__dirname, '../../dist/weapp');

export function assertBuilt(): void {
  const marker = path.join(DIST, 'pages/mine/index.js');
  if (!fs.existsSync(marker) || !fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`dist/weapp is missing (${marker} not found): run \`npm run build:weapp\` before the simulate tests`);
  }
}

export interface CallFunctionOptions {
  name: string;
  data: { action: string; payload: unknown };
  success?: (res: unknown) => void;
  fail?: (err: unknown) => void;
}

export type CloudHandler = (options: CallFunctionOptions) => unknown | Promise<unknown>;

interface HostState {
  app: Record<string, unknown> | null;
  pages: PageInstance[];
  handler: CloudHandler;
  calls: CallFunctionOptions[];
  initCalls: unknown[];
}

interface PageInstance {
  route: string;
  __route__: string;
  options: Record<string, string>;
  [key: string]: unknown;
}

type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };

export const host: HostState = {
  app: null,
  pages: [],
  handler: () => {
    throw new Error('no cloud handler set');
  },
  calls: [],
  initCalls: [],
};

/** Route the next Page() call is for: set before loading a page. */
let currentRoute = '';

export function installHost(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const existing = (g.wx as Record<string, unknown> | undefined) ?? {};
  g.wx = Object.assign(existing, {
    cloud: {
      init: (options: unknown) => {
        host.initCalls.push(options);
      },
      callFunction: (options: CallFunctionOptions) => {
        host.calls.push(options);
        const result = Promise.resolve()
          .then(() => host.handler(options))
          .then((value) => ({ errMsg: 'cloud.callFunction:ok', result: value }));
        if (options.success || options.fail) {
          result.then(
            (res) => options.success?.(res),
            (err) => options.fail?.(err),
          );
          return undefined;
        }
        return result;
      },
    },
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
          this.route = route;
          this.__route__ = route;
          this.options = {};
          host.pages.push(this);
          (this.onLoad as (q: Record<string, string>) => void)?.call(this, {});
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

export function setRoute(route: string): void {
  currentRoute = route;
}
