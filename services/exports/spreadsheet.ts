import ExcelJS from 'exceljs';

/** A cell of an exported table. */
export type Cell = string | number;

/** A CSV field as French spreadsheets read it: quoted when needed, and never taken for a formula. */
const csvField = (value: Cell): string => {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** One line of a French CSV, its CRLF included: for files written a line at a time. */
export const frenchCsvLine = (row: readonly Cell[]): string => `${row.map(csvField).join(';')}\r\n`;

/** The byte-order mark that makes French spreadsheet software read a CSV as UTF-8. */
export const CSV_BOM = '\uFEFF';

/** UTF-8 with a byte-order mark, `;` between fields, CRLF between lines: what French spreadsheet software opens. */
export const toFrenchCsv = (rows: readonly (readonly Cell[])[]): Buffer =>
  Buffer.from(`${CSV_BOM}${rows.map(frenchCsvLine).join('')}`, 'utf8');

/** A workbook of one sheet, its first row (the headers) bold and frozen. */
export const toXlsx = async (sheetName: string, rows: readonly (readonly Cell[])[]): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow([...row]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
