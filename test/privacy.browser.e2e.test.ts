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

const title = browserSuiteTitle('the personal-data page');
const PERSON = { email: 'ines.quemener@exemple-of.fr', displayName: 'Inès Quéméner' };

describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await t?.stop();
  }, 60_000);

  it('an administrator finds a person on a phone, downloads their export and erases them after confirming', async () => {
    const { cookie, organisationId, userId } = await t.organisation('Formations Kerlann');
    await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
      { organisationId, ...PERSON, role: 'contributor', password: PASSWORD, actorId: userId },
    );
    expect(await t.runner.waitForPosition(await t.lastPosition(), UI_TIMEOUT)).toBe(true);

    const context = await browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      acceptDownloads: true,
      ...PHONE,
    });
    context.setDefaultTimeout(UI_TIMEOUT);
    contexts.push(context);
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Données personnelles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Données personnelles' }).waitFor();
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Ce champ est obligatoire').or(page.locator('.field-error')).first().waitFor();

    await page
      .getByRole('textbox', { name: 'Adresse e-mail de la personne' })
      .fill(` ${PERSON.email.toUpperCase()} `);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('1 fiche trouvée pour cette adresse.').waitFor();
    await page.getByText('Compte créé : 1').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tout exporter' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^donnees-personnelles-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const exported = await readFile(path, 'utf8');
    expect(exported).toContain(PERSON.email);
    expect(exported).toContain(PERSON.displayName);
    await page.getByText('Export téléchargé et enregistré dans l’historique.').waitFor();

    await page.getByRole('button', { name: /^Effacer la fiche Utilisateur/ }).click();
    const dialog = page.getByRole('form', { name: /^Effacer la fiche Utilisateur/ });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H4');
    await dialog.getByRole('button', { name: 'Effacer définitivement' }).click();
    await dialog.getByText('Choisissez un motif.').waitFor();
    await expectAccessible(page);
    await dialog.getByLabel('Demande de la personne').check();
    await dialog.getByRole('button', { name: 'Effacer définitivement' }).click();
    await page.getByText(/^Fiche Utilisateur .* effacée\.$/).waitFor();
    await page.getByText(/^Effacement \(Demande de la personne\)$/).waitFor();
    await page.getByText(/^Export \(JSON\) de 1 fiche\(s\)$/).waitFor();
    // Searched again, the erased person is no longer found by their address.
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Rechercher' }).click();
          return page.getByText('Aucune donnée n’est associée à cette adresse dans votre organisme.').count();
        },
        { timeout: UI_TIMEOUT, interval: 300 },
      )
      .toBe(1);
    await expectAccessible(page);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
