import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type XlsxSheet, xlsxStream } from './xlsx-stream';

const bytesOf = async (stream: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};

const book = (sheets: XlsxSheet[]) =>
  xlsxStream({
    title: 'Classeur « test »',
    creator: 'Formations & Cie',
    created: new Date('2026-12-31T17:45:12Z'),
    dateFormat: 'dd/mm/yyyy hh:mm',
    sheets,
  });

const load = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
};

describe('the streaming XLSX writer', () => {
  it('writes text, numbers and dates a spreadsheet reads back, headers bold and frozen', async () => {
    const workbook = await load(
      await bytesOf(
        book([
          {
            name: 'Données',
            widths: [17, 30],
            header: ['Date', 'Texte'],
            rows: async function* () {
              yield [new Date('2026-01-05T09:30:00Z'), 'Réclamation <urgente> & « suivie »', 42];
              yield [null, '', 3.5];
            },
          },
        ]),
      ),
    );
    const sheet = workbook.getWorksheet('Données');
    expect(sheet?.getRow(1).getCell(2).value).toBe('Texte');
    expect(sheet?.getRow(1).getCell(2).font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getColumn(2).width).toBe(30);
    expect(sheet?.getRow(2).getCell(1).value).toEqual(new Date('2026-01-05T09:30:00Z'));
    expect(sheet?.getRow(2).getCell(1).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(sheet?.getRow(2).getCell(2).value).toBe('Réclamation <urgente> & « suivie »');
    expect(sheet?.getRow(2).getCell(3).value).toBe(42);
    expect(sheet?.getRow(3).getCell(1).value).toBeNull();
    expect(sheet?.getRow(3).getCell(3).value).toBe(3.5);
    expect(workbook.creator).toBe('Formations & Cie');
    expect(workbook.title).toBe('Classeur « test »');
    expect(workbook.created).toEqual(new Date('2026-12-31T17:45:12Z'));
  });

  it('drops the control characters XML cannot carry and keeps tabs and line breaks', async () => {
    const workbook = await load(
      await bytesOf(
        book([
          {
            name: 'Texte',
            widths: [40],
            rows: async function* () {
              yield ['avant\u0000\u0007\u001Faprès\tet\nligne'];
            },
          },
        ]),
      ),
    );
    expect(workbook.getWorksheet('Texte')?.getRow(1).getCell(1).value).toBe('avantaprès\tet\nligne');
  });

  it('names columns past Z (AA, AB…) and writes an empty sheet as a sheet', async () => {
    const wide = Array.from({ length: 30 }, (_, i) => `c${i + 1}`);
    const workbook = await load(
      await bytesOf(
        book([
          {
            name: 'Large',
            widths: [],
            rows: async function* () {
              yield wide;
            },
          },
          { name: 'Vide', widths: [10], header: ['Seul en-tête'], rows: async function* () {} },
        ]),
      ),
    );
    expect(workbook.getWorksheet('Large')?.getRow(1).getCell(28).value).toBe('c28');
    expect(workbook.getWorksheet('Large')?.getCell('AB1').value).toBe('c28');
    expect(workbook.getWorksheet('Vide')?.rowCount).toBe(1);
  });

  it('gives the same bytes for the same workbook', async () => {
    const sheets = (): XlsxSheet[] => [
      {
        name: 'A',
        widths: [10],
        header: ['x'],
        rows: async function* () {
          for (let i = 0; i < 1000; i++) yield [i, `ligne ${i}`];
        },
      },
    ];
    expect((await bytesOf(book(sheets()))).equals(await bytesOf(book(sheets())))).toBe(true);
  });
});
