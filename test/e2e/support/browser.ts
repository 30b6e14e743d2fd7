import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Headless Chromium for the browser tests: Debian's `chromium` (installed by .ci/run), driven
 * by playwright-core. No browser is ever downloaded. Without it the suites fail in CI and are
 * skipped with a printed reason elsewhere.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function browserAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

/**
 * `describe` when Chromium is there. Missing: in CI (env CI set) the suite fails; otherwise it
 * is skipped and says why.
 */
export function describeInBrowser(name: string, fn: () => void): void {
  if (browserAvailable()) return describe(name, fn);
  if (process.env.CI) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`Chromium is required in CI but ${CHROMIUM_PATH} does not exist (apt-get install chromium)`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`[skip] ${name}: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  describe.skip(name, fn);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 30_000 });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
  isMobile?: boolean;
}

/**
 * A fresh context (its own localStorage, so its own guest identity) with one page: en-US, UTC,
 * desktop size unless told otherwise. Uncaught page errors and console errors are collected
 * (console errors include failed requests, expected while a server is down).
 */
export async function newPage(browser: Browser, opts: PageOptions = {}): Promise<{ context: BrowserContext; page: Page; pageErrors: string[]; consoleErrors: string[] }> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: opts.colorScheme ?? 'light',
    reducedMotion: opts.reducedMotion ?? 'no-preference',
    isMobile: opts.isMobile,
    hasTouch: opts.isMobile,
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  return { context, page, pageErrors, consoleErrors };
}
