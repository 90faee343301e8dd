import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from '../scripts/demo/seed';
import { findIndicator } from '../services/referential';
import { browserSuite, browserSuiteTitle, hasChromium, JOURNEY_TIMEOUT } from './support/browser';

/** Whether a command-line tool is installed (`.ci/run` installs unzip and poppler-utils). */
const hasTool = (command: string, versionFlag: string) =>
  !spawnSync(command, [versionFlag], { stdio: 'ignore' }).error;

/** Text as it reads, whatever the line breaks and ligatures of a PDF's extraction. */
const reading = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

const title = browserSuiteTitle('the demo organisation’s audit binder');

describe.skipIf(!hasChromium)(title, () => {
  const suite = browserSuite();
  const directories: string[] = [];
  afterAll(async () => {
    for (const directory of directories) await rm(directory, { recursive: true, force: true });
  });

  it(
    'the demo admin produces the binder of the last twelve months; its archive verifies and its PDF quotes the indicators',
    async () => {
      const { t, base, pageErrors } = suite;
      const seeded = await seedDemo({ db: t.database.db, store: t.store });
      if (!seeded.created) throw new Error('the demo organisation was not created');
      expect(await t.runner.waitForPosition(seeded.position, 60_000)).toBe(true);

      const page = await suite.phone({ cookie: await t.login(DEMO_EMAIL, DEMO_PASSWORD), width: 390 });
      await page.goto(`${base}/binders`);
      await page.getByRole('heading', { level: 1, name: 'Dossiers d’audit' }).waitFor();
      // The defaults: the last twelve months, as of today, every applicable indicator.
      const form = page.getByRole('region', { name: 'Produire un dossier' });
      expect(await form.getByRole('checkbox', { name: 'Indicateur 31' }).isChecked()).toBe(true);
      await form.getByRole('button', { name: 'Produire le dossier' }).click();
      await page.getByRole('status').filter({ hasText: 'Dossier demandé' }).waitFor();

      const link = page.getByRole('link', { name: /^Télécharger dossier-qualiopi-.*\.zip/ });
      await link.waitFor({ timeout: 240_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const directory = await mkdtemp(join(tmpdir(), 'demo-binder-'));
      directories.push(directory);
      const archive = join(directory, download.suggestedFilename());
      await download.saveAs(archive);
      expect(pageErrors).toEqual([]);

      if (!hasTool('unzip', '-v')) {
        console.warn(
          'Skipped: unzip is not installed (apt-get install -y unzip), the archive was not verified.',
        );
        return;
      }
      const unzipped = spawnSync('unzip', ['-q', archive, '-d', join(directory, 'binder')], {
        encoding: 'utf8',
      });
      expect(unzipped.status, unzipped.stderr).toBe(0);
      const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], {
        cwd: join(directory, 'binder'),
        encoding: 'utf8',
      });
      expect(sums.status, sums.stdout + sums.stderr).toBe(0);
      expect(sums.stdout).toContain('binder.pdf: OK');

      if (!hasTool('pdftotext', '-v')) {
        console.warn(
          'Skipped: pdftotext is not installed (apt-get install -y poppler-utils), the PDF was not read.',
        );
        return;
      }
      const pdf = join(directory, 'binder', 'binder.pdf');
      expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
      const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(text.status, text.stderr).toBe(0);
      const wording = findIndicator(31)!.title;
      expect(reading(text.stdout)).toContain(reading(wording));
      // And the demo's own evidence under it: its complaints register.
      expect(reading(text.stdout)).toContain('Réclamation reçue');
    },
    JOURNEY_TIMEOUT,
  );
});
