import { once } from 'node:events';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import yauzl from 'yauzl';
import { fixtureSource } from '../../test/support/binder-source-fixture';
import type { BinderSource } from './content';
import { type BinderTable, binderTables } from './render-tables';

const bytesOf = async (stream: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};

const tablesOf = async (source: BinderSource): Promise<BinderTable[]> => {
  const tables: BinderTable[] = [];
  for await (const table of binderTables(source)) tables.push(table);
  return tables;
};

const renderAll = async (source: BinderSource): Promise<Map<string, Buffer>> => {
  const files = new Map<string, Buffer>();
  for (const table of await tablesOf(source)) files.set(table.path, await bytesOf(table.stream()));
  return files;
};

/** The ZIP entries' DOS date and time fields, read from the local file headers. */
const zipEntryStamps = (zip: Buffer): number[] => {
  const stamps: number[] = [];
  for (
    let at = zip.indexOf('PK\x03\x04', 0, 'latin1');
    at >= 0;
    at = zip.indexOf('PK\x03\x04', at + 4, 'latin1')
  ) {
    stamps.push(zip.readUInt32LE(at + 10));
  }
  return stamps;
};

/** How many rows each sheet of a workbook holds, counted in its XML (far cheaper than loading the workbook). */
const rowsPerSheet = async (xlsx: Buffer): Promise<number[]> => {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(xlsx, { lazyEntries: false }, (error, opened) =>
      error ? reject(error) : resolve(opened),
    ),
  );
  const counts = new Map<string, number>();
  const pending: Promise<void>[] = [];
  zip.on('entry', (entry: yauzl.Entry) => {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.fileName)) return;
    pending.push(
      (async () => {
        const stream = await promisify(zip.openReadStream.bind(zip))(entry);
        let count = 0;
        let tail = '';
        for await (const chunk of stream) {
          const text = tail + (chunk as Buffer).toString('latin1');
          count += text.split('<row ').length - 1;
          tail = text.slice(-4);
        }
        counts.set(entry.fileName, count);
      })(),
    );
  });
  await once(zip, 'end');
  await Promise.all(pending);
  return [...counts]
    .sort(([a], [b]) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
    .map(([, count]) => count);
};

afterEach(() => {
  vi.useRealTimers();
});

describe('the binder as tables', () => {
  it('lists the workbook, then one CSV per indicator, paths sorted', async () => {
    const paths = (await tablesOf(fixtureSource())).map((table) => table.path);
    expect(paths).toEqual([
      'data/dossier.xlsx',
      'data/indicateur-02.csv',
      'data/indicateur-30.csv',
      'data/indicateur-31.csv',
    ]);
  });

  it('writes each indicator as a CSV French spreadsheets open: BOM, semicolons, Paris dates, every item', async () => {
    const files = await renderAll(fixtureSource());
    const csv = files.get('data/indicateur-31.csv');
    expect(csv?.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv?.toString('utf8').slice(1).split('\r\n') ?? [];
    expect(lines[0]).toBe(
      'Date (heure de Paris);Nature;Intitulé;Résumé;Source;Identifiant de la source;Horodatage (ISO 8601);Identifiant de l’événement;Position dans le journal',
    );
    expect(lines).toHaveLength(1 + 9 + 1);
    // 5 January 2026 08:00 UTC is 09:00 in Paris (winter time).
    expect(lines[1]).toMatch(
      /^05\/01\/2026 09:00;Réclamation reçue;Réclamation reçue : « hébergement non conforme » — cœur du problème;;Réclamation;/,
    );
    expect(lines[2]).toContain(
      ';Accusé de réception;Accusé de réception envoyé — remboursement de 350 € demandé;',
    );
    expect(lines[2]).toContain('"Résumé n°\u00a02 ; il mentionne ""des guillemets"", œ et 15 €."');
  });

  it('writes a workbook with a summary sheet, one sheet per indicator and the binder particulars', async () => {
    const files = await renderAll(fixtureSource());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files.get('data/dossier.xlsx') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Synthèse',
      'Indicateur 02',
      'Indicateur 30',
      'Indicateur 31',
      'À propos',
    ]);
    const summary = workbook.getWorksheet('Synthèse');
    expect(summary?.getRow(4).getCell(4).value).toMatch(
      /^Le prestataire met en œuvre des modalités de traitement/,
    );
    expect(summary?.getRow(4).getCell(7).value).toBe('Manquant');
    expect(summary?.getRow(4).getCell(8).value).toBe(
      '2 réclamations ont dépassé leur délai de réponse. ; Un accusé de réception manque.',
    );
    const sheet = workbook.getWorksheet('Indicateur 31');
    expect(sheet?.rowCount).toBe(10);
    expect(sheet?.getRow(2).getCell(1).value).toEqual(new Date('2026-01-05T09:00:00Z'));
    expect(sheet?.getRow(2).getCell(1).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(sheet?.getRow(2).getCell(3).value).toBe(
      'Réclamation reçue : « hébergement non conforme » — cœur du problème',
    );
    expect(workbook.getWorksheet('À propos')?.getRow(1).getCell(2).value).toBe(
      'Formations Cœur d’Œuvre — Saint-Étienne',
    );
    expect(workbook.created).toEqual(new Date('2026-12-31T17:45:12.000Z'));
  });

  it('gives the same bytes for the same source, whenever it is written', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-01T10:00:00Z'));
    const first = await renderAll(fixtureSource());
    vi.setSystemTime(new Date('2031-07-14T22:13:07Z'));
    const second = await renderAll(fixtureSource());
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of first) expect(second.get(path)?.equals(bytes), path).toBe(true);
    // Every ZIP entry of the workbook carries the binder's date: 31/12/2026 17:45:12 UTC in DOS time.
    const dos = ((2026 - 1980) << 25) | (12 << 21) | (31 << 16) | (17 << 11) | (45 << 5) | (12 / 2);
    const stamps = zipEntryStamps(first.get('data/dossier.xlsx') as Buffer);
    expect(stamps.length).toBeGreaterThan(5);
    expect(new Set(stamps)).toEqual(new Set([dos >>> 0]));
  });

  it('writes all 20,000 items of a large indicator to its CSV and its sheet, reading them as it goes', async () => {
    const source = fixtureSource({ 30: 20_000, 31: 9 });
    const tables = await tablesOf(source);
    const csv = await bytesOf(tables.find((table) => table.path === 'data/indicateur-30.csv')!.stream());
    const lines = csv.toString('utf8').split('\r\n');
    expect(lines).toHaveLength(1 + 20_000 + 1);
    expect(lines[20_000]).toContain('n°\u00a020000');
    const xlsx = await bytesOf(tables.find((table) => table.path === 'data/dossier.xlsx')!.stream());
    const rows = await rowsPerSheet(xlsx);
    expect(rows).toEqual([3, 20_001, 10, 6]);
  }, 180_000);
});
