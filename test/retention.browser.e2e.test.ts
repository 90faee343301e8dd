import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../scripts/build';
import { registerAccount } from '../services/access/accounts';
import { PASSWORD, startTestApp, type TestApp } from './support/app';
import {
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  launchChromium,
  PHONE,
  serve,
  UI_TIMEOUT,
} from './support/browser';
import { answer, openFeedbackLink } from './support/training-fixture';

const title = browserSuiteTitle('the data retention page');

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
    t = await startTestApp({ env: { RETENTION_SWEEP_MINUTES: '0' } });
    base = await serve(t);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await t?.stop();
  }, 60_000);

  it('an administrator sets a period on a phone: a wrong one is refused at its field, a good one is saved; others do not see the page', async () => {
    const { cookie, organisationId } = await t.organisation('Formations Horizon');
    const link = await openFeedbackLink(t, cookie);
    expect((await answer(t, link.token, { comment: 'Très bien' })).statusCode).toBe(201);

    const admin = await (await signedIn(cookie, PHONE)).newPage();
    await admin.goto(`${base}/`);
    await admin.getByRole('link', { name: 'Conservation des données' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Conservation des données' }).waitFor();
    const comments = admin.getByRole('group', { name: /Commentaires des appréciations/ });
    await comments.getByText('Rien à effacer dans les 30 prochains jours.').waitFor();
    const months = comments.getByLabel('Durée de conservation (en mois)');
    expect(await months.inputValue()).toBe('24');
    await expectAccessible(admin);
    await expectNoHorizontalScroll(admin);

    await months.fill('0');
    await admin.getByRole('button', { name: 'Enregistrer les durées' }).click();
    await comments.getByRole('alert').filter({ hasText: 'de 1 à 120' }).waitFor();
    expect(await months.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await months.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(admin);

    await months.fill('6');
    await admin.getByRole('button', { name: 'Enregistrer les durées' }).click();
    await admin.getByRole('status').filter({ hasText: 'Durées de conservation enregistrées.' }).waitFor();
    await expect
      .poll(async () => comments.getByText('Par défaut', { exact: true }).count(), { timeout: UI_TIMEOUT })
      .toBe(0);
    expect(await months.inputValue()).toBe('6');

    const email = `qualite.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
      { organisationId, email, displayName: 'Responsable', role: 'quality_manager', password: PASSWORD },
    );
    const manager = await (await signedIn(await t.login(email, PASSWORD))).newPage();
    await manager.goto(`${base}/`);
    await manager.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    expect(await manager.getByRole('link', { name: 'Conservation des données' }).count()).toBe(0);
    await manager.goto(`${base}/retention`);
    await manager.getByText('Cette page est réservée aux administrateurs de l’organisme.').waitFor();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
