import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestApp } from './app';

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
