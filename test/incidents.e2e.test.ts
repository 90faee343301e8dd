import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../scripts/build';
import { startTestApp, type TestApp } from './support/app';
import {
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
  launchChromium,
  serve,
  signedInPhone,
} from './support/browser';
import { openFeedbackLink } from './support/training-fixture';

const title = browserSuiteTitle('difficulties and disruptions on a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let context: BrowserContext | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await t?.stop();
  }, 60_000);

  it(
    'a quality manager records a learner at risk, takes a measure, resolves it and starts an improvement action',
    async () => {
      const { cookie } = await t.organisation('Formations Aléas');
      await openFeedbackLink(t, cookie, { title: 'Excel avancé', sessionTitle: 'Session de mars' });
      const phone = await signedInPhone(browser, base, cookie, pageErrors);
      context = phone.context;
      const { page } = phone;
      await page.setViewportSize({ width: 390, height: 844 });

      await page.goto(`${base}/incidents`);
      await page.getByRole('heading', { level: 1, name: 'Difficultés et aléas' }).waitFor();
      await page.getByText('Aucune difficulté ni aucun aléa pour ces critères.').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // A description left empty is stopped before anything is sent.
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.locator('#incident-description-error').waitFor();

      await page.locator('#incident-category').selectOption('dropout_risk');
      await page.locator('#incident-severity').selectOption('major');
      await page.locator('#incident-occurredOn').fill('2026-11-20');
      await page.getByLabel('Session concernée').selectOption({ label: 'Excel avancé — Session de mars' });
      await page.getByLabel('Lieu').fill('Lyon');
      await page
        .getByLabel('Ce qui s’est passé')
        .fill('Une apprenante absente deux jours parle d’abandonner.');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();

      const heading = 'Risque de rupture de parcours du 20 novembre 2026';
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByRole('definition').filter({ hasText: 'parle d’abandonner' }).waitFor();
      await page.getByRole('definition').filter({ hasText: '12, 31' }).waitFor();
      await page.getByText('Aucune mesure pour l’instant.').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.getByLabel('Mesure', { exact: true }).fill('Entretien individuel et plan de rattrapage.');
      await page.getByRole('button', { name: 'Enregistrer la mesure' }).click();
      await page.getByRole('status').filter({ hasText: 'Mesure enregistrée.' }).waitFor();
      await page.getByText('Entretien individuel et plan de rattrapage.').waitFor();

      const resolve = page.getByRole('region', { name: 'Marquer comme résolu' });
      await resolve.getByLabel('Comment la situation a été résolue').fill('Elle poursuit sa formation.');
      await resolve.getByRole('button', { name: 'Marquer comme résolu' }).click();
      await page.getByRole('status').filter({ hasText: 'Marqué comme résolu.' }).waitFor();
      await page.getByText(/^Résolu le .*: Elle poursuit sa formation\.$/).waitFor();
      await page.getByRole('button', { name: 'Rouvrir' }).waitFor();
      await expectAccessible(page);

      await page.getByLabel('Intitulé de l’action').fill('Repérer plus tôt les absences répétées');
      await page.getByRole('button', { name: 'Lancer une action d’amélioration' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Demande d’action d’amélioration enregistrée.' })
        .waitFor();
      await page.getByText(/^Action d’amélioration demandée le /).waitFor();
      await expectNoHorizontalScroll(page);

      await page.getByRole('link', { name: 'Toutes les difficultés et tous les aléas' }).click();
      await page.getByRole('link', { name: heading }).waitFor();
      await page.getByText('1 au total · 0 en cours · 1 résolus · 0 majeurs en cours').waitFor();
      await page.locator('#incidents-filter-status').selectOption('open');
      await page.getByText('Aucune difficulté ni aucun aléa pour ces critères.').waitFor();
      await expectAccessible(page);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
