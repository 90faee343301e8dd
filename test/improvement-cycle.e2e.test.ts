import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMonths, ncDeadline } from '../services/audits/cycle';
import { FRENCH_MONTHS } from '../services/binder/french';
import { parisDate } from '../services/kernel/paris-time';
import { addCalendarDays } from '../services/kernel/working-days';
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
import { tinyPdf } from './support/file-fixtures';
import { colleague } from './support/team';

const title = browserSuiteTitle('the continuous-improvement cycle, on a phone');

/** A day as the French pages write it: `28 février 2027`. */
const inFrench = (day: string) => {
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  return `${dayOfMonth} ${FRENCH_MONTHS[month - 1]} ${year}`;
};

/** Axe and no sideways scrolling at phone width: every page of the journey is checked once. */
const expectUsableOnPhone = async (page: Page) => {
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
};

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite({ env: { ACTION_SWEEP_MINUTES: '0', COMPLAINT_SWEEP_MINUTES: '0' } });

  it(
    'a quality manager carries a complaint’s action to closed after an effectiveness check, exploits a legal-change watch note into an action, and sees an audit’s one major and two minors due 3 and 6 months after notification on the calendar',
    async () => {
      const { t, base, pageErrors } = suite;
      const admin = await t.organisation('Formations Amélioration Continue');
      const manager = await colleague(t, admin, 'quality_manager', 'Claire Qualité');
      const today = parisDate(new Date());
      const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url, payload, headers: { cookie: admin.cookie, ...headers } });
      /** The actions a record led to, as the read side knows them: the reactor plans a request shortly after. */
      const actionsFrom = async (type: 'complaint' | 'watch_note', id: string) => {
        const result = await graphql(
          t.app,
          manager.cookie,
          'query ($type: ImprovementActionOriginType!, $id: ID!) { actionsByOrigin(type: $type, id: $id) { id } }',
          { type, id },
        );
        return (result.data?.actionsByOrigin as { id: string }[] | undefined)?.length ?? 0;
      };

      // Given: a complaint received by phone; a certificate issued 18 months ago (today is in the surveillance
      // window); its surveillance audit planned on the last two days of last month, notified on the last one (a
      // month's end, so the deadlines show the clamping to shorter months); the renewal audit booked in 30 days.
      const complaint = await post('/api/complaints', {
        channel: 'phone',
        group: 'learner',
        anonymous: false,
        name: 'Jeanne Martin',
        email: 'jeanne.martin@example.fr',
        text: 'Les convocations arrivent la veille de la session.',
      });
      expect(complaint.statusCode, complaint.body).toBe(201);
      const complaintId = complaint.json().id as string;
      const issuedOn = addMonths(today, -18);
      const certificate = await post(
        '/api/organisation/certification',
        {
          certifierName: 'Certif Exemple',
          certificateNumber: 'Q-1',
          issuedOn,
          expiresOn: addMonths(issuedOn, 36),
        },
        { 'if-match': '-1' },
      );
      expect(certificate.statusCode, certificate.body).toBe(200);
      const notifiedOn = addCalendarDays(`${today.slice(0, 7)}-01`, -1);
      const planned = await post('/api/audits', {
        kind: 'surveillance',
        certifierName: 'Certif Exemple',
        plannedFrom: addCalendarDays(notifiedOn, -1),
        plannedTo: notifiedOn,
      });
      expect(planned.statusCode, planned.body).toBe(201);
      const auditId = planned.json().id as string;
      const renewalOn = addCalendarDays(today, 30);
      const renewal = await post('/api/audits', {
        kind: 'renewal',
        certifierName: 'Certif Exemple',
        plannedFrom: renewalOn,
        plannedTo: renewalOn,
      });
      expect(renewal.statusCode, renewal.body).toBe(201);

      const page = await suite.phone({ cookie: manager.cookie });
      const status = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();

      // 1. A legal-change note enters the watch register; an empty form is stopped before anything is sent.
      await page.goto(`${base}/watch`);
      await page.getByRole('heading', { level: 1, name: 'Registre de veille' }).waitFor();
      await page.getByText('Aucune note ne correspond.').waitFor();
      await page.getByRole('button', { name: 'Enregistrer la note' }).click();
      await page.locator('#watch-new-title-error').waitFor();
      const newNote = page.getByRole('region', { name: 'Nouvelle note de veille' });
      await newNote.getByLabel('Thème').selectOption('legal_regulatory');
      await newNote.getByLabel('Objet', { exact: true }).fill('Décret modifiant le référentiel qualité');
      await newNote.getByLabel('Source', { exact: true }).fill('Légifrance');
      await newNote.getByLabel('Adresse de la source (facultatif)').fill('https://www.legifrance.gouv.fr/');
      await newNote.getByLabel('Date de l’information').fill(addCalendarDays(today, -3));
      await newNote
        .getByLabel('Résumé')
        .fill('Plusieurs indicateurs sont reformulés ; nos contrats citent l’ancienne rédaction.');
      await newNote.getByRole('button', { name: 'Enregistrer la note' }).click();
      await status('Note enregistrée.');
      const noteCard = page.locator('.card').filter({ hasText: 'Décret modifiant le référentiel qualité' });
      await noteCard.getByText('À analyser', { exact: true }).waitFor();
      await expectUsableOnPhone(page);
      await noteCard.getByRole('link', { name: 'Décret modifiant le référentiel qualité' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Décret modifiant le référentiel qualité' })
        .waitFor();
      const noteUrl = page.url();
      const noteId = noteUrl.split('/').pop()!;
      await page.getByText('Indicateurs : 23').waitFor();

      // 2. The complaint asks for an improvement action; the reactor plans it; the manager gives it a due date.
      await page.goto(`${base}/complaints/${complaintId}`);
      const linked = page.getByRole('region', { name: 'Actions d’amélioration liées' });
      await linked.getByText('Aucune action d’amélioration liée.').waitFor();
      await linked.getByLabel('Intitulé de l’action').fill('Envoyer les convocations dix jours avant');
      await linked.getByRole('button', { name: 'Lancer une action d’amélioration' }).click();
      await status('Demande d’action d’amélioration enregistrée.');
      await expect.poll(() => actionsFrom('complaint', complaintId), { timeout: UI_TIMEOUT }).toBe(1);
      await page.reload();
      await linked.getByText('Planifiée').waitFor();
      await linked.getByRole('link', { name: 'Envoyer les convocations dix jours avant' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Action : Envoyer les convocations dix jours avant' })
        .waitFor();
      const actionUrl = page.url();
      await page.getByText('À planifier', { exact: true }).first().waitFor();
      await page.getByRole('link', { name: 'Réclamation', exact: true }).waitFor();
      const due = addCalendarDays(today, 14);
      const schedule = page.getByRole('region', { name: 'Planifier et modifier' });
      await schedule.getByLabel('Échéance', { exact: true }).fill(due);
      await schedule.getByRole('button', { name: 'Planifier et modifier' }).click();
      await status('Action enregistrée.');

      // 3. The surveillance audit is held; one major and two minors are recorded from it, notified at month's end;
      // a minor on a major-only indicator is refused, saying why.
      await page.goto(`${base}/audits/${auditId}`);
      await page.getByRole('heading', { level: 1, name: 'Audit de surveillance — Certif Exemple' }).waitFor();
      await page.getByRole('button', { name: 'Audit réalisé' }).click();
      await status('Audit enregistré comme réalisé.');
      await page.getByTestId('audit-status').filter({ hasText: 'Réalisé' }).waitFor();
      const ncForm = async (indicator: string, grade: 'Majeure' | 'Mineure', finding: string) => {
        await page.getByLabel('Indicateur (1 à 32)').fill(indicator);
        await page.getByLabel('Gravité').selectOption({ label: grade });
        await page.getByLabel('Constat').fill(finding);
        await page.getByLabel('Notifiée le').fill(notifiedOn);
        await page.getByRole('button', { name: 'Enregistrer la non-conformité' }).click();
      };
      const nc = (indicator: string, grade: string) =>
        page.getByRole('article', { name: `Indicateur ${indicator} — non-conformité ${grade}` });
      await ncForm('22', 'Mineure', 'Référent handicap non formé');
      await page.getByRole('alert').filter({ hasText: 'Cet indicateur est « majeur uniquement »' }).waitFor();
      await ncForm('22', 'Majeure', 'Référent handicap non formé');
      await nc('22', 'majeure').waitFor();
      await ncForm('12', 'Mineure', 'Mesures contre l’abandon non appliquées');
      await nc('12', 'mineure').waitFor();
      await ncForm('30', 'Mineure', 'Financeurs jamais sollicités');
      await nc('30', 'mineure').waitFor();
      // Deadlines: a major's corrective actions effective 3 months after notification, a minor's plan done in 6.
      const majorDue = ncDeadline('major', notifiedOn);
      const minorDue = ncDeadline('minor', notifiedOn);
      expect([majorDue, minorDue]).toEqual([addMonths(notifiedOn, 3), addMonths(notifiedOn, 6)]);
      await nc('22', 'majeure')
        .getByTestId('nc-deadline')
        .filter({ hasText: `Échéance : ${inFrench(majorDue)} (actions correctives efficaces sous 3 mois)` })
        .waitFor();
      for (const indicator of ['12', '30']) {
        await nc(indicator, 'mineure')
          .getByTestId('nc-deadline')
          .filter({ hasText: `Échéance : ${inFrench(minorDue)} (plan d’action réalisé sous 6 mois` })
          .waitFor();
      }

      // The certifier's report arrives: a file that is not what its name says is refused beside the field, then
      // the PDF is received, listed and downloaded as sent.
      const reportFile = page.getByLabel('Fichier du rapport (facultatif)');
      await reportFile.setInputFiles({
        name: 'rapport.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('<html><script>alert(1)</script></html>'),
      });
      await page.getByRole('button', { name: 'Rapport reçu' }).click();
      await page
        .locator('#audit-report-file-error')
        .filter({ hasText: 'Le fichier « rapport.pdf » n’est pas accepté' })
        .waitFor();
      await expectUsableOnPhone(page);
      await reportFile.setInputFiles({
        name: 'rapport-surveillance.pdf',
        mimeType: 'application/pdf',
        buffer: tinyPdf(),
      });
      await page.getByRole('button', { name: 'Rapport reçu' }).click();
      await status('Réception du rapport enregistrée, avec son fichier « rapport-surveillance.pdf ».');
      await page.getByTestId('audit-status').filter({ hasText: 'Rapport reçu' }).waitFor();
      const reportLink = page.getByRole('link', { name: 'rapport-surveillance.pdf' });
      const [download] = await Promise.all([page.waitForEvent('download'), reportLink.click()]);
      expect(download.suggestedFilename()).toBe('rapport-surveillance.pdf');
      expect((await readFile((await download.path())!)).equals(tinyPdf())).toBe(true);
      await expect.poll(() => page.getByTestId('non-conformity').count()).toBe(3);
      await expectUsableOnPhone(page);

      await page.goto(`${base}/audits`);
      await page.getByRole('heading', { level: 1, name: 'Cycle de certification et audits' }).waitFor();
      const warnings = page.getByTestId('audits-warnings');
      await warnings.getByText('2 non-conformité(s) mineure(s) encore ouverte(s)').waitFor();
      expect(await warnings.locator('li').count()).toBe(1);
      await expectUsableOnPhone(page);

      // 4. The calendar: the NC deadlines on their exact days, the action's due date, the note to exploit within
      // 60 days, the renewal audit.
      await page.goto(`${base}/calendar`);
      await page.getByRole('heading', { level: 1, name: 'Échéancier' }).waitFor();
      const entry = (kind: string, day: string, text: string) =>
        page
          .locator(`li[data-kind="${kind}"][data-date="${day}"]`)
          .filter({ hasText: `${inFrench(day)} — ${text}` });
      await entry(
        'nc_deadline',
        majorDue,
        'Non-conformité majeure (indicateur 22) : actions correctives efficaces (indicateur 22)',
      ).waitFor();
      await entry(
        'nc_deadline',
        minorDue,
        'Non-conformité mineure (indicateur 12) : plan d’action réalisé',
      ).waitFor();
      await entry(
        'nc_deadline',
        minorDue,
        'Non-conformité mineure (indicateur 30) : plan d’action réalisé',
      ).waitFor();
      expect(await page.locator('li[data-kind="nc_deadline"]').count()).toBe(3);
      await entry('action_due', due, 'Échéance d’une action corrective (indicateur 32)').waitFor();
      await entry(
        'watch_note_to_exploit',
        addCalendarDays(today, 60),
        'Note de veille à exploiter : Décret modifiant le référentiel qualité (indicateur 23)',
      ).waitFor();
      await entry('audit_planned', renewalOn, 'Audit de renouvellement prévu (Certif Exemple)').waitFor();
      await expectUsableOnPhone(page);

      // 5. The action is started, done, refused a check without its finding, found effective: closed.
      await page.goto(actionUrl);
      await page
        .getByRole('region', { name: 'Engager l’action' })
        .getByRole('button', { name: 'Engager l’action' })
        .click();
      await status('Action engagée.');
      const complete = page.getByRole('region', { name: 'Marquer comme réalisée' });
      await complete
        .getByLabel('Ce qui a été fait')
        .fill('Modèle de convocation envoyé à J-10 par la plateforme.');
      await complete.getByRole('button', { name: 'Marquer comme réalisée' }).click();
      await status('Action réalisée');
      // No closing without the check: it is the only way forward now, and it needs what the judgement rests on.
      const check = page.getByRole('region', { name: 'Vérifier l’efficacité' });
      await check.getByRole('button', { name: 'Vérifier l’efficacité' }).click();
      await check.locator('#action-check-comment-error').waitFor();
      await check.getByLabel('Résultat').selectOption('effective');
      await check
        .getByLabel('Constat (sur quoi repose ce jugement)')
        .fill('Aucune réclamation sur les convocations depuis deux mois.');
      await check.getByRole('button', { name: 'Vérifier l’efficacité' }).click();
      await status('Efficacité vérifiée.');
      await page.locator('.badge').filter({ hasText: 'Clôturée' }).waitFor();
      await page
        .getByRole('region', { name: 'Historique' })
        .getByText('Efficacité vérifiée — Efficace')
        .waitFor();
      await expectUsableOnPhone(page);
      await page.goto(`${base}/complaints/${complaintId}`);
      await linked.getByRole('link', { name: 'Envoyer les convocations dix jours avant' }).waitFor();
      await linked.getByText('Clôturée').waitFor();
      await expectUsableOnPhone(page);

      // 6. The note is analysed (change needed), passed on to the team, and asks for an action.
      await page.goto(noteUrl);
      const analysis = page.getByRole('region', { name: 'Analyse' });
      await analysis.getByLabel('Impact').selectOption('change_needed');
      await analysis
        .getByLabel('Analyse', { exact: true })
        .fill('Les contrats et le livret citent l’ancienne rédaction.');
      await analysis.getByLabel('Décision').fill('Mettre à jour les contrats avant la prochaine session');
      await analysis.getByLabel('Changements réalisés (facultatif)').fill('Contrat type v4 préparé');
      await analysis.getByRole('button', { name: 'Enregistrer l’analyse' }).click();
      await status('Analyse enregistrée.');
      await page.getByText('Diffusion interne manquante').first().waitFor();
      const communication = page.getByRole('region', { name: 'Diffusion interne' });
      await communication
        .getByLabel('Destinataires (groupes, séparés par des virgules)')
        .fill('formateurs, équipe administrative');
      await communication.getByLabel('Moyen').selectOption('meeting');
      await communication.getByRole('button', { name: 'Enregistrer la diffusion' }).click();
      await status('Diffusion enregistrée.');
      const improvement = page.getByRole('region', { name: 'Action d’amélioration' });
      await improvement.getByLabel('Intitulé de l’action').fill('Mettre à jour les contrats');
      await improvement.getByRole('button', { name: 'Demander une action d’amélioration' }).click();
      await status('Action d’amélioration demandée.');
      await page
        .getByRole('region', { name: 'Actions demandées' })
        .getByText(/^Mettre à jour les contrats/)
        .waitFor();
      const timeline = page.getByRole('region', { name: 'Historique' });
      await timeline.getByText('Analysée', { exact: true }).waitFor();
      await timeline.getByText('Diffusée en interne', { exact: true }).waitFor();
      await timeline.getByText('À : formateurs, équipe administrative').waitFor();
      expect(await page.getByText('Diffusion interne manquante').count()).toBe(0);
      await expectUsableOnPhone(page);
      await page.getByRole('link', { name: 'Retour au registre' }).click();
      await noteCard.getByText('Analysée', { exact: true }).waitFor();
      expect(await noteCard.getByText('Non exploitée').count()).toBe(0);
      await page.getByLabel('Seulement les notes non exploitées').check();
      await page.getByText('Aucune note ne correspond.').waitFor();

      // The note's request became a planned action whose origin is the note, in the improvement plan.
      await expect.poll(() => actionsFrom('watch_note', noteId), { timeout: UI_TIMEOUT }).toBe(1);
      await page.goto(`${base}/improvement-actions`);
      await page.getByRole('heading', { level: 1, name: 'Plan d’amélioration continue' }).waitFor();
      const planCard = (name: string) => page.locator('.card').filter({ hasText: name });
      await planCard('Mettre à jour les contrats').getByText('Planifiée').waitFor();
      await planCard('Mettre à jour les contrats')
        .getByText(/Note de veille/)
        .waitFor();
      await planCard('Envoyer les convocations dix jours avant').getByText('Clôturée').waitFor();
      await expectUsableOnPhone(page);

      // 7. Done and exploited, they leave the calendar; the NC deadlines stay, and the dashboard shows what is next.
      await page.goto(`${base}/calendar`);
      await entry('audit_planned', renewalOn, 'Audit de renouvellement prévu').waitFor();
      expect(await page.locator('li[data-kind="nc_deadline"]').count()).toBe(3);
      expect(await page.locator('li[data-kind="action_due"]').count()).toBe(0);
      expect(await page.locator('li[data-kind="watch_note_to_exploit"]').count()).toBe(0);
      await page.goto(`${base}/`);
      await page.getByTestId('next-due').locator(`li[data-date="${renewalOn}"]`).waitFor();

      // The disability network page (26) reads as an empty network.
      await page.goto(`${base}/disability-network`);
      await page.getByRole('heading', { level: 1, name: 'Réseau handicap' }).waitFor();
      await page.getByText('Aucun partenaire enregistré.').waitFor();
      await expectUsableOnPhone(page);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
