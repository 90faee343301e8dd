import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type Cell, CSV_BOM, frenchCsvLine } from '../exports/spreadsheet';
import type { BinderIndicator, BinderItem, BinderSource } from './content';
import {
  frenchDateTime,
  frenchLongDate,
  frenchLongDateTime,
  frenchSiret,
  parisTime,
  readinessLabel,
} from './french';
import { kindLabel, sourceLabel } from './kinds';

/** A file of the binder's tables: its path in the ZIP, and a fresh read of its bytes on each call. */
export interface BinderTable {
  path: string;
  stream(): NodeJS.ReadableStream;
}

const two = (value: number) => String(value).padStart(2, '0');

/** Where an indicator's CSV sits in the binder: data/indicateur-07.csv. */
export const indicatorCsvPath = (indicator: number): string => `data/indicateur-${two(indicator)}.csv`;
export const WORKBOOK_PATH = 'data/dossier.xlsx';

const ITEM_HEADERS = [
  'Date (heure de Paris)',
  'Nature',
  'Intitulé',
  'Résumé',
  'Source',
  'Identifiant de la source',
  'Horodatage (ISO 8601)',
  'Identifiant de l’événement',
  'Position dans le journal',
] as const;

const itemCells = (item: BinderItem, date: Cell | Date): (Cell | Date)[] => [
  date,
  kindLabel(item.kind),
  item.title,
  item.summary ?? '',
  sourceLabel(item.sourceType),
  item.sourceId,
  item.occurredAt,
  item.eventId,
  item.position,
];

const SUMMARY_HEADERS = [
  'Indicateur',
  'Critère',
  'Intitulé du critère',
  'Libellé officiel de l’indicateur',
  'Non-conformité majeure uniquement',
  'Éléments sur la période',
  'Préparation',
  'Motifs',
] as const;

const summaryCells = (indicator: BinderIndicator): Cell[] => [
  indicator.number,
  indicator.criterion,
  indicator.criterionTitle,
  indicator.wording,
  indicator.majorOnly ? 'Oui' : 'Non',
  indicator.itemCount,
  readinessLabel(indicator.readiness),
  indicator.readiness?.reasons.join(' ; ') ?? '',
];

const CHUNK_BYTES = 64 * 1024;

/** An indicator's items as a French CSV, read from the source as the stream is read. */
const indicatorCsv = (source: BinderSource, indicator: number): NodeJS.ReadableStream =>
  Readable.from(
    (async function* () {
      let pending = `${CSV_BOM}${frenchCsvLine(ITEM_HEADERS)}`;
      for await (const item of source.items(indicator)) {
        pending += frenchCsvLine(itemCells(item, frenchDateTime(item.occurredAt)) as Cell[]);
        if (pending.length >= CHUNK_BYTES) {
          yield Buffer.from(pending, 'utf8');
          pending = '';
        }
      }
      yield Buffer.from(pending, 'utf8');
    })(),
    { objectMode: false },
  );

/** An instant's Paris wall-clock time as the date Excel shows: Excel cells have no time zone. */
const excelParisDate = (instant: string): Date => {
  const t = parisTime(instant);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
};

type ZipEntries = { append(source: unknown, data: { name: string; date?: Date }): unknown };

/**
 * exceljs names no date for its ZIP entries, so archiver stamps each with the time of writing: every entry gets the
 * workbook's date instead. The constructor adds its first entries from `addThemes`, hence the hook there.
 */
class StampedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  // exceljs reads `created` from its options (its types leave it out) before it writes its first entries.
  constructor(options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions> & { created: Date }) {
    super(options);
  }

  override addThemes(): Promise<void> {
    const zip = (this as unknown as { zip: ZipEntries }).zip;
    const append = zip.append.bind(zip);
    const date = this.created;
    zip.append = (entry, data) => append(entry, { ...data, date });
    return super.addThemes();
  }
}

const BOLD = { bold: true } as const;
const ROWS_BETWEEN_DRAIN_CHECKS = 256;

/** Writes the workbook to `out`, pausing while `out` is full, so a large binder is never held whole in memory. */
const writeWorkbook = async (source: BinderSource, out: PassThrough): Promise<void> => {
  const { request, organisation } = source;
  const date = new Date(request.asOfRecordedAt);
  const workbook = new StampedWorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    created: date,
  });
  workbook.modified = date;
  workbook.creator = organisation.name;
  workbook.lastModifiedBy = organisation.name;
  workbook.title = `Dossier de preuves Qualiopi — ${organisation.name}`;
  const frozen = [{ state: 'frozen' as const, ySplit: 1 }];
  let rows = 0;
  const drained = async () => {
    rows += 1;
    if (rows % ROWS_BETWEEN_DRAIN_CHECKS === 0 && out.writableNeedDrain) await once(out, 'drain');
  };

  const summary = workbook.addWorksheet('Synthèse', { views: frozen });
  summary.columns = [8, 8, 40, 80, 14, 12, 12, 80].map((width) => ({ width }));
  summary.addRow([...SUMMARY_HEADERS]).font = BOLD;
  for (const indicator of source.indicators) summary.addRow(summaryCells(indicator)).commit();
  summary.commit();

  for (const indicator of source.indicators) {
    const sheet = workbook.addWorksheet(`Indicateur ${two(indicator.number)}`, { views: frozen });
    sheet.columns = [
      { width: 17, style: { numFmt: 'dd/mm/yyyy hh:mm' } },
      { width: 24 },
      { width: 60 },
      { width: 60 },
      { width: 20 },
      { width: 38 },
      { width: 26 },
      { width: 38 },
      { width: 12 },
    ];
    sheet.addRow([...ITEM_HEADERS]).font = BOLD;
    for await (const item of source.items(indicator.number)) {
      sheet.addRow(itemCells(item, excelParisDate(item.occurredAt))).commit();
      await drained();
    }
    sheet.commit();
  }

  const about = workbook.addWorksheet('À propos');
  about.columns = [{ width: 28 }, { width: 80 }];
  const facts: Cell[][] = [
    ['Organisme', organisation.name],
    ['SIRET', organisation.siret ? frenchSiret(organisation.siret) : 'non renseigné'],
    ['Période', `du ${frenchLongDate(request.from)} au ${frenchLongDate(request.to)}`],
    ['État du journal au', `${frenchLongDateTime(request.asOfRecordedAt)} (heure de Paris)`],
    ['Position dans le journal', request.asOfPosition],
    ['Indicateurs', request.indicators.join(', ')],
  ];
  for (const fact of facts) {
    const row = about.addRow(fact);
    row.getCell(1).font = BOLD;
    row.commit();
  }
  about.commit();
  await workbook.commit();
};

const workbookStream = (source: BinderSource): NodeJS.ReadableStream => {
  const out = new PassThrough();
  writeWorkbook(source, out).catch((error: unknown) => out.destroy(error as Error));
  return out;
};

/**
 * The binder's data as tables, paths sorted: `data/dossier.xlsx` (a summary sheet, one sheet per indicator and the
 * binder's particulars) and `data/indicateur-NN.csv` per indicator (French Excel dialect, dates in Paris). Every item
 * is there; nothing is read from the source until a stream is read, and each stream() call reads it afresh.
 */
export async function* binderTables(source: BinderSource): AsyncIterable<BinderTable> {
  const tables: BinderTable[] = [
    { path: WORKBOOK_PATH, stream: () => workbookStream(source) },
    ...source.indicators.map((indicator) => ({
      path: indicatorCsvPath(indicator.number),
      stream: () => indicatorCsv(source, indicator.number),
    })),
  ];
  yield* tables.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
