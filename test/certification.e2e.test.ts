import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';
import { profileCommand } from './support/organisation-fixture';

const title = browserSuiteTitle('certification journey on a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'an administrator starts the journey, sets the turnover band and reads the duration and its lines, records a quote (a wrong amount stopped at its field), ticks a step; the dashboard shows the checklist',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Parcours');
      const activities = await profileCommand(
        t,
        cookie,
        'activities',
        { categories: ['training', 'apprenticeship'] },
        -1,
      );
      expect(activities.statusCode, activities.body).toBe(200);
      const page = await suite.phone({ cookie, width: 390 });
      const status = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

      await page.goto(`${base}/certification`);
      await page.getByRole('heading', { level: 1, name: 'Parcours de certification' }).waitFor();
      await page.getByText('Aucun parcours en cours.').waitFor();
      await page.getByText(/Choisissez la tranche de chiffre d’affaires/).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.getByLabel('Ce que vous préparez').selectOption('initial');
      await page.getByRole('button', { name: 'Commencer le parcours' }).click();
      await status('Parcours commencé.');
      await page.getByText('0 étape(s) sur 7 faites').waitFor();

      await page.getByLabel(/Chiffre d’affaires formation/).selectOption('under_150k');
      await page.getByRole('button', { name: 'Enregistrer la tranche' }).click();
      await status('Tranche de chiffre d’affaires enregistrée.');
      const estimate = page.getByTestId('certification-estimate');
      await estimate.getByText('Durée estimée : 1,5 jour').waitFor();
      await estimate.getByText(/Base — Chiffre d’affaires inférieur à 150 000 €/).waitFor();
      await estimate.getByText(/Catégorie : apprentissage/).waitFor();

      const quotes = page.getByRole('region', { name: 'Devis' });
      await quotes.getByLabel('Organisme').fill('ICPF');
      await quotes.getByLabel('Audit initial (€ HT)').fill('huit cents');
      await quotes.getByLabel('Suivi annuel (€ HT)').fill('440');
      await quotes.getByRole('button', { name: 'Enregistrer le devis' }).click();
      await page.locator('#quote-initialAuditCents-error').waitFor();
      expect(await page.locator('#quote-initialAuditCents').getAttribute('aria-describedby')).toContain(
        'quote-initialAuditCents-error',
      );
      await quotes.getByLabel('Audit initial (€ HT)').fill('885,50');
      await quotes.getByRole('button', { name: 'Enregistrer le devis' }).click();
      await status('Devis enregistré.');
      await quotes.getByRole('cell', { name: /885,50/ }).waitFor();

      await page
        .getByRole('button', { name: 'Marquer « Étudier le référentiel national qualité » comme fait' })
        .click();
      await status('Étape enregistrée.');
      await page.getByText('1 étape(s) sur 7 faites').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.goto(`${base}/`);
      const panel = page.getByTestId('dashboard-certification');
      await panel.getByText('1 étape(s) sur 7 faites').waitFor();
      await panel.getByRole('link', { name: 'Voir le parcours de certification' }).waitFor();
      await expectAccessible(page);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
