import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';
import { tinyPdf } from './support/file-fixtures';

const title = browserSuiteTitle('evidence documents on a 390 px phone');

/** A PDF of its own bytes, named as a person would name it. */
const pdf = (name: string, words: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.concat([tinyPdf(), Buffer.from(`% ${words}\n`, 'latin1')]),
});

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'an administrator uploads a PDF for indicators 1 and 22, finds it in the list, adds a version and sees both in its history',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Archivées');
      const page = await suite.phone({ cookie, width: 390 });
      const status = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

      await page.goto(`${base}/evidence-documents`);
      await page.getByRole('heading', { level: 1, name: 'Documents de preuve' }).waitFor();
      await page.getByText('Aucun document ne correspond.').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // Sent empty: each missing part is said beside its field, and nothing is sent.
      const newDocument = page.getByRole('region', { name: 'Ajouter un document' });
      await newDocument.getByRole('button', { name: 'Ajouter le document' }).click();
      await page.locator('#document-new-title-error').waitFor();
      await newDocument.getByText('Cochez au moins un indicateur.').waitFor();
      await newDocument.getByText('Choisissez le fichier du document.').waitFor();
      await expectAccessible(page);

      await newDocument.getByLabel('Titre du document').fill('Livret d’accueil');
      await newDocument.getByLabel('Indicateur 1', { exact: true }).check();
      await newDocument.getByLabel('Indicateur 22', { exact: true }).check();
      await newDocument.getByLabel('Fichier').setInputFiles(pdf('livret-accueil.pdf', 'version 1'));
      await newDocument.getByRole('button', { name: 'Ajouter le document' }).click();
      await status('Document « Livret d’accueil » ajouté.');
      const card = page
        .locator('.card')
        .filter({ has: page.getByRole('link', { name: 'Livret d’accueil' }) });
      await card.getByText('Version 1').waitFor();
      await card.getByText('Indicateurs : 1, 22').waitFor();
      await card.getByRole('link', { name: /^Télécharger livret-accueil\.pdf/ }).waitFor();

      await card.getByRole('link', { name: 'Livret d’accueil' }).click();
      await page.getByRole('heading', { level: 1, name: 'Livret d’accueil' }).waitFor();
      const newVersion = page.getByRole('region', { name: 'Nouvelle version' });
      await newVersion.getByText('Laissez vide pour la version 2.').waitFor();
      await newVersion.getByLabel('Titre du document').fill('Livret d’accueil 2027');
      await newVersion.getByLabel('Note (facultative)').fill('Ajout des contacts du référent handicap');
      await newVersion.getByLabel('Fichier').setInputFiles(pdf('livret-accueil-2027.pdf', 'version 2'));
      await newVersion.getByRole('button', { name: 'Ajouter la version' }).click();
      await status('Version 2 ajoutée.');
      await page.getByRole('heading', { level: 1, name: 'Livret d’accueil 2027' }).waitFor();

      const history = page.getByRole('region', { name: 'Historique des versions' });
      await history.getByRole('heading', { name: 'Version 2 — Livret d’accueil 2027' }).waitFor();
      await history.getByRole('heading', { name: 'Version 1 — Livret d’accueil' }).waitFor();
      await history.getByText('Ajout des contacts du référent handicap').waitFor();
      const links = history.getByRole('link', { name: /^Télécharger / });
      expect(await links.count()).toBe(2);
      const first = await history
        .getByRole('link', { name: /^Télécharger livret-accueil\.pdf/ })
        .getAttribute('href');
      const downloaded = await page.request.get(`${base}${first}`);
      expect(downloaded.status()).toBe(200);
      expect(Buffer.from(await downloaded.body()).equals(pdf('', 'version 1').buffer)).toBe(true);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // From the referential, indicator 22 leads to its documents.
      await page.goto(`${base}/referential`);
      await page.getByRole('link', { name: 'Documents de preuve de l’indicateur 22' }).click();
      await page.getByRole('heading', { level: 1, name: 'Documents de preuve' }).waitFor();
      await page.getByRole('link', { name: 'Livret d’accueil 2027' }).waitFor();
      expect(await page.getByLabel('Indicateur justifié').inputValue()).toBe('22');
      await expectAccessible(page);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
