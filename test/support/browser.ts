import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { ensureWebBuilt } from '../../scripts/build';
import { startTestApp, type TestApp, type TestAppOptions } from './app';
import { startSmtpServer, type TestSmtpServer } from './smtp';

/** Debian's Chromium (CI installs it); browser tests are skipped, saying why, where it is missing. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

/** A browser suite's title, or why it is skipped. */
export const browserSuiteTitle = (name: string) =>
  hasChromium
    ? `${name} in Chromium`
    : `${name} (skipped: no Chromium at ${chromiumPath}; install it with apt-get install -y chromium or set CHROMIUM_PATH)`;

/**
 * How long the UI may take on a loaded machine (argon2 hashing, projections catching up, two CPU hogs): every
 * wait is for something on screen or in the address, never a fixed sleep, so a quiet machine is as fast as ever.
 */
export const UI_TIMEOUT = 30_000;
export const JOURNEY_TIMEOUT = 300_000;
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** WCAG 2.1 A and AA, as axe checks them. */
export const expectAccessible = async (page: Page) => {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
};

export const expectNoHorizontalScroll = async (page: Page) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
};

/** Serves the test app on a free port; answers its base URL. */
export const serve = async (t: TestApp): Promise<string> => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
};

/** Headless Chromium (Playwright gives every launch a fresh, temporary user-data directory). */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * A phone's browser context in French and Paris time, signed in with a session cookie made through the API;
 * page errors are collected in `pageErrors` (a test asserts it stays empty). Close the context when done.
 */
export const signedInPhone = async (browser: Browser, base: string, cookie: string, pageErrors: string[]) => {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', ...PHONE });
  context.setDefaultTimeout(UI_TIMEOUT);
  context.setDefaultNavigationTimeout(UI_TIMEOUT);
  context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)));
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  return { context, page: await context.newPage() };
};

export interface BrowserSuite {
  t: TestApp;
  /** The served app's address. */
  base: string;
  browser: Browser;
  /** Started before the app when the suite asked for one; the app sends its mail there. */
  smtp: TestSmtpServer;
  /** Errors thrown in any page the suite opened: a journey ends by asserting it is empty. */
  pageErrors: string[];
  /**
   * A new phone's page, in French and Paris time (360 px wide unless told), signed in with `cookie` when given;
   * its context is closed with the suite.
   */
  phone(options?: { cookie?: string; width?: number }): Promise<Page>;
}

/**
 * A browser suite's fixture: the whole app on a fresh database, served on a free port, with Chromium; and, when
 * asked, a test SMTP server the app sends to. Call it at the top of a describe block; everything stops after it.
 */
export const browserSuite = (options: TestAppOptions & { smtp?: boolean } = {}): BrowserSuite => {
  const suite = { pageErrors: [] as string[] } as BrowserSuite;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    await ensureWebBuilt();
    const env = { ...options.env };
    if (options.smtp) {
      suite.smtp = await startSmtpServer();
      env.SMTP_URL = suite.smtp.url;
    }
    suite.t = await startTestApp({ ...options, env });
    suite.base = await serve(suite.t);
    suite.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await suite.browser?.close();
    await suite.t?.stop();
    await suite.smtp?.close();
  }, 60_000);
  suite.phone = async ({ cookie, width } = {}) => {
    const context = await suite.browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      ...PHONE,
      viewport: { ...PHONE.viewport, width: width ?? PHONE.viewport.width },
    });
    contexts.push(context);
    context.setDefaultTimeout(UI_TIMEOUT);
    context.setDefaultNavigationTimeout(UI_TIMEOUT);
    context.on('page', (page) => page.on('pageerror', (error) => suite.pageErrors.push(error.message)));
    if (cookie) {
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: suite.base }]);
    }
    return context.newPage();
  };
  return suite;
};
