import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('questionnaire editor on a phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a quality manager copies a ready questionnaire, previews it, adds a choice question and saves version 2',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Questions');
      const page = await suite.phone({ cookie });

      await page.goto(`${base}/questionnaires`);
      await page.getByRole('heading', { level: 1, name: 'Questionnaires' }).waitFor();
      await page.getByText('Aucun questionnaire pour l’instant').waitFor();
      await page.getByText('Aperçu du modèle « Financeurs »').click();
      await page.getByText('Les documents transmis (conventions, attestations, bilans)').first().waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page
        .getByRole('button', { name: 'Utiliser le modèle « Apprenants — fin de session (« à chaud ») »' })
        .click();
      await page
        .getByRole('heading', { level: 1, name: 'Votre avis sur la formation (fin de session)' })
        .waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      // A question asked in version 1 keeps its kind.
      expect(await page.locator('#question-0-kind').isDisabled()).toBe(true);

      await page.getByLabel('Titre (français)').fill('Fin de session — version courte');
      await page.getByRole('button', { name: 'Ajouter une question' }).click();
      const last = page.locator('fieldset.question-editor').last();
      await last.getByLabel('Type de réponse').selectOption('multiple_choice');
      expect(await last.getByLabel('Type de réponse').isEnabled()).toBe(true);
      // Saving with empty French texts is stopped before anything is sent, with the fields marked.
      await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
      await last.getByRole('alert').first().waitFor();
      await last.getByLabel('Libellé (français)').fill('Quels modules vous ont le plus servi ?');
      await last.getByLabel('Choix 1 (français)').fill('Tableaux croisés');
      await last.getByLabel('Choix 2 (français)').fill('Graphiques');
      await last.getByRole('button', { name: 'Ajouter un choix' }).click();
      await last.getByLabel('Choix 3 (français)').fill('Macros');

      const preview = page.getByRole('region', { name: 'Aperçu' });
      await preview.getByText('Quels modules vous ont le plus servi ?').waitFor();
      await preview.getByLabel('Macros').waitFor();
      await preview.getByLabel('English').check();
      await preview.getByText('Overall, how satisfied are you with this training?').waitFor();
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
      await page.getByRole('status').filter({ hasText: 'Version 2 enregistrée.' }).waitFor();
      await page.getByText(/^Version 2 — /).waitFor();
      await page.getByText(/^Version 1 — /).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Fin de session — version courte' }).waitFor();
      // The new question is now asked: its kind is fixed too.
      expect(
        await page.locator('fieldset.question-editor').last().getByLabel('Type de réponse').isDisabled(),
      ).toBe(true);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
