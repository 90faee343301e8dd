import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('published results on a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a quality manager is warned, publishes figures from the form, then reads the public page and its snippet',
    async () => {
      const { t, base, browser, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Résultats');
      const page = await suite.phone({ cookie, width: 390 });

      await page.goto(`${base}/publication`);
      await page.getByRole('heading', { level: 1, name: 'Résultats publiés' }).waitFor();
      await page.getByText('Aucun résultat n’est publié : l’indicateur 2').waitFor();
      await page.getByText('La page publique sera créée à la première publication.').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // Figures that do not hold together are stopped before anything is sent, the fields marked.
      await page.getByLabel('Intitulé').fill('Année 2025');
      await page.getByLabel('Début de la période').fill('2025-01-01');
      await page.getByLabel('Fin de la période').fill('2025-12-31');
      await page.getByLabel('Nombre de stagiaires').fill('40');
      await page.getByLabel('Nombre de répondants').fill('50');
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByText('Il ne peut y avoir plus de répondants que de stagiaires.').first().waitFor();
      await expectAccessible(page);

      await page.getByLabel('Nombre de répondants').fill('30');
      await page.getByText('Taux de réponse calculé : 75 %').waitFor();
      await page.getByLabel('Satisfaction moyenne (sur 5)').fill('4,4');
      await page.getByLabel('Part de répondants satisfaits (%)').fill('92');
      await page.getByLabel('Taux d’achèvement (%)').fill('95');
      await page.getByLabel('Taux d’abandon (%)').fill('5');
      await page.getByLabel('Note').fill('Chiffres issus des questionnaires de fin de session.');
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Résultats « Année 2025 » publiés.' }).waitFor();
      await page
        .getByRole('heading', { level: 3, name: 'Année 2025 — Toutes nos actions de formation' })
        .waitFor();
      await page.getByText('Répondants : 30 (75 %)').waitFor();
      await page.getByText(/^Résultats à jour : dernière publication le/).waitFor();
      expect(await page.getByTestId('results-warning').count()).toBe(0);
      const publicUrl = await page.getByLabel('Adresse de la page publique (sans connexion)').inputValue();
      expect(publicUrl).toMatch(/\/resultats\/[A-Za-z0-9_-]{22}$/);
      const snippet = await page.getByLabel('Code à intégrer dans votre site internet').inputValue();
      expect(snippet).toContain(`<iframe src="${publicUrl}/integration"`);
      await page.getByRole('button', { name: 'Copier l’adresse' }).click();
      await page.getByRole('status').filter({ hasText: /Copi/ }).first().waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // The public page, without a session: French, dated, accessible, no sideways scroll, and no script at all.
      const visitor = await browser.newContext({
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        viewport: { width: 390, height: 844 },
        isMobile: true,
      });
      try {
        const publicPage = await visitor.newPage();
        await publicPage.goto(publicUrl);
        await publicPage.getByRole('heading', { level: 1, name: 'Nos résultats' }).waitFor();
        await publicPage.getByText('Formations Résultats').waitFor();
        await publicPage.getByText('du 1 janvier 2025 au 31 décembre 2025').waitFor();
        await publicPage.getByText('30 (taux de réponse\u00a0: 75\u00a0%)').waitFor();
        expect(await publicPage.locator('script').count()).toBe(0);
        await expectAccessible(publicPage);
        await expectNoHorizontalScroll(publicPage);

        await publicPage.goto(`${publicUrl}/integration`);
        await publicPage.getByText('Voir le détail et l’historique').waitFor();
        await expectAccessible(publicPage);
        await expectNoHorizontalScroll(publicPage);
      } finally {
        await visitor.close();
      }
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
