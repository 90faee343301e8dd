import { type ZipEntry, zipReadable } from './zip-writer';

/**
 * A streaming XLSX writer for large tables (an audit binder's 100,000 rows): each sheet's rows are read from an async
 * iterable as the archive is read, written as inline strings, numbers and dates, so neither the rows nor the
 * workbook are ever whole in memory. It writes the few parts a workbook needs (workbook, sheets, styles, document
 * properties) and nothing else: bold headers frozen in place, column widths, one date format. Small exports keep
 * `toXlsx` (services/exports/spreadsheet.ts); this is for tables that grow with the log. Same input, same bytes.
 */

/** A cell: text, a number, a date (shown as the wall-clock time its UTC fields hold), or empty. */
export type XlsxCell = string | number | Date | null;

export interface XlsxSheet {
  /** At most 31 characters, none of `[]:*?/\`. */
  name: string;
  /** Column widths, in characters. */
  widths: readonly number[];
  /** A bold first row, frozen while scrolling. */
  header?: readonly string[];
  /** Bold first column (a sheet of labels and values). */
  boldFirstColumn?: boolean;
  rows(): AsyncIterable<readonly XlsxCell[]>;
}

export interface XlsxWorkbook {
  title: string;
  creator: string;
  /** The workbook's date: its properties, and every ZIP entry's time. */
  created: Date;
  /** The number format of date cells, e.g. `dd/mm/yyyy hh:mm`. */
  dateFormat: string;
  sheets: readonly XlsxSheet[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CHUNK_CHARACTERS = 64 * 1024;
const COMPRESSION_LEVEL = 1;

// Cell styles (cellXfs): 0 plain, 1 bold, 2 date.
const BOLD = 1;
const DATE = 2;

// XML 1.0 forbids most control characters, even escaped: they are dropped, as a spreadsheet could not show them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the characters XML cannot carry is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const SPECIAL = /[<>&"]/;
const escapeXml = (text: string): string => {
  const clean = text.replace(FORBIDDEN, '');
  if (!SPECIAL.test(clean)) return clean;
  return clean.replace(/[<>&"]/g, (character) =>
    character === '<' ? '&lt;' : character === '>' ? '&gt;' : character === '&' ? '&amp;' : '&quot;',
  );
};

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
const columnName = (index: number): string => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
};

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_DAYS = 25_569; // 1970-01-01 as an Excel serial day (1900 date system)

const cellXml = (reference: string, value: XlsxCell, bold: boolean): string => {
  if (value === null || value === '') return '';
  const style = bold ? ` s="${BOLD}"` : '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `<c r="${reference}"${style}><v>${value}</v></c>` : '';
  }
  if (value instanceof Date) {
    return `<c r="${reference}" s="${DATE}"><v>${value.getTime() / MS_PER_DAY + EXCEL_EPOCH_DAYS}</v></c>`;
  }
  return `<c r="${reference}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
};

const rowXml = (
  columns: readonly string[],
  number: number,
  cells: readonly XlsxCell[],
  bold: (i: number) => boolean,
) => {
  let xml = `<row r="${number}">`;
  for (let i = 0; i < cells.length; i++)
    xml += cellXml(`${columns[i] ?? columnName(i)}${number}`, cells[i] ?? null, bold(i));
  return `${xml}</row>`;
};

async function* sheetXml(sheet: XlsxSheet): AsyncGenerator<Buffer> {
  const columns = Array.from(
    { length: Math.max(sheet.widths.length, sheet.header?.length ?? 0, 26) },
    (_, i) => columnName(i),
  );
  const frozen = sheet.header
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : '';
  const widths = sheet.widths
    .map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`)
    .join('');
  let xml =
    `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
    `<sheetViews><sheetView workbookViewId="0">${frozen}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${widths ? `<cols>${widths}</cols>` : ''}<sheetData>`;
  let number = 0;
  if (sheet.header) {
    number += 1;
    xml += rowXml(columns, number, sheet.header, () => true);
  }
  const bold = sheet.boldFirstColumn ? (i: number) => i === 0 : () => false;
  for await (const cells of sheet.rows()) {
    number += 1;
    xml += rowXml(columns, number, cells, bold);
    if (xml.length >= CHUNK_CHARACTERS) {
      yield Buffer.from(xml, 'utf8');
      xml = '';
    }
  }
  yield Buffer.from(`${xml}</sheetData></worksheet>`, 'utf8');
}

const stylesXml = (dateFormat: string) =>
  `${DECLARATION}<styleSheet xmlns="${MAIN}">` +
  `<numFmts count="1"><numFmt numFmtId="164" formatCode="${escapeXml(dateFormat)}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const workbookXml = (sheets: readonly XlsxSheet[]) =>
  `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
  '<bookViews><workbookView/></bookViews><sheets>' +
  sheets
    .map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('') +
  '</sheets></workbook>';

const workbookRelsXml = (sheets: readonly XlsxSheet[]) =>
  `${DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
  sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('') +
  `<Relationship Id="rId${sheets.length + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>` +
  '</Relationships>';

const rootRelsXml = () =>
  `${DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
  `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${PACKAGE_RELATIONSHIPS}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${RELATIONSHIPS}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

const contentTypesXml = (sheets: readonly XlsxSheet[]) =>
  `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('') +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  '</Types>';

const coreXml = (book: XlsxWorkbook) => {
  const when = book.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(book.title)}</dc:title><dc:creator>${escapeXml(book.creator)}</dc:creator>` +
    `<cp:lastModifiedBy>${escapeXml(book.creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
};

const appXml = () =>
  `${DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  '<Application>Microsoft Excel</Application></Properties>';

/** The workbook as a stream of XLSX bytes; each sheet's rows are read only as the stream is read. */
export const xlsxStream = (book: XlsxWorkbook): NodeJS.ReadableStream => {
  // ZIP's DOS times have no zone: the workbook date's UTC fields, the same bytes in every zone.
  const created = book.created;
  const entry = {
    time: {
      year: created.getUTCFullYear(),
      month: created.getUTCMonth() + 1,
      day: created.getUTCDate(),
      hour: created.getUTCHours(),
      minute: created.getUTCMinutes(),
      second: created.getUTCSeconds(),
    },
    mode: 0o100644,
    level: COMPRESSION_LEVEL,
  };
  const text = (path: string, xml: string): ZipEntry => ({
    ...entry,
    path,
    content: [Buffer.from(xml, 'utf8')],
  });
  return zipReadable([
    text('[Content_Types].xml', contentTypesXml(book.sheets)),
    text('_rels/.rels', rootRelsXml()),
    text('docProps/core.xml', coreXml(book)),
    text('docProps/app.xml', appXml()),
    text('xl/workbook.xml', workbookXml(book.sheets)),
    text('xl/_rels/workbook.xml.rels', workbookRelsXml(book.sheets)),
    text('xl/styles.xml', stylesXml(book.dateFormat)),
    ...book.sheets.map((sheet, i) => ({
      ...entry,
      path: `xl/worksheets/sheet${i + 1}.xml`,
      content: sheetXml(sheet),
    })),
  ]);
};
