import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';
import { appendCampaignAnswer, resultsCampaign } from './support/results-fixture';

const title = browserSuiteTitle('results publication prefilled from the surveys, and the home warning');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'the home warns until results are published; the form takes the survey figures, completed by hand',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie, organisationId } = await t.organisation('Formations Préremplies');
      const campaign = await resultsCampaign(t, cookie, organisationId, { respondents: 4 });
      const [first, second] = campaign.respondentIds;
      // Three learners answered in June 2026 (ratings 5, 3 and 4); the campaign itself is sent later.
      await appendCampaignAnswer(t, campaign, {
        answeredOn: '2026-06-10',
        respondentId: first,
        given: { overall: 5 },
      });
      await appendCampaignAnswer(t, campaign, {
        answeredOn: '2026-06-12',
        respondentId: second,
        given: { overall: 3 },
      });
      await appendCampaignAnswer(t, campaign, { answeredOn: '2026-06-15', given: { overall: 4 } });

      const page = await suite.phone({ cookie, width: 390 });

      await page.goto(`${base}/`);
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
      const warning = page.getByTestId('dashboard-publication-warning');
      await warning.getByText('Vous n’avez encore publié aucun résultat').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await warning.getByRole('link', { name: 'Publier des résultats' }).click();

      await page.getByRole('heading', { level: 1, name: 'Résultats publiés' }).waitFor();
      const prefill = page.getByRole('button', { name: 'Reprendre les chiffres des questionnaires' });
      // Without a period there is nothing to read.
      await prefill.click();
      await page.getByText('Ce champ est obligatoire.').first().waitFor();

      await page.getByLabel('Intitulé').fill('Excel, juin 2026');
      await page.getByLabel('Début de la période').fill('2026-06-01');
      await page.getByLabel('Fin de la période').fill('2026-06-30');
      await page.getByLabel('Périmètre').selectOption({ label: 'Excel avancé' });
      await prefill.click();
      const source = page.getByTestId('results-prefill-source');
      await source
        .getByText(
          'Chiffres repris des questionnaires du 1 juin 2026 au 30 juin 2026 pour « Excel avancé » : 3 répondant(s).',
          { exact: false },
        )
        .waitFor();
      await source.getByText('ne donnent pas le nombre de stagiaires', { exact: false }).waitFor();
      expect(await page.getByLabel('Nombre de répondants').inputValue()).toBe('3');
      expect(await page.getByLabel('Nombre de stagiaires').inputValue()).toBe('');
      expect(await page.getByLabel('Satisfaction moyenne (sur 5)').inputValue()).toBe('4');
      // Satisfied: a mean satisfaction rating of 4 or more (5 and 4 out of 3 rated respondents).
      expect(await page.getByLabel('Part de répondants satisfaits (%)').inputValue()).toBe('66,7');
      expect(await page.getByLabel('Taux d’achèvement (%)').inputValue()).toBe('');
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // The person completes and corrects before publishing.
      await page.getByLabel('Nombre de stagiaires').fill('4');
      await page.getByText('Taux de réponse calculé : 75 %').waitFor();
      await page.getByLabel('Satisfaction moyenne (sur 5)').fill('4,1');
      await page.getByLabel('Taux d’achèvement (%)').fill('100');
      await page.getByLabel('Taux d’abandon (%)').fill('0');
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Résultats « Excel, juin 2026 » publiés.' }).waitFor();
      await page.getByText('Répondants : 3 (75 %)').waitFor();
      await page.getByText('Satisfaction : 4,1 / 5').waitFor();
      await page.getByText('Satisfaits : 66,7 %').waitFor();

      await page.getByRole('link', { name: 'Tableau de bord' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'En chiffres' }).waitFor();
      // The home may show its cached figures first, then those read after the publication: no warning left.
      await page.getByTestId('dashboard-publication-warning').waitFor({ state: 'detached' });
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
