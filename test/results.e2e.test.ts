import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';
import { appendCampaignAnswer, appendLegacyAnswer, resultsCampaign } from './support/results-fixture';

const title = browserSuiteTitle('survey results on a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a quality manager reads the figures and the trend, reviews a low-score comment and starts an improvement action from it',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie, organisationId } = await t.organisation('Formations Résultats');
      const campaign = await resultsCampaign(t, cookie, organisationId, { respondents: 2 });
      await appendCampaignAnswer(t, campaign, {
        answeredOn: '2027-03-05',
        respondentId: campaign.respondentIds[0],
        given: { overall: 5, recommend: 10, again: true, comment: 'Formation très claire' },
      });
      await appendCampaignAnswer(t, campaign, {
        answeredOn: '2027-04-02',
        given: { overall: 2, recommend: 4, format: 'remote', skills: 3, comment: 'Le son coupait souvent' },
      });
      await appendLegacyAnswer(t, organisationId, {
        at: '2027-02-10T09:00:00Z',
        rating: 4,
        comment: null,
        site: 'Paris',
      });
      await t.runner.waitForPosition(await t.lastPosition(), 10_000);

      const page = await suite.phone({ cookie, width: 390 });

      await page.goto(`${base}/results`);
      await page.getByRole('heading', { level: 1, name: 'Résultats des questionnaires' }).waitFor();
      const figures = page.getByRole('region', { name: 'En bref' });
      await figures.getByText('3', { exact: true }).first().waitFor();
      await figures.getByText('50 %').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Satisfaction (indicateur 30)' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Évaluation des acquis (indicateur 11)' }).waitFor();
      // The trend: a chart drawn by chart.js, and its table for screen readers.
      const trend = page.getByRole('region', { name: 'Évolution mois par mois' });
      await trend.locator('canvas').waitFor();
      await trend
        .getByRole('table', { name: 'Satisfaction par mois (heure de Paris)' })
        .waitFor({ state: 'attached' });
      await page.waitForFunction(() => {
        const canvas = document.querySelector('.results-chart canvas') as HTMLCanvasElement | null;
        return !!canvas && canvas.width > 0 && canvas.height > 0;
      });
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      const comments = page.getByRole('region', { name: 'Commentaires' });
      const low = comments.getByRole('listitem').filter({ hasText: 'Le son coupait souvent' });
      await low.getByText('Note basse').waitFor();
      await low.getByRole('button', { name: 'Marquer comme relu' }).click();
      await page.getByRole('status').filter({ hasText: 'Réponse marquée comme relue.' }).waitFor();
      await low.getByText(/^Relu le /).waitFor();
      await low.getByRole('button', { name: 'Lancer une action d’amélioration' }).click();
      await page.getByRole('status').filter({ hasText: 'Demande enregistrée.' }).waitFor();
      await low.getByText('Action d’amélioration demandée : Le son coupait souvent').waitFor();
      expect(await low.getByRole('button', { name: 'Lancer une action d’amélioration' }).count()).toBe(0);
      await expectAccessible(page);

      // Narrowed to the legacy answers' site: one answer, asked by name nowhere.
      await page.getByLabel('Lieu').fill('Paris');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await figures.getByText('Personne n’a été interrogé nominativement pour ce filtre.').waitFor();
      await figures.getByText('1', { exact: true }).first().waitFor();
      const csv = page.getByRole('link', { name: 'Télécharger en CSV (tableur)' });
      expect(await csv.getAttribute('href')).toBe('/api/results/export?format=csv&site=Paris');
      await expectNoHorizontalScroll(page);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
