import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('feedback campaign on a phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a quality manager plans a campaign for a session, sees a bad file refused line by line, then imports it fixed',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Campagnes');
      const post = (url: string, payload: object) =>
        t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
      const action = await post('/api/training-actions', { title: 'Excel', category: 'training' });
      await post(`/api/training-actions/${action.json().id}/sessions`, {
        title: 'Session de mars',
        startsOn: '2027-03-01',
        endsOn: '2027-03-05',
        site: 'Lyon',
      });
      await post('/api/questionnaires', { fromTemplate: 'learner_end_of_session' });

      const page = await suite.phone({ cookie });

      await page.goto(`${base}/campaigns`);
      await page.getByRole('heading', { level: 1, name: 'Campagnes de recueil' }).waitFor();
      await page.getByText('Aucune campagne pour l’instant.').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.getByLabel('Nombre de jours').fill('0');
      await page.getByRole('button', { name: 'Prévoir la campagne' }).click();
      await page
        .getByRole('heading', { level: 1, name: /Apprenants — Session de mars — envoi le 5 mars 2027/ })
        .waitFor();
      await page.getByText('Personne pour l’instant').waitFor();

      const csv = (lines: string[]) => ({
        name: 'stagiaires.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`${['Nom;Prénom;E-mail', ...lines].join('\r\n')}\r\n`, 'latin1'),
      });
      await page
        .getByLabel('Fichier', { exact: true })
        .setInputFiles(csv(['Lefèvre;Zoé;zoe@example.fr', 'Martin;Paul;paul.example.fr']));
      await page.getByRole('button', { name: 'Importer' }).click();
      await page.getByText('Ligne 3 : adresse e-mail invalide').waitFor();
      await expectAccessible(page);
      await page
        .getByLabel('Fichier', { exact: true })
        .setInputFiles(csv(['Lefèvre;Zoé;zoe@example.fr', 'Martin;Paul;paul@example.fr']));
      await page.getByRole('button', { name: 'Importer' }).click();
      await page.getByRole('status').filter({ hasText: '2 personnes importées.' }).waitFor();
      // Windows-1252 read as such: the accents survive.
      await page.getByRole('cell', { name: 'Lefèvre', exact: true }).waitFor();
      await page.getByRole('cell', { name: 'Zoé', exact: true }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // A link for the room, shown as a QR code that leads to the survey.
      await page.getByLabel('Nom du lien (la salle, le groupe)').fill('Salle 2');
      await page.getByRole('button', { name: 'Ouvrir un lien partagé' }).click();
      await page.getByRole('img', { name: 'QR code du lien « Salle 2 »' }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      const surveyUrl = await page.getByRole('link', { name: /\/a\/s\./ }).getAttribute('href');
      const survey = await page.context().newPage();
      await survey.goto(`${base}${surveyUrl}`);
      await survey
        .getByRole('heading', { level: 1, name: 'Votre avis sur la formation (fin de session)' })
        .waitFor();
      await survey.close();
      await page.getByRole('button', { name: 'Fermer le lien « Salle 2 »' }).click();
      await page.getByRole('status').filter({ hasText: 'Lien « Salle 2 » fermé.' }).waitFor();
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
