import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../services/kernel/clock';
import { PASSWORD } from './support/app';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
  UI_TIMEOUT,
} from './support/browser';
import type { ReceivedMail } from './support/smtp';

const title = browserSuiteTitle('the feedback journey from a spreadsheet to the published figures');

/** Paris is UTC+1 in March 2027 until the 28th: 9:00 in Paris is 08:00Z. */
const PLANNED_AT = new Date('2027-02-01T10:00:00Z');
const INVITED_AT = new Date('2027-03-05T08:00:00Z');
const REMINDED_AT = new Date('2027-03-12T08:00:00Z');
const ANSWERED_AT = new Date('2027-03-12T10:30:00Z');

/**
 * Issue 9's "done when", as one story in one browser: what a quality manager and a learner do, on phones, with
 * the server's clock moved from the planning day to the sending day, the reminder day and the answer.
 */
describe.skipIf(!hasChromium)(title, () => {
  const clock = fixedClock(PLANNED_AT);
  const setClock = (at: Date) => clock.advance(at.getTime() - clock.now().getTime());
  const suite = browserSuite({
    clock,
    smtp: true,
    env: {
      PUBLIC_URL: 'https://qualite.example.fr',
      MAIL_RETRY_BASE_MS: '200',
      CAMPAIGN_SWEEP_MINUTES: '0',
      RETENTION_SWEEP_MINUTES: '0',
    },
  });

  const settled = async () => {
    expect(await suite.t.runner.waitForPosition(await suite.t.lastPosition(), UI_TIMEOUT)).toBe(true);
  };
  const mailsTo = async (address: string, count: number): Promise<ReceivedMail[]> => {
    const of = () => suite.smtp.accepted.filter((mail) => mail.to.includes(address));
    await expect.poll(() => of().length, { timeout: UI_TIMEOUT, interval: 50 }).toBeGreaterThanOrEqual(count);
    return of();
  };
  /** The quality manager on their phone, signed in afresh (the server's clock jumps weeks between scenes). */
  const manager = async (email: string): Promise<Page> =>
    suite.phone({ cookie: await suite.t.login(email, PASSWORD), width: 390 });

  it(
    'a quality manager imports learners from a spreadsheet, they are invited and reminded by e-mail, one answers on a 390 px phone, and the figures reach the results, the indicator-30 evidence and the published indicator-2 page',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie, email } = await t.organisation('Formations Parcours');
      const post = (url: string, payload: object) =>
        t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
      const action = await post('/api/training-actions', { title: 'Bureautique', category: 'training' });
      await post(`/api/training-actions/${action.json().id}/sessions`, {
        title: 'Session de mars',
        startsOn: '2027-03-01',
        endsOn: '2027-03-05',
        site: 'Lyon',
      });
      await post('/api/questionnaires', { fromTemplate: 'learner_end_of_session' });
      await settled();

      // Scene 1, on 1 February: the campaign is planned for the session's last day, one reminder a week later,
      // and the learners come from a file saved by a French spreadsheet (semicolons, Windows-1252).
      let page = await manager(email);
      await page.goto(`${base}/campaigns`);
      await page.getByRole('heading', { level: 1, name: 'Campagnes de recueil' }).waitFor();
      await page.getByLabel('Relances').selectOption('1');
      await page.getByLabel('Jours entre deux messages').fill('7');
      await page.getByRole('button', { name: 'Prévoir la campagne' }).click();
      await page
        .getByRole('heading', { level: 1, name: /Apprenants — Session de mars — envoi le 5 mars 2027/ })
        .waitFor();
      const campaignPath = new URL(page.url()).pathname;
      await page.getByLabel('Fichier', { exact: true }).setInputFiles({
        name: 'stagiaires.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'Nom;Prénom;E-mail\r\nLefèvre;Zoé;zoe@example.fr\r\nMartin;Paul;paul@example.fr\r\n',
          'latin1',
        ),
      });
      await page.getByRole('button', { name: 'Importer' }).click();
      await page.getByRole('status').filter({ hasText: '2 personnes importées.' }).waitFor();
      await page.getByRole('cell', { name: 'Lefèvre', exact: true }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await settled();

      // Scene 2: the sending day at 9:00, then the reminder day. Both learners are invited; Zoé, who has not
      // answered, is reminded once.
      setClock(INVITED_AT);
      expect(await t.campaignReactor.sweep()).toMatchObject({ queued: 2, failed: [] });
      const [invitation] = await mailsTo('zoe@example.fr', 1);
      await mailsTo('paul@example.fr', 1);
      expect(invitation!.subject).toBe('Votre avis compte — Formations Parcours');
      expect(invitation!.text).toContain('Bonjour Zoé,');
      setClock(REMINDED_AT);
      expect(await t.campaignReactor.sweep()).toMatchObject({ queued: 2, failed: [] });
      const zoe = await mailsTo('zoe@example.fr', 2);
      expect(zoe).toHaveLength(2);
      const reminder = zoe[1]!;
      const link = /https:\/\/qualite\.example\.fr(\/a\/p\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\n/.exec(
        reminder.text,
      );
      expect(link, reminder.text).not.toBeNull();

      // Scene 3: Zoé follows the reminder's link on a 390 px phone and answers the "à chaud" questionnaire.
      setClock(ANSWERED_AT);
      const survey = await suite.phone({ width: 390 });
      await survey.goto(`${base}${link![1]}`);
      await survey
        .getByRole('heading', { level: 1, name: 'Votre avis sur la formation (fin de session)' })
        .waitFor();
      await survey.getByText('Formations Parcours').first().waitFor();
      await expectAccessible(survey);
      await expectNoHorizontalScroll(survey);
      await survey.getByRole('group', { name: /^1\./ }).getByLabel('5 — Très satisfait').check();
      for (const group of await survey.locator('fieldset.survey-question').all()) {
        const legend = (await group.locator('legend').textContent()) ?? '';
        if (!legend.includes('(obligatoire)')) continue;
        const options = group.locator('input');
        if (!(await options.first().isChecked()) && !(await options.last().isChecked()))
          await options.last().check();
      }
      await survey.getByLabel(/Qu’avez-vous le plus apprécié/).fill('Les exercices sur mes propres fichiers');
      await survey.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await survey.getByText('Merci ! Vos réponses ont bien été enregistrées.').waitFor();
      await expectAccessible(survey);
      await expectNoHorizontalScroll(survey);
      await settled();

      // Scene 4: the quality manager sees the answer in the campaign, the results and the indicator-30 evidence.
      page = await manager(email);
      await page.goto(`${base}${campaignPath}`);
      await page.getByRole('cell', { name: 'a répondu' }).waitFor();
      await page.goto(`${base}/results`);
      await page.getByRole('heading', { level: 1, name: 'Résultats des questionnaires' }).waitFor();
      const figures = page.getByRole('region', { name: 'En bref' });
      await figures.getByText('50 %').waitFor();
      await page
        .getByRole('region', { name: 'Commentaires' })
        .getByText('Les exercices sur mes propres fichiers')
        .waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.goto(`${base}/evidence?indicator=30`);
      const evidence = page.getByTestId('evidence-item');
      await evidence.filter({ hasText: 'Réponse reçue (apprenant) : Session de mars' }).waitFor();
      // Each learner's invitation, and each reminder to the two who had not answered on the 12th at 9:00.
      expect(
        await evidence.filter({ hasText: 'Invitation à donner son avis envoyée : apprenants' }).count(),
      ).toBe(2);
      expect(await evidence.filter({ hasText: 'Relance n° 1 envoyée : apprenants' }).count()).toBe(2);
      await expectAccessible(page);

      // Scene 5: the figures are published for indicator 2, taken from the questionnaires, and the public page
      // shows them.
      await page.goto(`${base}/publication`);
      await page.getByRole('heading', { level: 1, name: 'Résultats publiés' }).waitFor();
      await page.getByLabel('Intitulé').fill('Sessions de mars 2027');
      await page.getByLabel('Début de la période').fill('2027-03-01');
      await page.getByLabel('Fin de la période').fill('2027-03-12');
      await page.getByRole('button', { name: 'Reprendre les chiffres des questionnaires' }).click();
      await page.getByTestId('results-prefill-source').waitFor();
      expect(await page.getByLabel('Nombre de répondants').inputValue()).toBe('1');
      expect(await page.getByLabel('Nombre de stagiaires').inputValue()).toBe('2');
      await page.getByText('Taux de réponse calculé : 50 %').waitFor();
      const satisfaction = await page.getByLabel('Satisfaction moyenne (sur 5)').inputValue();
      expect(satisfaction).toMatch(/^[1-5](,\d)?$/);
      await page.getByLabel('Taux d’achèvement (%)').fill('100');
      await page.getByLabel('Taux d’abandon (%)').fill('0');
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Résultats « Sessions de mars 2027 » publiés.' })
        .waitFor();
      const publicUrl = await page.getByLabel('Adresse de la page publique (sans connexion)').inputValue();
      const publicPage = await suite.phone({ width: 390 });
      // The address is the public one (PUBLIC_URL); this server answers its path.
      await publicPage.goto(`${base}${new URL(publicUrl).pathname}`);
      await publicPage.getByRole('heading', { level: 1, name: 'Nos résultats' }).waitFor();
      await publicPage.getByText('du 1 mars 2027 au 12 mars 2027').waitFor();
      await publicPage.getByText('1 (taux de réponse\u00a0: 50\u00a0%)').waitFor();
      await publicPage.getByText(`${satisfaction}\u00a0/\u00a05`, { exact: false }).first().waitFor();
      await expectAccessible(publicPage);
      await expectNoHorizontalScroll(publicPage);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
