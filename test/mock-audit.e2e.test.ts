import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FRENCH_MONTHS } from '../services/binder/french';
import { parisDate } from '../services/kernel/paris-time';
import { graphql } from './support/app';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
  UI_TIMEOUT,
} from './support/browser';
import { colleague } from './support/team';

const title = browserSuiteTitle('a mock audit run by a quality manager, on a phone');

/** A day as the French pages write it: `6 décembre 2026`. */
const inFrench = (day: string) => {
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  return `${dayOfMonth} ${FRENCH_MONTHS[month - 1]} ${year}`;
};

const expectUsableOnPhone = async (page: Page) => {
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
};

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite({ env: { ACTION_SWEEP_MINUTES: '0' } });

  it(
    'walks 30, 31 and 32 in the auditor’s order, ticks a checkpoint, records a major finding on 31 (no minor offered there) and turns it into an improvement action in one step',
    async () => {
      const { t, base, pageErrors } = suite;
      const admin = await t.organisation('Formations Audit Blanc');
      const manager = await colleague(t, admin, 'quality_manager', 'Claire Qualité');
      const page = await suite.phone({ cookie: manager.cookie });
      const status = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

      // 1. The list is empty; a scope that is not indicator numbers is stopped before anything is sent.
      await page.goto(`${base}/mock-audits`);
      await page.getByRole('heading', { level: 1, name: 'Audits à blanc' }).waitFor();
      await page.getByText('Aucun audit à blanc pour le moment.').waitFor();
      await expectUsableOnPhone(page);
      const scope = page.getByLabel('Indicateurs à parcourir (facultatif)');
      await scope.fill('trente');
      await page.getByRole('button', { name: 'Démarrer un audit à blanc' }).click();
      await page.locator('#mock-audit-scope-error').waitFor();
      await scope.fill('32, 30, 31');
      await page.getByRole('button', { name: 'Démarrer un audit à blanc' }).click();

      // 2. The walk: criterion 7's indicators in their order, each with its checkpoints.
      const today = parisDate(new Date());
      await page.getByRole('heading', { level: 1, name: `Audit à blanc du ${inFrench(today)}` }).waitFor();
      const headings = page.locator('.mock-audit-indicator summary h3');
      await expect
        .poll(() => headings.allTextContents())
        .toEqual(['Indicateur 30', 'Indicateur 31', 'Indicateur 32']);
      const thirty = page.getByTestId('mock-audit-indicator-30');
      await thirty.locator('summary').click();
      await thirty.getByLabel('Financeurs : relances faites auprès de ceux qui n’ont pas répondu').waitFor();
      await thirty
        .getByLabel('Bénéficiaires (stagiaires) : expression libre possible (question ouverte, entretien)')
        .waitFor();

      const thirtyOne = page.getByTestId('mock-audit-indicator-31');
      await thirtyOne.locator('summary').click();
      await thirtyOne.getByText('Majeur uniquement', { exact: true }).waitFor();
      await thirtyOne.getByLabel('Accusé de réception envoyé au réclamant').check();
      await thirtyOne.getByText('1 sur 5 points vérifiés').waitFor();

      // 3. A finding on 31: only major or observation offered; an empty text is stopped and said.
      const grade = thirtyOne.getByLabel('Gravité');
      expect(await grade.locator('option').allTextContents()).toEqual([
        'Non-conformité majeure',
        'Observation',
      ]);
      expect(await grade.inputValue()).toBe('major');
      await thirtyOne.getByRole('button', { name: 'Enregistrer le constat' }).click();
      await thirtyOne.getByRole('alert').filter({ hasText: 'Décrivez le constat.' }).waitFor();
      await thirtyOne
        .getByLabel('Constat', { exact: true })
        .fill('Aucun accusé de réception n’a été envoyé aux trois derniers réclamants.');
      await thirtyOne.getByRole('button', { name: 'Enregistrer le constat' }).click();
      await status('Constat enregistré.');
      const finding = thirtyOne.getByTestId('mock-audit-finding');
      await finding.getByText('Non-conformité majeure').waitFor();
      await page.getByTestId('mock-audit-counts').filter({ hasText: '1 majeure(s), 0 mineure(s)' }).waitFor();
      await expectUsableOnPhone(page);

      // 4. One step: the finding becomes an improvement action, and the finding links to it.
      await finding.getByRole('button', { name: 'Créer une action' }).click();
      await status('Action d’amélioration créée.');
      const link = finding.getByRole('link', { name: 'Voir l’action d’amélioration' });
      await link.waitFor();
      expect(await finding.getByRole('button', { name: 'Créer une action' }).count()).toBe(0);
      const actionId = (await link.getAttribute('href'))!.split('/').at(-1)!;
      const planned = async () => {
        const result = await graphql(
          t.app,
          manager.cookie,
          'query ($id: ID!) { improvementAction(id: $id) { id } }',
          {
            id: actionId,
          },
        );
        return Boolean(result.data?.improvementAction);
      };
      await expect.poll(planned, { timeout: UI_TIMEOUT }).toBe(true);
      await link.click();
      await page
        .getByRole('heading', {
          level: 1,
          name: 'Audit à blanc, indicateur 31 : Aucun accusé de réception n’a été envoyé aux trois derniers réclamants.',
        })
        .waitFor();
      await page.getByText('Constat d’audit à blanc — indicateur 31').waitFor();
      await expectUsableOnPhone(page);

      // 5. Back on the mock audit, completing it closes it to new findings.
      await page.goBack();
      await page.getByRole('button', { name: 'Terminer l’audit à blanc' }).click();
      await status('Audit à blanc terminé.');
      await page.getByTestId('mock-audit-status').filter({ hasText: 'Terminé' }).waitFor();
      expect(await page.getByRole('button', { name: 'Enregistrer le constat' }).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
