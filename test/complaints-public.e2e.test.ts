import { describe, expect, it } from 'vitest';
import { fixedClock } from '../services/kernel/clock';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';
import { tinyPdf } from './support/file-fixtures';

const title = browserSuiteTitle('the public complaint page on a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  // Tuesday 11 May 2027, 10:00 in Paris.
  const suite = browserSuite({ clock: fixedClock(new Date('2027-05-11T08:00:00Z')) });

  it(
    'an admin gives the page its address; a learner files a complaint with an attachment and sees the confirmation',
    async () => {
      const { t, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Recours');

      const admin = await suite.phone({ cookie, width: 390 });
      await admin.goto(`${suite.base}/organisation`);
      await admin.getByRole('heading', { level: 2, name: 'Page de réclamation publique' }).waitFor();
      await admin.getByRole('button', { name: 'Créer l’adresse' }).click();
      const field = admin.getByRole('textbox', { name: 'Page de réclamation publique' });
      await field.waitFor();
      const url = await field.inputValue();
      expect(url).toMatch(/\/r\/[A-Za-z0-9_-]{20}$/);
      await admin.getByRole('img', { name: 'QR code de la page de réclamation' }).waitFor();
      await expectAccessible(admin);
      await expectNoHorizontalScroll(admin);

      const page = await suite.phone({ width: 390 });
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: 'Déposer une réclamation' }).waitFor();
      await page.getByText('Jusqu’à 5 fichier(s) de 10 Mo chacun au plus').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // Nothing chosen: each missing answer is said beside its field, and nothing is sent.
      await page.getByRole('button', { name: 'Envoyer ma réclamation' }).click();
      await page.getByText('Choisissez qui vous êtes.').waitFor();
      await page.getByText('Décrivez votre réclamation.').waitFor();
      await expectAccessible(page);

      await page.getByLabel('Apprenant ou apprenante').check();
      await page.getByLabel('Nom et prénom (obligatoire)').fill('Camille Durand');
      await page.getByLabel('Adresse électronique').fill('camille.durand@example.fr');
      await page.getByLabel('Objet (facultatif)').fill('Session de mai, site de Lyon');
      await page
        .getByLabel('Votre réclamation (obligatoire)')
        .fill('La formatrice était absente deux jours et personne ne nous a prévenus.');
      await page
        .getByLabel('Pièces jointes (facultatif)')
        .setInputFiles({ name: 'attestation.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
      await page.getByRole('list', { name: 'Fichiers choisis' }).getByText('attestation.pdf').waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Envoyer ma réclamation' }).click();

      await page.getByRole('heading', { level: 1, name: 'Votre réclamation est enregistrée' }).waitFor();
      await page.getByText('Sa référence : R-2027-001').waitFor();
      await page.getByText('Formations Recours en accuse réception sous 2 jour(s) ouvré(s)').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
