import { describe, expect, it } from 'vitest';
import { parisDate } from '../services/kernel/paris-time';
import { addCalendarDays } from '../services/kernel/working-days';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('audit readiness on the dashboard, on a 360 px phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'shows the counts, each indicator to fix with its status in words and its reasons, those lacking evidence together, the ready ones, each linking to its evidence',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie, userId } = await t.organisation('Formations Prêtes');
      const post = async (url: string, payload: object) => {
        const response = await t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
        expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
      };
      await post('/api/disability-network/partners', {
        kind: 'cap_emploi',
        name: 'Cap emploi 69',
        contacts: [],
      });
      await post('/api/disability-network/referent', { memberId: userId, trainings: [] });
      await post('/api/complaints', {
        channel: 'letter',
        group: 'learner',
        anonymous: false,
        name: 'Jeanne Martin',
        phone: '06 12 34 56 78',
        text: 'La salle était trop petite.',
        receivedOn: addCalendarDays(parisDate(new Date()), -30),
      });
      await t.runner.waitForPosition(await t.lastPosition(), 10_000);

      const page = await suite.phone({ cookie });
      await page.goto(`${base}/`);
      const panel = page.getByTestId('readiness');
      await panel.getByRole('heading', { name: 'Préparation de l’audit' }).waitFor();
      await panel.getByText('Aucun audit n’est prévu.').waitFor();

      const thirtyOne = panel.locator('.readiness-row').filter({
        has: page.getByRole('link', { name: 'Indicateur 31', exact: true }),
      });
      await thirtyOne.getByText('À risque').waitFor();
      await thirtyOne
        .getByText('1 réclamation attend un accusé de réception ou une réponse au-delà du délai fixé : R-')
        .waitFor();
      const two = panel.locator('.readiness-row').filter({
        has: page.getByRole('link', { name: 'Indicateur 2', exact: true }),
      });
      await two.getByText('Manquant').waitFor();
      await two.getByText('Aucun résultat publié', { exact: false }).waitFor();
      const withoutEvidence = panel.getByRole('list', { name: 'Indicateurs manquants, faute de preuve' });
      await withoutEvidence.getByRole('link', { name: 'Indicateur 4', exact: true }).waitFor();
      expect(await withoutEvidence.getByRole('link', { name: 'Indicateur 31', exact: true }).count()).toBe(0);
      const ready = panel.getByRole('list', { name: 'Indicateurs prêts' });
      await ready.getByRole('link', { name: 'Indicateur 26' }).waitFor();
      expect(await panel.locator('.readiness-figure-ready dd').textContent()).toBe('1');

      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await thirtyOne.getByRole('link', { name: 'Indicateur 31', exact: true }).click();
      await page.waitForURL(/\/evidence\?indicator=31&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
