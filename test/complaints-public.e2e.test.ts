import { describe, expect, it } from 'vitest';
import { fixedClock } from '../services/kernel/clock';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
  UI_TIMEOUT,
} from './support/browser';
import { tinyPdf } from './support/file-fixtures';
import type { ReceivedMail } from './support/smtp';

/** Tuesday 11 May 2027, 10:00 in Paris. */
const NOW = new Date('2027-05-11T08:00:00Z');

const title = browserSuiteTitle('a complaint from the public page to its answer, on 390 px phones');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite({
    clock: fixedClock(NOW),
    smtp: true,
    env: { MAIL_RETRY_BASE_MS: '200', COMPLAINT_SWEEP_MINUTES: '0' },
  });
  const mailsTo = async (address: string, count: number): Promise<ReceivedMail[]> => {
    const of = () => suite.smtp.accepted.filter((mail) => mail.to.includes(address));
    await expect.poll(() => of().length, { timeout: UI_TIMEOUT, interval: 50 }).toBeGreaterThanOrEqual(count);
    return of();
  };

  // Issue 10's "done when", as one story.
  it(
    'an admin gives the page its address; a learner files a complaint with an attachment; the quality manager acknowledges and answers it, the learner receives both mails, and the register, the deadline statistics and the indicator-31 evidence show it',
    async () => {
      const { t, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Recours');

      const admin = await suite.phone({ cookie, width: 390 });
      // The browser's today is the server's: the step forms start from it.
      await admin.clock.setFixedTime(NOW);
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

      // The organisation's administrator (who handles complaints) finds it in the register, with its file.
      await admin.goto(`${suite.base}/complaints`);
      await admin.getByRole('link', { name: 'R-2027-001' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Réclamation R-2027-001' }).waitFor();
      await admin.getByText('La formatrice était absente deux jours', { exact: false }).waitFor();
      const file = admin.getByRole('region', { name: 'Pièces jointes' }).getByRole('link', {
        name: 'attestation.pdf',
      });
      const download = await t.app.inject({
        method: 'GET',
        url: (await file.getAttribute('href'))!,
        headers: { cookie },
      });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(tinyPdf())).toBe(true);
      await expectAccessible(admin);

      // Acknowledged (the default text), analysed, answered: each step from its own form.
      const acknowledge = admin.getByRole('region', { name: 'Accuser réception' });
      await expect
        .poll(() => acknowledge.getByLabel('Texte de l’accusé de réception').inputValue())
        .toContain('Nous avons bien reçu votre réclamation');
      await acknowledge.getByRole('button', { name: 'Accuser réception' }).click();
      await admin.getByRole('status').filter({ hasText: 'Accusé de réception enregistré.' }).waitFor();
      const analyse = admin.getByRole('region', { name: 'Enregistrer l’analyse' });
      await analyse.getByLabel('Causes identifiées').fill('Absence non signalée au secrétariat pédagogique.');
      await analyse.getByRole('button', { name: 'Enregistrer l’analyse' }).click();
      await admin.getByRole('status').filter({ hasText: 'Analyse enregistrée.' }).waitFor();
      const answer = admin.getByRole('region', { name: 'Répondre', exact: true });
      const answerText =
        'Les deux journées seront rattrapées les 20 et 21 mai ; les absences seront annoncées par SMS.';
      await answer.getByLabel('Réponse au réclamant').fill(answerText);
      await answer.getByRole('button', { name: 'Répondre', exact: true }).click();
      await admin.getByRole('status').filter({ hasText: 'Réponse enregistrée.' }).waitFor();
      await expectAccessible(admin);
      await expectNoHorizontalScroll(admin);

      // The learner received the acknowledgement, then the answer.
      const [acknowledgement, answered] = await mailsTo('camille.durand@example.fr', 2);
      expect(acknowledgement!.subject).toContain(
        'Accusé de réception de votre réclamation — Formations Recours',
      );
      expect(answered!.subject).toContain('Réponse à votre réclamation');
      expect(answered!.text).toContain(answerText);

      // The register shows it answered, in time.
      await admin.getByRole('link', { name: 'Toutes les réclamations' }).click();
      await admin
        .getByRole('row', { name: /R-2027-001/ })
        .getByText('Répondue')
        .waitFor();

      // The deadline statistics for May count it, acknowledged and answered in time.
      await admin.getByRole('link', { name: 'Délais et statistiques' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Délais des réclamations' }).waitFor();
      await admin.getByLabel('Du').fill('2027-05-01');
      await admin.getByLabel('Au').fill('2027-05-31');
      await admin.getByRole('button', { name: 'Afficher' }).click();
      await admin.getByText('1 réclamation reçue sur la période.').waitFor();
      const share = admin.getByRole('row', { name: /^Part dans les délais/ });
      await expect.poll(() => share.getByRole('cell', { name: /^100\s%$/ }).count()).toBe(2);
      await admin.getByRole('row', { name: /^Formulaire en ligne/ }).waitFor();
      await expectAccessible(admin);

      // Indicator 31's evidence holds each step, naming no one.
      await admin.goto(`${suite.base}/evidence?indicator=31`);
      const evidence = admin.getByTestId('evidence-item');
      await evidence.filter({ hasText: 'Réclamation reçue (formulaire en ligne, apprenant' }).waitFor();
      await evidence.filter({ hasText: 'Accusé de réception envoyé par courriel — 11/05/2027' }).waitFor();
      await evidence.filter({ hasText: 'Analyse des causes d’une réclamation — 11/05/2027' }).waitFor();
      await evidence.filter({ hasText: 'Réponse envoyée par courriel au réclamant — 11/05/2027' }).waitFor();
      expect(await admin.locator('main').textContent()).not.toContain('Camille');
      await expectAccessible(admin);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
