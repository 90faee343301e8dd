import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';

const title = browserSuiteTitle('auditor access links on a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'an admin creates a link and copies it once; the auditor opens it in another browser, sees the dashboard read-only, and the admin sees the opening',
    async () => {
      const { t, base, pageErrors } = suite;
      const { cookie } = await t.organisation('Formations Contrôlées');
      const admin = await suite.phone({ cookie, width: 390 });

      await admin.goto(`${base}/auditor-access`);
      await admin.getByRole('heading', { level: 1, name: 'Accès auditeurs' }).waitFor();
      await admin.getByText('Aucun lien donné.').waitFor();
      await expectAccessible(admin);
      await expectNoHorizontalScroll(admin);

      // Stopped while the auditor is not named, the error tied to its field; then granted.
      await admin.getByRole('button', { name: 'Créer le lien' }).click();
      await admin.locator('#grant-auditorName-error').waitFor();
      await admin.getByLabel('Nom de l’auditeur ou de l’auditrice').fill('Claire Auditrice');
      await admin.getByLabel('Courriel de l’auditeur').fill('claire.auditrice@certif.example');
      await admin.getByRole('button', { name: 'Créer le lien' }).click();
      const field = admin.getByLabel('Lien de l’auditeur');
      await field.waitFor();
      const url = await field.inputValue();
      expect(url).toMatch(/\/auditor\/[A-Za-z0-9_-]{43}$/);
      await expectAccessible(admin);
      await admin.getByRole('button', { name: 'J’ai copié le lien' }).click();
      await expect.poll(() => field.count()).toBe(0);
      const card = admin.locator('.card').filter({ hasText: 'Claire Auditrice' });
      await card.getByText('Actif').waitFor();
      await card.getByText('Jamais utilisé').waitFor();

      // Another browser, not signed in: the link opens the organisation's dashboard, read-only.
      const auditor = await suite.phone({ width: 390 });
      await auditor.goto(url.replace(/^https?:\/\/[^/]+/, base));
      await auditor.getByRole('heading', { level: 1, name: 'Accès auditeur' }).waitFor();
      await expectAccessible(auditor);
      await auditor.getByRole('button', { name: 'Ouvrir l’accès' }).click();
      await auditor.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
      expect(new URL(auditor.url()).pathname).toBe('/');
      await auditor.getByText('Formations Contrôlées').first().waitFor();
      expect(await auditor.getByRole('link', { name: 'Accès auditeurs' }).count()).toBe(0);
      await expectNoHorizontalScroll(auditor);

      await admin.reload();
      await card.getByText(/Dernière utilisation/).waitFor();
      await card.getByText('Utilisations (1)').click();
      await card.getByText(/Lien ouvert/).waitFor();

      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
