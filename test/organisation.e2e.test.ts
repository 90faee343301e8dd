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
  JOURNEY_TIMEOUT,
  launchChromium,
  PHONE,
  serve,
  UI_TIMEOUT,
} from './support/browser';
import { PNG_BYTES } from './support/organisation-fixture';
import { openFeedbackLink } from './support/training-fixture';

const title = browserSuiteTitle('organisation profile on a phone');

describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  /** A phone's browser context, signed in with a session cookie made through the API (none: anonymous). */
  const phone = async (cookie?: string) => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', ...PHONE });
    context.setDefaultTimeout(UI_TIMEOUT);
    context.setDefaultNavigationTimeout(UI_TIMEOUT);
    context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)));
    contexts.push(context);
    if (cookie) {
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: base }]);
    }
    return context.newPage();
  };

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

  it(
    'an admin fills the profile on a phone, the referential says what applies and why, and the public form shows the organisation',
    async () => {
      const { cookie, organisationId } = await t.organisation('Formations Lumière');
      const admin = await phone(cookie);
      await admin.goto(`${base}/organisation`);
      await admin.getByRole('heading', { level: 1, name: 'Organisme — Formations Lumière' }).waitFor();
      await expectAccessible(admin);
      await expectNoHorizontalScroll(admin);

      const identity = admin.getByRole('region', { name: 'Identité' });
      await identity.getByLabel('Raison sociale').fill('Lumière Formation SAS');
      await identity.getByLabel('SIRET').fill('443 061 841 00048');
      await identity.getByLabel('Adresse', { exact: true }).fill('3 quai des Lumières');
      await identity.getByLabel('Code postal').fill('69002');
      await identity.getByLabel('Ville').fill('Lyon');
      await identity.getByLabel('E-mail de contact').fill('contact@lumiere.example');
      await identity.getByRole('button', { name: 'Enregistrer' }).click();
      await identity.getByRole('alert').filter({ hasText: "Ce SIRET n'est pas valide" }).waitFor();
      await expectAccessible(admin);
      await identity.getByLabel('SIRET').fill('443 061 841 00047');
      await identity.getByRole('button', { name: 'Enregistrer' }).click();
      await admin.getByRole('status').filter({ hasText: 'Identité : modifications enregistrées.' }).waitFor();

      const logo = admin.getByRole('region', { name: 'Logo' });
      await logo.getByLabel('Fichier du logo').setInputFiles({
        name: 'logo.jpg',
        mimeType: 'image/jpeg',
        buffer: PNG_BYTES,
      });
      await logo.getByRole('button', { name: 'Envoyer le logo' }).click();
      await logo.getByRole('img', { name: "Logo actuel de l'organisme" }).waitFor();

      const activities = admin.getByRole('region', { name: 'Activités' });
      await activities.getByLabel('Action de formation').check();
      await activities.getByLabel(/certification professionnelle/).check();
      await activities.getByRole('button', { name: 'Enregistrer' }).click();
      await admin
        .getByRole('status')
        .filter({ hasText: 'Activités : modifications enregistrées.' })
        .waitFor();
      await expectAccessible(admin);
      await expectNoHorizontalScroll(admin);

      await activities.getByRole('link', { name: 'Voir les indicateurs applicables' }).click();
      await admin.getByText('25 indicateurs sur 32 s’appliquent à votre organisme.').waitFor();
      await expectAccessible(admin);

      // A learner's phone: the organisation's logo, name, contact and privacy notice frame the form.
      const link = await openFeedbackLink(t, cookie);
      await t.runner.waitForPosition(link.position, UI_TIMEOUT);
      const learner = await phone();
      await learner.goto(`${base}/f/${link.token}`);
      await learner.getByRole('heading', { level: 1, name: 'Votre appréciation' }).waitFor();
      await learner.getByRole('banner').getByText('Formations Lumière').waitFor();
      expect(await learner.locator('header img.public-logo').count()).toBe(1);
      await learner.getByRole('link', { name: 'contact@lumiere.example' }).waitFor();
      await learner.getByText('Vos données personnelles').click();
      await learner
        .getByText(/Formations Lumière, organisme de formation, responsable du traitement/)
        .waitFor();
      await expectAccessible(learner);
      await expectNoHorizontalScroll(learner);

      // An auditor reads the same profile and has nothing to change.
      const email = `auditrice.${crypto.randomUUID()}@example.fr`;
      await registerAccount(
        { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
        { organisationId, email, displayName: 'Auditrice', role: 'auditor', password: PASSWORD },
      );
      const auditor = await phone(await t.login(email, PASSWORD));
      await auditor.goto(`${base}/organisation`);
      await auditor.getByText('Seul un administrateur peut modifier ces informations.').waitFor();
      await auditor.getByText('Lumière Formation SAS').waitFor();
      expect(await auditor.getByRole('button', { name: 'Enregistrer' }).count()).toBe(0);
      await expectAccessible(auditor);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
