import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';
import { openFeedbackLink } from './support/training-fixture';

const title = browserSuiteTitle('contact log on a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a quality manager logs a meeting with a funder, finds it in the list, corrects it and removes it with a reason',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Partenaires');
      await openFeedbackLink(t, cookie, { title: 'Excel avancé', sessionTitle: 'Session de mars' });
      const page = await suite.phone({ cookie, width: 390 });

      await page.goto(`${base}/contacts`);
      await page
        .getByRole('heading', { level: 1, name: 'Échanges avec les financeurs et les entreprises' })
        .waitFor();
      await page.getByText('Aucun échange pour ces critères.').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // Sending an empty form is stopped before anything is sent, with the fields marked.
      await page.getByRole('button', { name: 'Consigner l’échange' }).click();
      await page.locator('#contact-partnerName-error').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('contact-partnerName');

      await page.getByLabel('Partenaire', { exact: true }).fill('OPCO Atlas');
      await page.getByLabel('Type d’échange').selectOption('webinar');
      await page.getByLabel('Date de l’échange').fill('2026-11-20');
      await page.getByLabel('Nom de la personne 1').fill('Claire Martin');
      await page.getByLabel('Fonction de la personne 1').fill('Chargée de relation');
      await page.getByRole('button', { name: 'Ajouter une personne' }).click();
      await page.getByLabel('Nom de la personne 2').fill('Paul Girard');
      await page
        .getByLabel('Ce qu’ils ont dit')
        .fill('Les attestations arrivent trop tard.\nSinon très satisfaits.');
      await page.getByLabel('Session concernée').selectOption({ label: 'Excel avancé — Session de mars' });
      await page.getByLabel('Suite décidée').fill('Envoyer les attestations sous huit jours');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Consigner l’échange' }).click();
      await page.getByRole('status').filter({ hasText: 'Échange avec OPCO Atlas consigné.' }).waitFor();
      // The form is empty again, ready for the next contact.
      expect(await page.getByLabel('Partenaire', { exact: true }).inputValue()).toBe('');

      const details = page.getByRole('link', {
        name: 'Détails de l’échange avec OPCO Atlas du 20 novembre 2026',
      });
      await details.waitFor();
      await page.getByText('Claire Martin (Chargée de relation), Paul Girard').waitFor();
      await page.getByLabel('Partenaire (nom ou partie du nom)').fill('atlas');
      await details.waitFor();
      await page.getByLabel('Partenaire (nom ou partie du nom)').fill('France Travail');
      await page.getByText('Aucun échange pour ces critères.').waitFor();
      await page.getByLabel('Partenaire (nom ou partie du nom)').fill('');
      await expectNoHorizontalScroll(page);

      await details.click();
      await page.getByRole('heading', { level: 1, name: 'OPCO Atlas — 20 novembre 2026' }).waitFor();
      await page.locator('.card-meta').getByText('Webinaire', { exact: true }).waitFor();
      await page
        .getByRole('definition')
        .filter({ hasText: 'Les attestations arrivent trop tard.' })
        .waitFor();
      await page.getByRole('definition').filter({ hasText: 'Excel avancé — Session de mars' }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      const edit = page.getByRole('region', { name: 'Corriger' });
      await edit.getByLabel('Type d’échange').selectOption('meeting');
      await edit.getByRole('button', { name: 'Enregistrer la correction' }).click();
      await page.getByRole('status').filter({ hasText: 'Correction enregistrée.' }).waitFor();
      await page.getByText('Version 2').waitFor();
      await page.getByText(/^Corrigé le /).waitFor();

      const remove = page.getByRole('region', { name: 'Retirer l’échange' });
      await remove.getByLabel('Raison').selectOption('duplicate');
      await remove.getByRole('button', { name: 'Retirer l’échange' }).click();
      await page.getByText('Échange retiré : Doublon.').waitFor();
      await page.getByText(/^Retiré le .*\(Doublon\)$/).waitFor();
      await expectAccessible(page);

      await page.getByRole('link', { name: 'Tous les échanges' }).click();
      await page.getByText('Aucun échange pour ces critères.').waitFor();
      await page.getByLabel('Afficher aussi les échanges retirés').check();
      await details.waitFor();
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
