import type { Page } from 'playwright-core';
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
  UI_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('an improvement action from a complaint, on a phone');

/** Reloads the page until the locator shows (the reactor plans a request shortly after it is recorded). */
const reloadUntilVisible = async (page: Page, find: () => ReturnType<Page['locator']>) => {
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    try {
      await find().waitFor({ timeout: 1500 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.reload();
    }
  }
};

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite({ env: { ACTION_SWEEP_MINUTES: '0', COMPLAINT_SWEEP_MINUTES: '0' } });

  it(
    'a complaint’s improvement action is planned, scheduled, started, done, found effective and closed; the complaint shows it closed',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Amélioration');
      const recorded = await t.app.inject({
        method: 'POST',
        url: '/api/complaints',
        headers: { cookie },
        payload: {
          channel: 'phone',
          group: 'learner',
          anonymous: false,
          name: 'Jeanne Martin',
          email: 'jeanne.martin@example.fr',
          text: 'Les convocations arrivent la veille de la session.',
        },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const complaintId = recorded.json().id as string;
      const page = await suite.phone({ cookie });

      await page.goto(`${base}/complaints/${complaintId}`);
      const linked = page.getByRole('region', { name: 'Actions d’amélioration liées' });
      await linked.getByText('Aucune action d’amélioration liée.').waitFor();
      await linked.getByLabel('Intitulé de l’action').fill('Envoyer les convocations dix jours avant');
      await linked.getByRole('button', { name: 'Lancer une action d’amélioration' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Demande d’action d’amélioration enregistrée.' })
        .waitFor();
      const actionLink = () => linked.getByRole('link', { name: 'Envoyer les convocations dix jours avant' });
      await reloadUntilVisible(page, actionLink);
      await linked.getByText('Planifiée').waitFor();
      await actionLink().click();

      await page
        .getByRole('heading', { level: 1, name: 'Action : Envoyer les convocations dix jours avant' })
        .waitFor();
      await page.getByText('À planifier', { exact: true }).first().waitFor();
      await page.getByRole('link', { name: 'Réclamation', exact: true }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // Scheduled: a due date two weeks ahead.
      const due = addCalendarDays(parisDate(new Date()), 14);
      const schedule = page.getByRole('region', { name: 'Planifier et modifier' });
      await schedule.getByLabel('Échéance', { exact: true }).fill(due);
      await schedule.getByRole('button', { name: 'Planifier et modifier' }).click();
      await page.getByRole('status').filter({ hasText: 'Action enregistrée.' }).waitFor();

      const start = page.getByRole('region', { name: 'Engager l’action' });
      await start.getByRole('button', { name: 'Engager l’action' }).click();
      await page.getByRole('status').filter({ hasText: 'Action engagée.' }).waitFor();

      const complete = page.getByRole('region', { name: 'Marquer comme réalisée' });
      await complete
        .getByLabel('Ce qui a été fait')
        .fill('Modèle de convocation envoyé à J-10 par la plateforme.');
      await complete.getByRole('button', { name: 'Marquer comme réalisée' }).click();
      await page.getByRole('status').filter({ hasText: 'Action réalisée' }).waitFor();

      // No closing without the check: it is the only way forward now.
      const check = page.getByRole('region', { name: 'Vérifier l’efficacité' });
      await check.getByRole('button', { name: 'Vérifier l’efficacité' }).click();
      await check.locator('#action-check-comment-error').waitFor();
      await check.getByLabel('Résultat').selectOption('effective');
      await check
        .getByLabel('Constat (sur quoi repose ce jugement)')
        .fill('Aucune réclamation sur les convocations depuis deux mois.');
      await check.getByRole('button', { name: 'Vérifier l’efficacité' }).click();
      await page.getByRole('status').filter({ hasText: 'Efficacité vérifiée.' }).waitFor();
      await page.locator('.badge').filter({ hasText: 'Clôturée' }).waitFor();
      const history = page.getByRole('region', { name: 'Historique' });
      await history.getByText('Efficacité vérifiée — Efficace').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.goto(`${base}/complaints/${complaintId}`);
      await linked.getByRole('link', { name: 'Envoyer les convocations dix jours avant' }).waitFor();
      await linked.getByText('Clôturée').waitFor();

      await page.goto(`${base}/improvement-actions`);
      await page.getByRole('heading', { level: 1, name: 'Plan d’amélioration continue' }).waitFor();
      await page.getByRole('link', { name: 'Envoyer les convocations dix jours avant' }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
