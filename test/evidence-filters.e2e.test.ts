import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';
import { answer } from './support/training-fixture';

const title = browserSuiteTitle('evidence by site and category on a phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a quality manager follows an indicator from the referential to its evidence, then narrows it to one site and one category',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Multisites');
      const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
      for (const [site, category] of [
        ['Lyon', 'training'],
        ['Paris', 'apprenticeship'],
      ] as const) {
        const action = await post('/api/training-actions', { title: `Action à ${site}`, category });
        const session = await post(`/api/training-actions/${action.json().id}/sessions`, {
          title: `Session à ${site}`,
          startsOn: '2026-03-02',
          endsOn: '2026-03-04',
          site,
        });
        const link = await post(
          `/api/sessions/${session.json().id}/feedback-links`,
          { audience: 'learner' },
          { 'x-min-position': String(session.json().position) },
        );
        expect(link.statusCode, link.body).toBe(201);
        expect((await answer(t, link.json().token)).statusCode).toBe(201);
      }
      await t.runner.waitForPosition(await t.lastPosition(), 10_000);

      const page = await suite.phone({ cookie, width: 390 });
      await page.goto(`${base}/referential`);
      await page.getByRole('heading', { level: 1, name: 'Référentiel national qualité' }).waitFor();
      await page.getByRole('link', { name: "4 preuves pour l'indicateur 30" }).click();
      await page.waitForURL(/\/evidence\?indicator=30$/);
      await page.getByRole('heading', { level: 2, name: "4 preuves pour l'indicateur 30" }).waitFor();
      await page.getByRole('heading', { name: "L'indicateur en bref" }).waitFor();
      await page.getByText('Sollicitation : 2').waitFor();
      await page.getByText('Session : 2 sources').waitFor();

      await page.getByLabel('Site').selectOption('Paris');
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.waitForURL(/site=Paris/);
      await page.getByRole('heading', { level: 2, name: "2 preuves pour l'indicateur 30" }).waitFor();
      await page.getByText('Session : 1 source').waitFor();
      expect(await page.getByTestId('evidence-item').count()).toBe(2);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.getByLabel('Site').selectOption('');
      await page.getByLabel("Catégorie d'action").selectOption({ label: 'Action de formation' });
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.waitForURL(/category=training/);
      await page.getByRole('heading', { level: 2, name: "2 preuves pour l'indicateur 30" }).waitFor();
      expect(await page.getByLabel('Site').inputValue()).toBe('');

      await page.getByLabel('Site').selectOption('Paris');
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.getByText('Aucune preuve pour ces critères.').waitFor();
      await expectAccessible(page);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
