import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  browserSuiteTitle,
  expectAccessible,
  expectNoHorizontalScroll,
  hasChromium,
  JOURNEY_TIMEOUT,
} from './support/browser';
import { tinyPdf } from './support/file-fixtures';
import { multipartBody } from './support/multipart';
import { colleague } from './support/team';
import { answer, openFeedbackLink } from './support/training-fixture';

const title = browserSuiteTitle('self-assessment and the preparatory document on a 390 px phone');

/** How many pixels of a PDF's first page, rendered in grey by pdftoppm, are dark: a blank page has none. */
const darkPixelsOfFirstPage = (folder: string) => {
  execFileSync('pdftoppm', [
    '-f',
    '1',
    '-l',
    '1',
    '-r',
    '40',
    '-gray',
    join(folder, 'document.pdf'),
    join(folder, 'page'),
  ]);
  const pgm = readFileSync(join(folder, 'page-1.pgm'));
  // P5 <width> <height> <max>\n then one byte per pixel.
  const header = pgm.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  expect(header).not.toBeNull();
  const pixels = pgm.subarray(header![0].length);
  return pixels.filter((value) => value < 128).length;
};

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();

  it(
    'a quality manager writes the approach of indicators 30 and 31, links two pieces of evidence, rates them and exports the document',
    async () => {
      const { t, base, pageErrors } = suite;
      const admin = await t.organisation('Formations Autoévaluées');
      const quality = await colleague(t, admin, 'quality_manager', 'Claire Qualité');
      const form = multipartBody([
        { name: 'title', value: 'Procédure de recueil des appréciations' },
        { name: 'on', value: '2026-01-05' },
        { name: 'indicators', value: '30' },
        { name: 'file', filename: 'procedure.pdf', bytes: tinyPdf() },
      ]);
      const added = await t.app.inject({
        method: 'POST',
        url: '/api/evidence-documents',
        payload: form.payload,
        headers: { cookie: admin.cookie, ...form.headers },
      });
      expect(added.statusCode, added.body).toBe(201);
      const link = await openFeedbackLink(t, admin.cookie, { title: 'Gestion de projet' });
      expect((await answer(t, link.token)).statusCode).toBe(201);

      const page = await suite.phone({ cookie: quality.cookie, width: 390 });
      const status = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

      await page.goto(`${base}/self-assessment`);
      await page.getByRole('heading', { level: 1, name: 'Autoévaluation' }).waitFor();
      await page.getByRole('link', { name: 'Indicateur 30', exact: true }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.getByRole('link', { name: 'Indicateur 30', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Indicateur 30' }).waitFor();
      await page.getByText('La démarche n’est pas encore rédigée.').waitFor();

      // Sent empty: said beside the field, nothing sent.
      await page.getByRole('button', { name: 'Enregistrer la démarche' }).click();
      await page.locator('#self-assessment-approach-error').waitFor();

      await page
        .getByLabel('Démarche', { exact: true })
        .fill(
          'Nous **recueillons les appréciations** de toutes les parties prenantes.\n\n- les stagiaires, à chaud\n- les financeurs, chaque année',
        );
      await page.getByRole('button', { name: 'Enregistrer la démarche' }).click();
      await status('Démarche enregistrée (version 1).');
      await page.locator('strong', { hasText: 'recueillons les appréciations' }).first().waitFor();
      const history = page.getByRole('region', { name: 'Historique des versions' });
      await history.getByRole('heading', { name: /^Version 1 — .* par Claire Qualité$/ }).waitFor();

      const evidence = page.getByRole('region', { name: 'Éléments de preuve' });
      const picker = page.getByLabel('Preuve à relier');
      await picker.selectOption({ label: 'Document « Procédure de recueil des appréciations », version 1' });
      await page.getByRole('button', { name: 'Relier la preuve' }).click();
      await status('Preuve reliée.');
      await evidence.locator('.card').filter({ hasText: 'Procédure de recueil des appréciations' }).waitFor();
      const item = await picker.locator('option[value^="evidence_item:"]').first().getAttribute('value');
      expect(item).not.toBeNull();
      await picker.selectOption(item!);
      await page.getByRole('button', { name: 'Relier la preuve' }).click();
      await expect.poll(() => evidence.locator('.card').count()).toBe(2);

      await page.getByLabel('Évaluation', { exact: true }).selectOption({ label: 'Partiellement conforme' });
      await page.getByLabel('Note (facultative)').fill('Relancer les financeurs');
      await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
      await status('Évaluation enregistrée.');
      await page.getByText('Relancer les financeurs', { exact: true }).first().waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.goto(`${base}/self-assessment/31`);
      await page.getByRole('heading', { level: 1, name: 'Indicateur 31' }).waitFor();
      await page
        .getByLabel('Démarche', { exact: true })
        .fill('Chaque réclamation reçoit une réponse écrite sous 15 jours.');
      await page.getByRole('button', { name: 'Enregistrer la démarche' }).click();
      await status('Démarche enregistrée (version 1).');
      await page.getByLabel('Évaluation', { exact: true }).selectOption({ label: 'Conforme' });
      await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
      await status('Évaluation enregistrée.');

      await page.getByRole('link', { name: 'Retour à l’autoévaluation' }).click();
      const card30 = page
        .locator('.card')
        .filter({ has: page.getByRole('link', { name: 'Indicateur 30', exact: true }) });
      await card30
        .getByText(/Partiellement conforme · Démarche rédigée \(version 1\) · 2 preuves reliées/)
        .waitFor();
      const href = await page
        .getByRole('link', { name: 'Télécharger le document préparatoire (PDF)' })
        .getAttribute('href');
      const pdf = await page.request.get(`${base}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const folder = mkdtempSync(join(tmpdir(), 'self-assessment-e2e-'));
      try {
        writeFileSync(join(folder, 'document.pdf'), await pdf.body());
        expect(darkPixelsOfFirstPage(folder)).toBeGreaterThan(200);
        const text = execFileSync('pdftotext', [join(folder, 'document.pdf'), '-'], { encoding: 'utf8' });
        expect(text).toContain('recueillons les appréciations');
        expect(text).toContain('réponse écrite sous 15 jours');
        expect(text).toContain('Procédure de recueil des appréciations');
        expect(text).toContain('Partiellement conforme');
        expect(text).toContain(`position ${pdf.headers()['x-log-position']}`);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
      const docxHref = await page
        .getByRole('link', { name: 'Télécharger le document préparatoire modifiable (DOCX)' })
        .getAttribute('href');
      const docx = await page.request.get(`${base}${docxHref}`);
      expect(docx.status()).toBe(200);
      expect((await docx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
      await expectAccessible(page);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
