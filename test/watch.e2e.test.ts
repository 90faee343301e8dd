import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('watch register on a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a legal-change note is recorded, analysed (change needed), passed on to the team and leads to an action; the register shows it exploited and indicator 23 lists the steps',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Veille');
      const page = await suite.phone({ cookie, width: 390 });

      await page.goto(`${base}/watch`);
      await page.getByRole('heading', { level: 1, name: 'Registre de veille' }).waitFor();
      await page.getByText('Aucune note ne correspond.').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // An empty form is stopped before anything is sent.
      await page.getByRole('button', { name: 'Enregistrer la note' }).click();
      await page.locator('#watch-new-title-error').waitFor();

      const form = page.getByRole('region', { name: 'Nouvelle note de veille' });
      await form.getByLabel('Thème').selectOption('legal_regulatory');
      await form.getByLabel('Objet', { exact: true }).fill('Décret modifiant le référentiel qualité');
      await form.getByLabel('Source', { exact: true }).fill('Légifrance');
      await form.getByLabel('Adresse de la source (facultatif)').fill('https://www.legifrance.gouv.fr/');
      await form.getByLabel('Date de l’information').fill('2026-11-20');
      await form
        .getByLabel('Résumé')
        .fill('Plusieurs indicateurs sont reformulés ; nos contrats citent l’ancienne rédaction.');
      await form.getByRole('button', { name: 'Enregistrer la note' }).click();
      await page.getByRole('status').filter({ hasText: 'Note enregistrée.' }).waitFor();

      const link = page.getByRole('link', { name: 'Décret modifiant le référentiel qualité' });
      await link.waitFor();
      await page.locator('.card').getByText('À analyser', { exact: true }).waitFor();
      await link.click();

      await page
        .getByRole('heading', { level: 1, name: 'Décret modifiant le référentiel qualité' })
        .waitFor();
      await page.getByText('Indicateurs : 23').waitFor();
      await expectAccessible(page);

      const analysis = page.getByRole('region', { name: 'Analyse' });
      await analysis.getByLabel('Impact').selectOption('change_needed');
      await analysis
        .getByLabel('Analyse', { exact: true })
        .fill('Les contrats et le livret citent l’ancienne rédaction.');
      await analysis.getByLabel('Décision').fill('Mettre à jour les contrats avant la prochaine session');
      await analysis.getByLabel('Changements réalisés (facultatif)').fill('Contrat type v4 préparé');
      await analysis.getByRole('button', { name: 'Enregistrer l’analyse' }).click();
      await page.getByRole('status').filter({ hasText: 'Analyse enregistrée.' }).waitFor();
      await page.getByText('Diffusion interne manquante').first().waitFor();

      const communication = page.getByRole('region', { name: 'Diffusion interne' });
      await communication
        .getByLabel('Destinataires (groupes, séparés par des virgules)')
        .fill('formateurs, équipe administrative');
      await communication.getByLabel('Moyen').selectOption('meeting');
      await communication.getByRole('button', { name: 'Enregistrer la diffusion' }).click();
      await page.getByRole('status').filter({ hasText: 'Diffusion enregistrée.' }).waitFor();

      const improvement = page.getByRole('region', { name: 'Action d’amélioration' });
      await improvement.getByLabel('Intitulé de l’action').fill('Mettre à jour les contrats');
      await improvement.getByRole('button', { name: 'Demander une action d’amélioration' }).click();
      await page.getByRole('status').filter({ hasText: 'Action d’amélioration demandée.' }).waitFor();
      await page
        .getByRole('region', { name: 'Actions demandées' })
        .getByText(/^Mettre à jour les contrats/)
        .waitFor();

      const timeline = page.getByRole('region', { name: 'Historique' });
      await timeline.getByText('Enregistrée', { exact: true }).waitFor();
      await timeline.getByText('Analysée', { exact: true }).waitFor();
      await timeline.getByText('Diffusée en interne', { exact: true }).waitFor();
      await timeline.getByText('À : formateurs, équipe administrative').waitFor();
      expect(await page.getByText('Diffusion interne manquante').count()).toBe(0);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.getByRole('link', { name: 'Retour au registre' }).click();
      await page.getByRole('heading', { level: 1, name: 'Registre de veille' }).waitFor();
      const card = page.locator('.card').filter({ hasText: 'Décret modifiant le référentiel qualité' });
      await card.getByText('Analysée', { exact: true }).waitFor();
      expect(await card.getByText('Non exploitée').count()).toBe(0);
      await page.getByLabel('Seulement les notes non exploitées').check();
      await page.getByText('Aucune note ne correspond.').waitFor();
      await expectAccessible(page);

      await page.goto(`${base}/evidence?indicator=23`);
      const evidence = page.getByTestId('evidence-item');
      await evidence
        .filter({ hasText: 'Information de veille légale et réglementaire : Légifrance — 20/11/2026' })
        .waitFor();
      await evidence
        .filter({
          hasText: 'Analyse d’une information de veille légale et réglementaire (changement nécessaire)',
        })
        .waitFor();
      await evidence
        .filter({
          hasText: 'Diffusion interne d’une information de veille légale et réglementaire (réunion)',
        })
        .waitFor();
      await expectAccessible(page);

      // The disability network page (26) reads as an empty network, accessibly, at phone width.
      await page.goto(`${base}/disability-network`);
      await page.getByRole('heading', { level: 1, name: 'Réseau handicap' }).waitFor();
      await page.getByText('Aucun partenaire enregistré.').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
