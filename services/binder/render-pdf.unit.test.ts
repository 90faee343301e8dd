import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureSource } from '../../test/support/binder-source-fixture';
import { findIndicator } from '../referential';
import type { BinderSource } from './content';
import { renderBinderPdf } from './render-pdf';

const pdfOf = async (source: BinderSource, options?: { maxItemsPerIndicator?: number }): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of await renderBinderPdf(source, options)) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;
const folder = mkdtempSync(join(tmpdir(), 'binder-pdf-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(() => {
  vi.useRealTimers();
});

const saved = (name: string, pdf: Buffer) => {
  const path = join(folder, name);
  writeFileSync(path, pdf);
  return path;
};

/** The PDF's text as poppler reads it, spaces (no-break ones included) and line ends folded into single spaces. */
const textOf = (path: string): string =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0]+/g, ' ');

/** How many pixels of a page rendered in grey at 50 dpi are not white (a PGM: a text header, then a byte a pixel). */
const inkedPixels = (path: string, page: number): { inked: number; total: number } => {
  const prefix = join(folder, `page-${page}`);
  execFileSync('pdftoppm', [
    '-r',
    '50',
    '-gray',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    path,
    prefix,
  ]);
  const pgm = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [, width, height] = header.map(Number) as [number, number, number];
  const pixels = pgm.subarray(header[0].length);
  expect(pixels.length).toBe(width * height);
  let inked = 0;
  for (const value of pixels) if (value < 200) inked += 1;
  return { inked, total: width * height };
};

describe('the binder PDF', () => {
  it('gives the same bytes for the same source, whenever it is written, with its dates and /ID fixed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-01T10:00:00Z'));
    const first = await pdfOf(fixtureSource());
    vi.setSystemTime(new Date('2031-07-14T22:13:07Z'));
    const second = await pdfOf(fixtureSource());
    expect(second.equals(first)).toBe(true);
    const raw = first.toString('latin1');
    // The creation and modification dates: pdfkit writes each as its own object.
    expect(raw.match(/\(D:\d{14}Z\)/g)).toEqual(['(D:20261231174512Z)', '(D:20261231174512Z)']);
    expect(raw).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  it('writes a different /ID for a binder of another date', async () => {
    const id = (pdf: Buffer) => /\/ID \[<([0-9a-f]{32})>/.exec(pdf.toString('latin1'))?.[1];
    const earlier = await pdfOf(fixtureSource(undefined, { asOfRecordedAt: '2026-12-30T09:00:00.000Z' }));
    const later = await pdfOf(fixtureSource());
    expect(id(earlier)).toBeDefined();
    expect(id(earlier)).not.toBe(id(later));
  });

  describe.skipIf(!hasPoppler)('as poppler reads it (needs poppler-utils: pdftotext, pdftoppm)', () => {
    it('names the organisation and the period on its cover and quotes each indicator’s official wording', async () => {
      const path = saved('binder.pdf', await pdfOf(fixtureSource()));
      const text = textOf(path);
      expect(text).toContain('Dossier de preuves Qualiopi');
      expect(text).toContain('Formations Cœur d’Œuvre — Saint-Étienne');
      expect(text).toContain('SIRET 123 456 789 00012');
      expect(text).toContain('Période du 1er janvier 2026 au 31 décembre 2026');
      expect(text).toContain(
        'État du journal au 31 décembre 2026 à 18 h 45 (heure de Paris), position 3500000',
      );
      for (const number of [2, 30, 31]) {
        expect(text).toContain(`« ${findIndicator(number)?.title} »`);
      }
      expect(text).toContain(
        'Critère 7 — Le recueil et la prise en compte des appréciations et des réclamations formulées par',
      );
      expect(text).toContain('Réclamation reçue : « hébergement non conforme » — cœur du problème');
      expect(text).toContain('Accusé de réception envoyé — remboursement de 350 € demandé');
      expect(text).toContain('05/01/2026 09:00 Réclamation reçue');
      expect(text).toMatch(/Manquant .*2 réclamations ont dépassé leur délai de réponse\./);
      expect(text).toContain('page 1 / 5');
      expect(text).toContain('page 5 / 5');
    });

    it('draws its cover and its pages: not blank once turned into pixels', async () => {
      const path = saved('pixels.pdf', await pdfOf(fixtureSource()));
      for (const page of [1, 3]) {
        const { inked, total } = inkedPixels(path, page);
        expect(inked, `page ${page}`).toBeGreaterThan(total / 500);
        expect(inked, `page ${page}`).toBeLessThan(total / 2);
      }
    });

    it('shows only the most recent items of a large indicator and says where the others are', async () => {
      const before = process.memoryUsage().heapUsed;
      const pdf = await pdfOf(fixtureSource({ 30: 20_000, 31: 9 }));
      const text = textOf(saved('large.pdf', pdf));
      expect(text).toContain(
        'Les 200 éléments les plus récents de la période figurent ci-dessous, du plus ancien au plus récent ; 19 800 autres éléments figurent dans les tableaux (data/indicateur-30.csv et data/dossier.xlsx).',
      );
      expect(text).toContain('20 000 éléments de preuve sur la période.');
      expect(text).toContain('envoyée n° 19801 :');
      expect(text).toContain('envoyée n° 20000 :');
      expect(text).not.toMatch(/envoyée n° 19800 :/);
      expect(text).not.toMatch(/envoyée n° 1 :/);
      // The items per month still count all 20,000, not only those shown.
      expect(text).toContain('Éléments par mois 1 472 janv. 2026 1 557 févr. 1 719 mars');
      // What stays is the PDF (a few hundred kilobytes), not the 20,000 items.
      expect(pdf.length).toBeLessThan(2_000_000);
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(200_000_000);
    });

    it('shows fewer items when asked, and none at all with a cap of 0', async () => {
      const text = textOf(saved('capped.pdf', await pdfOf(fixtureSource(), { maxItemsPerIndicator: 2 })));
      expect(text).toContain('Les 2 éléments les plus récents de la période figurent ci-dessous');
      expect(text).toContain(
        '7 autres éléments figurent dans les tableaux (data/indicateur-31.csv et data/dossier.xlsx).',
      );
      const none = textOf(saved('none.pdf', await pdfOf(fixtureSource(), { maxItemsPerIndicator: 0 })));
      expect(none).toContain(
        'Ce document ne reproduit pas les éléments un à un ; 9 autres éléments figurent',
      );
      expect(none).not.toContain('Réclamation reçue : « hébergement');
    });
  });
});
