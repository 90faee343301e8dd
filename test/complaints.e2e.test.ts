import { describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
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
import { openFeedbackLink } from './support/training-fixture';

const title = browserSuiteTitle('complaints handled from a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite({
    smtp: true,
    env: { MAIL_RETRY_BASE_MS: '200', COMPLAINT_SWEEP_MINUTES: '0' },
  });

  it(
    'a quality manager records a phone complaint, acknowledges, analyses, answers and closes it; the register and the statistics show it; a stale edit is told and reloaded',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie: adminCookie, organisationId } = await t.organisation('Formations Réclamations');
      await openFeedbackLink(t, adminCookie, { title: 'Excel avancé', sessionTitle: 'Session de mai' });
      const email = `qualite.${crypto.randomUUID()}@example.fr`;
      await registerAccount(
        { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
        { organisationId, email, displayName: 'Claire Qualité', role: 'quality_manager', password: PASSWORD },
      );
      const cookie = await t.login(email, PASSWORD);
      const page = await suite.phone({ cookie, width: 390 });

      // The empty register.
      await page.goto(`${base}/complaints`);
      await page.getByRole('heading', { level: 1, name: 'Réclamations' }).waitFor();
      await page.getByText('Aucune réclamation pour ces critères.').waitFor();
      await page.getByText('0 au total · 0 en cours · 0 en retard').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // Staff entry: what the server would refuse is stopped before sending, each error at its field.
      await page.getByRole('link', { name: 'Enregistrer une réclamation' }).click();
      await page.getByRole('heading', { level: 1, name: 'Enregistrer une réclamation' }).waitFor();
      await page.getByRole('button', { name: 'Enregistrer la réclamation' }).click();
      await page.locator('#complaint-name-error').getByText('Indiquez le nom du réclamant.').waitFor();
      await page.locator('#complaint-email-error').waitFor();
      await page.locator('#complaint-text-error').getByText('Écrivez ce que dit la réclamation.').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('complaint-name');
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.getByLabel('Canal de réception').selectOption('phone');
      await page.getByLabel('Qui se plaint').selectOption('learner');
      await page.getByLabel('Nom du réclamant').fill('Jeanne Martin');
      await page.getByLabel('Adresse e-mail').fill('jeanne.martin@example.fr');
      await page.getByLabel('Session concernée').selectOption({ label: 'Excel avancé — Session de mai' });
      await page
        .getByLabel('Réclamation', { exact: true })
        .fill('Appel du 3 : la salle était sans chauffage pendant deux jours.');
      await page.getByRole('button', { name: 'Enregistrer la réclamation' }).click();

      const heading = page.getByRole('heading', { level: 1, name: /^Réclamation R-\d{4}-001$/ });
      await heading.waitFor();
      const reference = (await heading.textContent())!.replace('Réclamation ', '');
      await page.getByText('Appel du 3 : la salle était sans chauffage pendant deux jours.').waitFor();
      await page.getByRole('definition').filter({ hasText: 'Excel avancé — Session de mai' }).waitFor();
      await page
        .getByRole('definition')
        .filter({ hasText: /restent? \d+ jours? ouvrés?/ })
        .first()
        .waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // Acknowledge: the default text, sent by e-mail since the complainant gave an address.
      const acknowledge = page.getByRole('region', { name: 'Accuser réception' });
      await expect
        .poll(() => acknowledge.getByLabel('Texte de l’accusé de réception').inputValue())
        .toContain('Nous avons bien reçu votre réclamation');
      await acknowledge.getByRole('button', { name: 'Accuser réception' }).click();
      await page.getByRole('status').filter({ hasText: 'Accusé de réception enregistré.' }).waitFor();
      await page.getByText('Envoyé par e-mail').waitFor();

      // Meanwhile a colleague records an analysis: the page still shows the older revision.
      const analyse = page.getByRole('region', { name: 'Enregistrer l’analyse' });
      await analyse.getByLabel('Causes identifiées').fill('Chaudière en panne, non signalée au secrétariat.');
      const complaintId = new URL(page.url()).pathname.split('/').pop()!;
      const colleague = await t.app.inject({
        method: 'POST',
        url: `/api/complaints/${complaintId}/analysis`,
        payload: { causes: 'Premier constat : salle B2.' },
        headers: { cookie: adminCookie },
      });
      expect(colleague.statusCode, colleague.body).toBe(200);
      await analyse.getByRole('button', { name: 'Enregistrer l’analyse' }).click();
      await analyse
        .getByRole('alert')
        .filter({ hasText: 'Cette réclamation a été modifiée entre-temps' })
        .waitFor();
      await page.getByText('Premier constat : salle B2.').waitFor();
      // What was typed stays; sent again on the reloaded revision, it is recorded.
      expect(await analyse.getByLabel('Causes identifiées').inputValue()).toBe(
        'Chaudière en panne, non signalée au secrétariat.',
      );
      await analyse.getByRole('button', { name: 'Enregistrer l’analyse' }).click();
      await page.getByRole('status').filter({ hasText: 'Analyse enregistrée.' }).waitFor();
      await page.getByText('Chaudière en panne, non signalée au secrétariat.').waitFor();
      await expectAccessible(page);

      const answer = page.getByRole('region', { name: 'Répondre', exact: true });
      await answer
        .getByLabel('Réponse au réclamant')
        .fill('La chaudière a été réparée et un geste commercial vous est proposé.');
      await answer.getByRole('button', { name: 'Répondre', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Réponse enregistrée.' }).waitFor();

      const close = page.getByRole('region', { name: 'Clore', exact: true });
      await close.getByLabel('Issue').selectOption('resolved');
      await close.getByRole('button', { name: 'Clore', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Réclamation close.' }).waitFor();
      await page.getByText('Clôture — Résolue').waitFor();
      await page.getByRole('button', { name: 'Rouvrir' }).waitFor();
      const history = page.getByRole('region', { name: 'Historique', exact: true }).getByRole('listitem');
      await expect.poll(() => history.count()).toBe(6);
      await expect(history.first().textContent()).resolves.toContain('Claire Qualité');
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // The complainant received the acknowledgement and the answer.
      const mails = () => suite.smtp.accepted.filter((mail) => mail.to.includes('jeanne.martin@example.fr'));
      await expect.poll(() => mails().length, { timeout: UI_TIMEOUT, interval: 50 }).toBe(2);

      // The register shows it, closed, and the filters find it or not.
      await page.getByRole('link', { name: 'Toutes les réclamations' }).click();
      await page.getByRole('link', { name: reference }).waitFor();
      await page.getByText('1 au total · 0 en cours · 0 en retard').waitFor();
      await page
        .getByRole('row', { name: new RegExp(reference) })
        .getByText('Close')
        .waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.getByLabel('Rechercher').fill('chauffage');
      await page.getByRole('link', { name: reference }).waitFor();
      await page.locator('#complaints-filter-status').selectOption('received');
      await page.getByText('Aucune réclamation pour ces critères.').waitFor();
      expect(await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toBe(
        '/api/complaints/export?format=csv&status=received&search=chauffage',
      );

      // The deadline statistics of the last 12 months count it.
      await page.getByRole('link', { name: 'Délais et statistiques' }).click();
      await page.getByRole('heading', { level: 1, name: 'Délais des réclamations' }).waitFor();
      await page.getByText('1 réclamation reçue sur la période.').waitFor();
      const share = page.getByRole('row', { name: /^Part dans les délais/ });
      await expect.poll(() => share.getByRole('cell', { name: /^100\s%$/ }).count()).toBe(2);
      await page.getByRole('row', { name: /^Téléphone/ }).waitFor();
      await page.getByRole('row', { name: /^Résolue/ }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Délais de traitement' }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // An auditor reads the register and the timeline, without the complainant's data and without buttons.
      const auditorEmail = `audit.${crypto.randomUUID()}@example.fr`;
      await registerAccount(
        { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
        { organisationId, email: auditorEmail, displayName: 'Auditeur', role: 'auditor', password: PASSWORD },
      );
      const auditor = await suite.phone({ cookie: await t.login(auditorEmail, PASSWORD), width: 390 });
      await auditor.goto(`${base}/complaints`);
      await auditor.getByRole('link', { name: reference }).click();
      await auditor.getByRole('heading', { level: 1, name: `Réclamation ${reference}` }).waitFor();
      await auditor
        .getByText('Les données du réclamant et les textes sont réservés aux responsables qualité.')
        .waitFor();
      const auditorHistory = auditor
        .getByRole('region', { name: 'Historique', exact: true })
        .getByRole('listitem');
      await expect.poll(() => auditorHistory.count()).toBe(6);
      expect(await auditor.locator('main').getByRole('button').count()).toBe(0);
      const body = (await auditor.locator('main').textContent()) ?? '';
      for (const hidden of ['Jeanne Martin', 'chauffage', 'Chaudière', 'Traiter la réclamation']) {
        expect(body).not.toContain(hidden);
      }
      await expectAccessible(auditor);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
