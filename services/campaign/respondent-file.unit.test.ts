import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeText, MAX_RESPONDENTS, readRespondentFile } from './respondent-file';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 bytes of a text made of Latin-1 characters (what French spreadsheet software writes). */
const cp1252 = (text: string) => Uint8Array.from([...text].map((char) => char.charCodeAt(0)));

const ok = async (bytes: Uint8Array) => {
  const result = await readRespondentFile(bytes);
  if (!result.ok) throw new Error(`expected the file to be read: ${JSON.stringify(result)}`);
  return result.respondents;
};

describe('respondent file', () => {
  it('reads a French CSV: `;` separators, UTF-8 with a byte-order mark, a header row', async () => {
    const file = utf8(
      '\uFEFFNom;Prénom;E-mail\r\nDurand;Élodie;elodie.durand@Exemple.FR\r\nMartin;;paul.martin@example.fr\r\n',
    );
    expect(await ok(file)).toEqual([
      { line: 2, lastName: 'Durand', firstName: 'Élodie', email: 'elodie.durand@exemple.fr' },
      { line: 3, lastName: 'Martin', firstName: null, email: 'paul.martin@example.fr' },
    ]);
  });

  it('reads Windows-1252 as Windows-1252 (accents and the euro sign), not as broken UTF-8', async () => {
    const file = Uint8Array.from([...cp1252('nom;prenom;courriel\nLefèvre;Zoé;zoe@example.fr\n')]);
    expect(await ok(file)).toEqual([
      { line: 2, lastName: 'Lefèvre', firstName: 'Zoé', email: 'zoe@example.fr' },
    ]);
    expect(decodeText(Uint8Array.from([0x80, 0x9c]))).toBe('€œ');
  });

  it('accepts commas or tabs when the header has no `;`, quoted fields, and a full-name column', async () => {
    expect(await ok(utf8('Nom complet,Email\n"Durand, Élodie",e@example.fr\n'))).toEqual([
      { line: 2, lastName: 'Durand, Élodie', firstName: null, email: 'e@example.fr' },
    ]);
    expect(await ok(utf8('Nom\tEmail\nDurand\te@example.fr\n'))).toHaveLength(1);
    expect(await ok(utf8('Nom;Email\n"A; B";"ab@example.fr"\n'))).toEqual([
      { line: 2, lastName: 'A; B', firstName: null, email: 'ab@example.fr' },
    ]);
  });

  it('reports every bad line with its number and why, and keeps nothing', async () => {
    const file = utf8(
      [
        'Nom;Prénom;E-mail',
        'Durand;Élodie;elodie@example.fr',
        ';Sans;nom@example.fr',
        'Martin;Paul;paul.example.fr',
        '',
        'Durand;Élodie;ELODIE@example.fr',
        'Petit;Léa;',
      ].join('\n'),
    );
    expect(await readRespondentFile(file)).toEqual({
      ok: false,
      fileError: null,
      problems: [
        { line: 3, code: 'missing_name' },
        { line: 4, code: 'invalid_email' },
        { line: 6, code: 'duplicate_email', firstLine: 2 },
        { line: 7, code: 'missing_email' },
      ],
    });
  });

  it.each([
    ['a UTF-16 file', Uint8Array.from([0xff, 0xfe, 0x4e, 0x00, 0x6f, 0x00]), 'unknown_encoding'],
    [
      'bytes no Windows-1252 text holds',
      Uint8Array.from([...cp1252('Nom;Email\nA;a@b.fr'), 0x81]),
      'unknown_encoding',
    ],
    ['a file without an e-mail column', utf8('Nom;Téléphone\nDurand;0600000000\n'), 'no_email_column'],
    ['a file without a name column', utf8('Email\ne@example.fr\n'), 'no_name_column'],
    ['a header alone', utf8('Nom;Email\n\n'), 'empty_file'],
    ['an empty file', utf8(''), 'empty_file'],
    [
      'more respondents than a campaign takes',
      utf8(
        `Nom;Email\n${Array.from({ length: MAX_RESPONDENTS + 1 }, (_, i) => `N${i};n${i}@example.fr`).join('\n')}`,
      ),
      'too_many_rows',
    ],
    ['a ZIP that is not a workbook', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'unreadable_file'],
  ])('refuses %s as a whole', async (_, bytes, fileError) => {
    expect(await readRespondentFile(bytes)).toEqual({ ok: false, fileError, problems: [] });
  });

  it('reads the first sheet of an XLSX workbook, keeping line numbers across empty rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Stagiaires');
    sheet.addRow(['Prénom', 'Nom', 'Adresse e-mail']);
    sheet.addRow(['Élodie', 'Durand', { text: 'elodie@example.fr', hyperlink: 'mailto:elodie@example.fr' }]);
    sheet.addRow([]);
    sheet.addRow(['Paul', 'Martin', 'pas-une-adresse']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readRespondentFile(bytes)).toEqual({
      ok: false,
      fileError: null,
      problems: [{ line: 4, code: 'invalid_email' }],
    });
    sheet.getRow(4).getCell(3).value = 'paul@example.fr';
    const fixed = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await ok(fixed)).toEqual([
      { line: 2, firstName: 'Élodie', lastName: 'Durand', email: 'elodie@example.fr' },
      { line: 4, firstName: 'Paul', lastName: 'Martin', email: 'paul@example.fr' },
    ]);
  });
});
