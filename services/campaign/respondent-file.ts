import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Reading a list of respondents from a file as French spreadsheet software writes it: CSV with `;` separators
 * (`,` and tabs accepted too), in UTF-8 (with or without a byte-order mark) or Windows-1252, or an XLSX workbook
 * (its first sheet); a header row names the columns. Every bad line is reported with its number and why, and a
 * file with any error imports nothing: the person fixes the file and sends it again.
 */

export interface ImportedRespondent {
  /** The line of the file (1 is the header), to name it back in messages. */
  line: number;
  email: string;
  firstName: string | null;
  lastName: string;
}

export const RESPONDENT_LINE_ERRORS = [
  'missing_email',
  'invalid_email',
  'duplicate_email',
  'missing_name',
] as const;
export type RespondentLineError = (typeof RESPONDENT_LINE_ERRORS)[number];

export const RESPONDENT_FILE_ERRORS = [
  'file_too_large',
  'unreadable_file',
  'unknown_encoding',
  'empty_file',
  'no_email_column',
  'no_name_column',
  'too_many_rows',
] as const;
export type RespondentFileError = (typeof RESPONDENT_FILE_ERRORS)[number];

export interface LineProblem {
  line: number;
  code: RespondentLineError;
  /** For a duplicate: the line the address first appeared on. */
  firstLine?: number;
}

export type RespondentFileResult =
  | { ok: true; respondents: ImportedRespondent[] }
  | { ok: false; fileError: RespondentFileError; problems: [] }
  | { ok: false; fileError: null; problems: LineProblem[] };

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_RESPONDENTS = 2000;

/** Windows-1252's characters at 0x80–0x9F (where it differs from Latin-1); undefined bytes are absent. */
const CP1252_HIGH: Record<number, number> = {
  128: 0x20ac,
  130: 0x201a,
  131: 0x0192,
  132: 0x201e,
  133: 0x2026,
  134: 0x2020,
  135: 0x2021,
  136: 0x02c6,
  137: 0x2030,
  138: 0x0160,
  139: 0x2039,
  140: 0x0152,
  142: 0x017d,
  145: 0x2018,
  146: 0x2019,
  147: 0x201c,
  148: 0x201d,
  149: 0x2022,
  150: 0x2013,
  151: 0x2014,
  152: 0x02dc,
  153: 0x2122,
  154: 0x0161,
  155: 0x203a,
  156: 0x0153,
  158: 0x017e,
  159: 0x0178,
};

/** The file's text: UTF-8 when it is valid UTF-8, else Windows-1252; undefined for anything else. */
export const decodeText = (bytes: Uint8Array): string | undefined => {
  // NUL bytes: UTF-16, or not text at all.
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let text = '';
    for (const byte of bytes) {
      if (byte < 0x80 || byte > 0x9f) text += String.fromCharCode(byte);
      else {
        const code = CP1252_HIGH[byte];
        if (code === undefined) return undefined;
        text += String.fromCharCode(code);
      }
    }
    return text;
  }
};

/** A column name as people write it: lower case, no accents, no punctuation. */
const columnKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

const EMAIL_COLUMNS = new Set([
  'email',
  'mail',
  'courriel',
  'adresseemail',
  'adressemail',
  'adressecourriel',
  'emailaddress',
]);
const LAST_NAME_COLUMNS = new Set(['nom', 'nomdefamille', 'lastname', 'surname', 'familyname', 'nomdusage']);
const FIRST_NAME_COLUMNS = new Set(['prenom', 'firstname', 'givenname']);
const FULL_NAME_COLUMNS = new Set([
  'nomcomplet',
  'nomprenom',
  'prenomnom',
  'name',
  'fullname',
  'stagiaire',
  'apprenant',
]);

/** A practical check of an address: one @, a dotted domain, no spaces; what mail servers accept in practice. */
const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[a-z]{2,}$/i;
export const normaliseEmail = (raw: string) => {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
};
export const isEmail = (value: string) => value.length <= 254 && EMAIL.test(value);

const isXlsx = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

const readCsv = (text: string): string[][] => {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  return parse(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
  }) as string[][];
};

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink (mailto:)
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return String(value.result ?? '');
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
};

const readXlsx = async (bytes: Uint8Array): Promise<string[][] | undefined> => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return undefined;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  // Lines keep their numbers: an empty row in the sheet is an empty line here.
  for (let index = 1; index <= sheet.rowCount; index++) {
    const row = sheet.getRow(index);
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++)
      cells.push(cellText(row.getCell(column).value).trim());
    rows.push(cells);
  }
  return rows;
};

/** Reads the file and checks every line; nothing is kept from a file with an error. */
export const readRespondentFile = async (bytes: Uint8Array): Promise<RespondentFileResult> => {
  const fail = (fileError: RespondentFileError): RespondentFileResult => ({
    ok: false,
    fileError,
    problems: [],
  });
  if (bytes.length > MAX_FILE_BYTES) return fail('file_too_large');
  let rows: string[][];
  if (isXlsx(bytes)) {
    const read = await readXlsx(bytes);
    if (!read) return fail('unreadable_file');
    rows = read;
  } else {
    const text = decodeText(bytes);
    if (text === undefined) return fail('unknown_encoding');
    try {
      rows = readCsv(text);
    } catch {
      return fail('unreadable_file');
    }
  }
  const [header, ...lines] = rows;
  if (!header || header.every((cell) => cell === '')) return fail('empty_file');
  const columnOf = (names: ReadonlySet<string>) => header.findIndex((cell) => names.has(columnKey(cell)));
  const email = columnOf(EMAIL_COLUMNS);
  const lastName = columnOf(LAST_NAME_COLUMNS);
  const firstName = columnOf(FIRST_NAME_COLUMNS);
  const fullName = columnOf(FULL_NAME_COLUMNS);
  if (email < 0) return fail('no_email_column');
  if (lastName < 0 && fullName < 0) return fail('no_name_column');

  const filled = lines
    .map((cells, index) => ({ cells, line: index + 2 }))
    .filter(({ cells }) => cells.some((cell) => cell !== ''));
  if (filled.length === 0) return fail('empty_file');
  if (filled.length > MAX_RESPONDENTS) return fail('too_many_rows');

  const problems: LineProblem[] = [];
  const respondents: ImportedRespondent[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { cells, line } of filled) {
    const address = normaliseEmail(cells[email] ?? '');
    const last = (lastName >= 0 ? cells[lastName] : cells[fullName]) ?? '';
    const first = firstName >= 0 ? cells[firstName] || null : null;
    if (!address) problems.push({ line, code: 'missing_email' });
    else if (!isEmail(address)) problems.push({ line, code: 'invalid_email' });
    else {
      // The same person twice, whatever the case of the address.
      const key = address.toLowerCase();
      const seen = firstLineOf.get(key);
      if (seen !== undefined) problems.push({ line, code: 'duplicate_email', firstLine: seen });
      else firstLineOf.set(key, line);
    }
    if (!last.trim()) problems.push({ line, code: 'missing_name' });
    respondents.push({ line, email: address, firstName: first, lastName: last.trim() });
  }
  if (problems.length > 0) return { ok: false, fileError: null, problems };
  return { ok: true, respondents };
};
