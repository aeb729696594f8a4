/** One `npm start` and one chromium per e2e test file, started before its tests and stopped after. */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { npmStart, type RunningApp } from './npm-start';

export interface AppInBrowser {
  readonly app: RunningApp;
  readonly browser: Browser;
}

export function useRunningApp(): AppInBrowser {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await npmStart();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not running (beforeAll failed?)`);
    return value;
  };
  return {
    get app() {
      return started(app, 'npm start');
    },
    get browser() {
      return started(browser, 'chromium');
    },
  };
}
