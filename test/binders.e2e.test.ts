import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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
} from './support/browser';

const title = browserSuiteTitle('audit binders on a 390 px phone');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a quality manager produces a binder, follows it to ready, downloads the archive whose hash the page shows; the auditor downloads without producing',
    async () => {
      const { t, base, pageErrors } = suite;
      const { organisationId, cookie: admin } = await t.organisation('Formations Dossier');
      const complaint = await t.app.inject({
        method: 'POST',
        url: '/api/complaints',
        headers: { cookie: admin },
        payload: {
          channel: 'letter',
          group: 'funder',
          anonymous: true,
          text: 'Convocations reçues trop tard.',
        },
      });
      expect(complaint.statusCode, complaint.body).toBe(201);
      const account = async (role: 'quality_manager' | 'auditor', displayName: string) => {
        const email = `${role}.${crypto.randomUUID()}@example.fr`;
        const registered = await registerAccount(
          { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
          { organisationId, email, displayName, role, password: PASSWORD },
        );
        await t.runner.waitForPosition(registered.position, 10_000);
        return t.login(email, PASSWORD);
      };

      const page = await suite.phone({
        cookie: await account('quality_manager', 'Claire Qualité'),
        width: 390,
      });
      await page.goto(`${base}/binders`);
      await page.getByRole('heading', { level: 1, name: 'Dossiers d’audit' }).waitFor();
      await page.getByText('Aucun dossier produit pour l’instant.').waitFor();
      await page
        .getByText('La clé de signature de l’organisme sera créée avec son premier dossier.')
        .waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // Nothing checked: stopped before sending, the error tied to the indicators.
      const form = page.getByRole('region', { name: 'Produire un dossier' });
      await form.getByRole('button', { name: 'Tout décocher' }).click();
      await form.getByRole('button', { name: 'Produire le dossier' }).click();
      await page.locator('#binder-indicators-error').waitFor();
      await expectAccessible(page);

      await form.getByRole('button', { name: 'Tout cocher' }).click();
      expect(await form.getByRole('checkbox', { name: 'Indicateur 31' }).isChecked()).toBe(true);
      await form.getByRole('button', { name: 'Produire le dossier' }).click();
      await page.getByRole('status').filter({ hasText: 'Dossier demandé' }).waitFor();

      // The page follows the writing until the archive is ready, then offers it with its hash and key.
      const download = page.getByRole('link', { name: /^Télécharger dossier-qualiopi-.*\.zip/ });
      await download.waitFor({ timeout: 120_000 });
      const shown = await page.locator('.card code').first().textContent();
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      expect(file.suggestedFilename()).toMatch(
        /^dossier-qualiopi-\d{4}-\d{2}-\d{2}-au-\d{4}-\d{2}-\d{2}\.zip$/,
      );
      const bytes = await readFile((await file.path())!);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
      await page.getByText(/Empreinte de la clé de signature de l’organisme : SHA256:/).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // The auditor: the list and the download, no form.
      const auditor = await suite.phone({ cookie: await account('auditor', 'Anne Auditrice'), width: 390 });
      await auditor.goto(`${base}/binders`);
      await auditor.getByRole('link', { name: /^Télécharger dossier-qualiopi-/ }).waitFor();
      expect(await auditor.getByRole('region', { name: 'Produire un dossier' }).count()).toBe(0);
      await auditor.getByText('Les dossiers sont produits par les responsables qualité').waitFor();
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
