import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../scripts/build';
import { registerAccount } from '../services/access/accounts';
import { PASSWORD, startTestApp, type TestApp } from './support/app';
import {
  browserSuiteTitle,
  expectAccessible,
  hasChromium,
  launchChromium,
  PHONE,
  serve,
  UI_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('the sent-mail page');

describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const signedIn = async (cookie: string, options: Parameters<Browser['newContext']>[0] = {}) => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', ...options });
    context.setDefaultTimeout(UI_TIMEOUT);
    context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)));
    contexts.push(context);
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    return context;
  };

  beforeAll(async () => {
    await ensureWebBuilt();
    // No SMTP setting: the development outbox keeps every message.
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await t?.stop();
  }, 60_000);

  it('an administrator finds it in the navigation, on a phone, and follows the link of a kept message; a quality manager does not see it', async () => {
    const { cookie, organisationId } = await t.organisation('Formations Horizon');
    await t.mail.queue({
      organisationId,
      to: 'nouvelle.collegue@example.fr',
      locale: 'fr',
      template: 'invitation',
      params: {
        inviterName: 'Alice Martin',
        role: 'contributor',
        acceptUrl: `${base}/login?invitation=abc123`,
        expiresAt: '2026-12-01T09:00:00Z',
      },
      actor: { type: 'system' },
    });

    const admin = await (await signedIn(cookie, PHONE)).newPage();
    await admin.goto(`${base}/`);
    await admin.getByRole('link', { name: 'Courriels envoyés' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Courriels envoyés' }).waitFor();
    // The reactor sends beside the page: reload until the message shows as kept.
    await expect
      .poll(
        async () => {
          await admin.reload();
          await admin.getByRole('heading', { level: 1, name: 'Courriels envoyés' }).waitFor();
          return admin.getByText('Conservé dans la boîte de développement').count();
        },
        { timeout: UI_TIMEOUT, interval: 300 },
      )
      .toBe(1);
    await admin.getByText('À : nouvelle.collegue@example.fr').waitFor();
    await admin.getByText('Envoyé', { exact: true }).waitFor();
    await admin.getByRole('note').filter({ hasText: 'Aucun serveur de messagerie' }).waitFor();
    await admin.getByRole('button', { name: 'Texte du message' }).click();
    await admin.getByText('Objet : Invitation à rejoindre Formations Horizon').waitFor();
    const link = admin.getByRole('link', { name: `${base}/login?invitation=abc123` });
    expect(await link.getAttribute('href')).toBe(`${base}/login?invitation=abc123`);
    await expectAccessible(admin);
    expect(
      await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

    const email = `qualite.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
      { organisationId, email, displayName: 'Responsable', role: 'quality_manager', password: PASSWORD },
    );
    const manager = await (await signedIn(await t.login(email, PASSWORD))).newPage();
    await manager.goto(`${base}/`);
    await manager.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    expect(await manager.getByRole('link', { name: 'Courriels envoyés' }).count()).toBe(0);
    await manager.goto(`${base}/mail`);
    await manager.getByText('Cette page est réservée aux administrateurs de l’organisme.').waitFor();
    expect(await manager.getByText('nouvelle.collegue@example.fr').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
