/** Chromium driven by playwright-core, with the flags this sandboxed, offline machine needs (which Chromium: ./chromium.ts). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chineseFonts, findChromium } from './chromium';
import { root } from './emulator';

export const SCREENSHOT_DIR = join(root, 'test-results', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  const { executablePath, source } = await findChromium();
  const fonts = chineseFonts();
  const browser = await chromium.launch({
    executablePath,
    env: { ...process.env, ...fonts.env },
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Straight to stderr (not console.log, which jest decorates): a CI log should say which browser and fonts drew the screenshots.
  process.stderr.write(`e2e browser: Chromium ${browser.version()} from ${source} at ${executablePath}; fonts: ${fonts.source}\n`);
  return browser;
}

/** A phone-sized page: the app is mobile-first. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Taro's H5 router slides pages in; wait until no CSS transition or animation is still running.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path, fullPage: true });
  return path;
}
