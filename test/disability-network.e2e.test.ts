import { describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { frenchDate, parisDate } from '../services/kernel/paris-time';
import { PASSWORD } from './support/app';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('disability network on a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a quality manager adds a partner with a contact, names the referent with a training, records a meeting, edits then removes a partner; indicator 26 lists the steps and a contributor only reads',
    async () => {
      const { t, base, pageErrors } = suite;
      const { organisationId } = await t.organisation('Formations Inclusives');
      const account = async (role: 'quality_manager' | 'contributor', displayName: string) => {
        const email = `${role}.${crypto.randomUUID()}@example.fr`;
        const registered = await registerAccount(
          { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
          { organisationId, email, displayName, role, password: PASSWORD },
        );
        await t.runner.waitForPosition(registered.position, 10_000);
        return t.login(email, PASSWORD);
      };
      const manager = await account('quality_manager', 'Claire Qualité');
      const page = await suite.phone({ cookie: manager, width: 390 });
      const status = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

      await page.goto(`${base}/disability-network`);
      await page.getByRole('heading', { level: 1, name: 'Réseau handicap' }).waitFor();
      await page.getByText('Aucun partenaire enregistré.').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // A partner: stopped while its name is missing or a contact's address is not one, the errors tied to
      // their fields; then added with its contact.
      const newPartner = page.getByRole('region', { name: 'Ajouter un partenaire' });
      await newPartner.getByRole('button', { name: 'Ajouter un contact' }).click();
      await newPartner.getByLabel('Nom du contact 1').fill('Nadia Benali');
      await newPartner.getByLabel('Courriel du contact 1').fill('pas une adresse');
      await newPartner.getByRole('button', { name: 'Ajouter le partenaire' }).click();
      await page.locator('#partner-new-name-error').waitFor();
      expect(await page.locator('#partner-new-name').getAttribute('aria-describedby')).toContain(
        'partner-new-name-error',
      );
      const emailError = page.locator('[id="partner-new-contacts.0.email-error"]');
      await emailError.waitFor();
      expect(
        await page.locator('[id="partner-new-contacts.0.email"]').getAttribute('aria-describedby'),
      ).toContain('partner-new-contacts.0.email-error');
      await expectAccessible(page);

      await newPartner.getByLabel('Type de partenaire').selectOption('cap_emploi');
      await newPartner.getByLabel('Nom du partenaire').fill('Cap emploi 69');
      await newPartner.getByLabel('Fonction du contact 1').fill('Conseillère');
      await newPartner.getByLabel('Courriel du contact 1').fill('n.benali@example.fr');
      await newPartner.getByLabel('Téléphone du contact 1').fill('04 72 00 00 00');
      await newPartner.getByRole('button', { name: 'Ajouter le partenaire' }).click();
      await status('Partenaire ajouté.');
      const capEmploi = page
        .locator('.card')
        .filter({ has: page.getByRole('heading', { name: 'Cap emploi 69', exact: true }) });
      await capEmploi
        .getByText('Nadia Benali — Conseillère — n.benali@example.fr — 04 72 00 00 00')
        .waitFor();

      await newPartner.getByLabel('Type de partenaire').selectOption('mdph');
      await newPartner.getByLabel('Nom du partenaire').fill('MDPH du Rhône');
      await newPartner.getByRole('button', { name: 'Ajouter le partenaire' }).click();
      await page.locator('.card').filter({ hasText: 'MDPH du Rhône' }).waitFor();

      // The referent: a member of the team, with a training.
      const referent = page.getByRole('region', { name: 'Référent handicap' });
      await referent
        .getByLabel('Membre de l’équipe', { exact: true })
        .selectOption({ label: 'Claire Qualité' });
      await referent.getByRole('button', { name: 'Ajouter une formation' }).click();
      await referent
        .getByLabel('Intitulé de la formation 1')
        .fill('Accueillir une personne en situation de handicap');
      await referent.getByLabel('Date de la formation 1').fill('2026-10-01');
      await referent.getByLabel('Organisme de la formation 1').fill('Agefiph');
      await referent.getByRole('button', { name: 'Enregistrer le référent' }).click();
      await status('Référent enregistré.');
      await referent
        .getByText('Accueillir une personne en situation de handicap — Agefiph — 1 octobre 2026')
        .waitFor();
      await referent
        .getByRole('paragraph')
        .filter({ hasText: /^Claire Qualité$/ })
        .waitFor();

      // A meeting held today with Cap emploi.
      const today = parisDate(new Date());
      const newMeeting = page.getByRole('region', { name: 'Enregistrer une rencontre' });
      await newMeeting.getByLabel('Partenaire rencontré').selectOption({ label: 'Cap emploi 69' });
      await newMeeting.getByLabel('Date de la rencontre').fill(today);
      await newMeeting.getByLabel('Objet').fill('Aménagements pour la session de janvier');
      await newMeeting.getByLabel('Ce qui en est ressorti').fill('Étude de poste prévue avec l’ergonome');
      await newMeeting.getByRole('button', { name: 'Enregistrer la rencontre' }).click();
      await status('Rencontre enregistrée.');
      await page.getByRole('heading', { level: 3, name: /^Cap emploi 69 — \d/ }).waitFor();

      // An edit sent on a network changed meanwhile is refused, said, and the page reloaded; sent again, it
      // passes.
      const mdph = page.locator('.card').filter({ hasText: 'MDPH du Rhône' });
      await mdph.getByRole('button', { name: 'Modifier MDPH du Rhône' }).click();
      const partnerId = (await mdph.locator('select').getAttribute('id'))!.replace(/^partner-|-kind$/g, '');
      await mdph.getByLabel('Nom du partenaire').fill('MDPH 69');
      await expectAccessible(page);
      const meanwhile = await t.app.inject({
        method: 'POST',
        url: `/api/disability-network/partners/${partnerId}`,
        headers: { cookie: manager },
        payload: { kind: 'mdph', name: 'MDPH du Rhône', contacts: [{ name: 'Accueil' }] },
      });
      expect(meanwhile.statusCode, meanwhile.body).toBe(200);
      await mdph.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await mdph.getByRole('alert').filter({ hasText: 'Le réseau a changé entre-temps' }).waitFor();
      await mdph.getByText('Accueil', { exact: true }).waitFor();
      await mdph.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await status('Partenaire modifié.');
      const renamed = page.locator('.card').filter({ hasText: 'MDPH 69' });
      await renamed.getByRole('heading', { name: 'MDPH 69' }).waitFor();

      await renamed.getByRole('button', { name: 'Retirer MDPH 69 du réseau' }).click();
      await renamed
        .getByText('Retirer MDPH 69 du réseau ? Les rencontres tenues restent enregistrées.')
        .waitFor();
      await renamed.getByRole('button', { name: 'Oui, retirer' }).click();
      await status('Partenaire retiré du réseau.');
      await page.getByRole('heading', { level: 3, name: 'MDPH 69' }).waitFor({ state: 'detached' });
      await capEmploi.waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.goto(`${base}/evidence?indicator=26`);
      const evidence = page.getByTestId('evidence-item');
      await evidence
        .filter({ hasText: 'Partenaire du réseau handicap : Cap emploi 69 (Cap emploi)' })
        .waitFor();
      await evidence.filter({ hasText: 'Partenaire du réseau handicap : MDPH du Rhône (MDPH)' }).waitFor();
      await evidence.filter({ hasText: 'Référent handicap désigné — 1 formation(s)' }).waitFor();
      await evidence
        .filter({ hasText: `Rencontre avec le réseau handicap : Cap emploi 69 — ${frenchDate(today)}` })
        .waitFor();
      expect(await evidence.filter({ hasText: 'Nadia' }).count()).toBe(0);
      await expectAccessible(page);

      // A contributor reads the network, without a form.
      const reader = await suite.phone({
        cookie: await account('contributor', 'Paul Formateur'),
        width: 390,
      });
      await reader.goto(`${base}/disability-network`);
      await reader.getByText('Le réseau est tenu par les responsables qualité').waitFor();
      await reader.getByRole('heading', { level: 3, name: 'Cap emploi 69', exact: true }).waitFor();
      expect(
        await reader
          .getByRole('button')
          .filter({ hasText: /Ajouter|Modifier|Retirer|Enregistrer/ })
          .count(),
      ).toBe(0);
      await expectAccessible(reader);
      await expectNoHorizontalScroll(reader);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
