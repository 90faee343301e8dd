import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../scripts/build';
import { startTestApp, type TestApp } from './support/app';
import {
  browserSuiteTitle,
  expectAccessible,
  hasChromium,
  JOURNEY_TIMEOUT,
  launchChromium,
  serve,
  UI_TIMEOUT,
} from './support/browser';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './support/smtp';

const title = browserSuiteTitle('team, mail through a real SMTP server,');

/** Every wait is for something on screen, in the address or in the mailbox, never a fixed sleep. */
const PASSWORD = 'une phrase de passe solide';

describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const newPage = async () => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(UI_TIMEOUT);
    context.setDefaultNavigationTimeout(UI_TIMEOUT);
    context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)));
    contexts.push(context);
    return context.newPage();
  };

  /** The newest mail to this address, once it has arrived. */
  const mailTo = async (address: string, after = 0): Promise<ReceivedMail> => {
    let found: ReceivedMail | undefined;
    await expect
      .poll(
        () => {
          found = smtp.accepted.slice(after).findLast((mail) => mail.to.includes(address));
          return found !== undefined;
        },
        { timeout: UI_TIMEOUT, interval: 100 },
      )
      .toBe(true);
    return found!;
  };

  /** The link of a mail to one of the app's pages, made relative to the server under test. */
  const linkIn = (mail: ReceivedMail, page: string) => {
    const match = new RegExp(`https?://[^\\s"<>]+/${page}\\?token=[A-Za-z0-9_-]+`).exec(mail.text);
    expect(match, mail.text).not.toBeNull();
    const url = new URL(match![0]);
    return `${base}${url.pathname}${url.search}`;
  };

  beforeAll(async () => {
    await ensureWebBuilt();
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_RETRY_BASE_MS: '200' } });
    base = await serve(t);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await t?.stop();
    await smtp?.close();
  }, 60_000);

  it(
    'an admin invites a quality manager and an auditor by mail; the auditor only reads; deactivated, their open session stops at once',
    async () => {
      const { email: adminEmail } = await t.organisation('Formations Éclair');
      const admin = await newPage();
      await admin.goto(`${base}/login`);
      await admin.getByLabel('Adresse e-mail').fill(adminEmail);
      await admin.getByLabel('Mot de passe', { exact: true }).fill('a long enough password');
      await admin.getByRole('button', { name: 'Se connecter' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();

      await admin.getByRole('link', { name: 'Équipe' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Équipe' }).waitFor();
      await expectAccessible(admin);
      const invite = async (email: string, role: string) => {
        await admin.getByLabel('Adresse e-mail de la personne invitée').fill(email);
        await admin.getByLabel('Rôle', { exact: true }).selectOption(role);
        await admin.getByRole('button', { name: "Envoyer l'invitation", exact: true }).click();
        await admin
          .getByRole('status')
          .filter({ hasText: `Invitation envoyée à ${email}.` })
          .waitFor();
      };
      await invite('qualite@eclair.example', 'quality_manager');
      await invite('audit@eclair.example', 'auditor');
      await admin.getByRole('heading', { level: 3, name: 'audit@eclair.example' }).waitFor();
      await expectAccessible(admin);

      const accept = async (email: string, name: string) => {
        const mail = await mailTo(email);
        const page = await newPage();
        await page.goto(linkIn(mail, 'invitation'));
        await page.getByRole('heading', { level: 1, name: 'Rejoindre votre équipe' }).waitFor();
        await page.getByText(email).waitFor();
        await expectAccessible(page);
        await page.getByLabel('Votre nom').fill(name);
        await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
        await page.getByLabel('Confirmer le mot de passe').fill(PASSWORD);
        await page.getByRole('button', { name: 'Créer mon compte' }).click();
        await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
        return page;
      };
      const manager = await accept('qualite@eclair.example', 'Quentin Qualité');
      const auditor = await accept('audit@eclair.example', 'Aude Auditrice');
      expect(await manager.getByText('(Responsable qualité)').count()).toBe(1);

      // The auditor reads, sees no admin page, and every change is refused.
      await auditor.getByRole('link', { name: 'Actions de formation' }).click();
      await auditor.getByRole('heading', { level: 1, name: 'Actions de formation' }).waitFor();
      expect(await auditor.getByRole('link', { name: 'Équipe' }).count()).toBe(0);
      expect(await auditor.getByRole('link', { name: 'Journal de sécurité' }).count()).toBe(0);
      await auditor.getByLabel('Intitulé').fill('Action interdite');
      await auditor.getByRole('button', { name: "Créer l'action" }).click();
      await auditor
        .getByRole('alert')
        .filter({ hasText: "Vous n'avez pas les droits nécessaires" })
        .waitFor();
      const refused = await auditor.evaluate(async () => {
        const answers: number[] = [];
        for (const url of ['/api/team/invitations', '/api/training-actions']) {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              email: 'x@eclair.example',
              role: 'admin',
              title: 'x',
              category: 'training',
            }),
          });
          answers.push(response.status);
        }
        return answers;
      });
      expect(refused).toEqual([403, 403]);

      // The admin deactivates the auditor: the auditor's open page loses its session at once.
      await admin.reload();
      admin.once('dialog', (dialog) => void dialog.accept());
      await admin.getByRole('button', { name: 'Désactiver le compte de Aude Auditrice' }).click();
      await admin
        .getByRole('status')
        .filter({ hasText: 'Le compte de Aude Auditrice est désactivé.' })
        .waitFor();
      const afterwards = await auditor.evaluate(async () => (await fetch('/api/account/sessions')).status);
      expect(afterwards).toBe(401);
      await auditor.reload();
      await auditor.waitForURL(/\/login$/);

      await admin.getByRole('link', { name: 'Journal de sécurité' }).click();
      await admin.getByRole('cell', { name: 'Compte désactivé' }).waitFor();
      await expectAccessible(admin);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a forgotten password is reset through the link mailed to its owner; the link works once',
    async () => {
      const { email } = await t.organisation('Formations Oubli');
      const page = await newPage();
      await page.goto(`${base}/login`);
      await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
      await expectAccessible(page);
      const before = smtp.accepted.length;
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByRole('button', { name: 'Recevoir un lien' }).click();
      await page.getByRole('status').filter({ hasText: 'Si un compte utilise cette adresse' }).waitFor();

      const link = linkIn(await mailTo(email, before), 'reset-password');
      await page.goto(link);
      await page.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' }).waitFor();
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('mon nouveau mot de passe');
      await page.getByLabel('Confirmer le nouveau mot de passe').fill('mon nouveau mot de passe');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.getByRole('status').filter({ hasText: 'Votre mot de passe est changé' }).waitFor();
      await expectAccessible(page);

      await page.getByRole('link', { name: 'Aller à la page de connexion' }).click();
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Mot de passe', { exact: true }).fill('mon nouveau mot de passe');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();

      const again = await newPage();
      await again.goto(link);
      await again.getByLabel('Nouveau mot de passe', { exact: true }).fill('encore un autre mot de passe');
      await again.getByLabel('Confirmer le nouveau mot de passe').fill('encore un autre mot de passe');
      await again.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await again.getByRole('alert').filter({ hasText: "Ce lien n'est pas valide" }).waitFor();
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
