import { Readable } from 'node:stream';
import { type Cell, CSV_BOM, frenchCsvLine } from '../exports/spreadsheet';
import { xlsxStream } from '../exports/xlsx-stream';
import { parisTime } from '../kernel/paris-time';
import type { BinderIndicator, BinderItem, BinderSource } from './content';
import { frenchDateTime, frenchLongDate, frenchLongDateTime, frenchSiret, readinessLabel } from './french';
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

/** The workbook: a summary sheet, one sheet per indicator (its items read as the sheet is written), the particulars. */
const workbookStream = (source: BinderSource): NodeJS.ReadableStream => {
  const { request, organisation } = source;
  const facts: Cell[][] = [
    ['Organisme', organisation.name],
    ['SIRET', organisation.siret ? frenchSiret(organisation.siret) : 'non renseigné'],
    ['Période', `du ${frenchLongDate(request.from)} au ${frenchLongDate(request.to)}`],
    ['État du journal au', `${frenchLongDateTime(request.asOfRecordedAt)} (heure de Paris)`],
    ['Position dans le journal', request.asOfPosition],
    ['Indicateurs', request.indicators.join(', ')],
  ];
  return xlsxStream({
    title: `Dossier de preuves Qualiopi — ${organisation.name}`,
    creator: organisation.name,
    created: new Date(request.asOfRecordedAt),
    dateFormat: 'dd/mm/yyyy hh:mm',
    sheets: [
      {
        name: 'Synthèse',
        widths: [8, 8, 40, 80, 14, 12, 12, 80],
        header: SUMMARY_HEADERS,
        rows: async function* () {
          for (const indicator of source.indicators) yield summaryCells(indicator);
        },
      },
      ...source.indicators.map((indicator) => ({
        name: `Indicateur ${two(indicator.number)}`,
        widths: [17, 24, 60, 60, 20, 38, 26, 38, 12],
        header: ITEM_HEADERS,
        rows: async function* () {
          for await (const item of source.items(indicator.number)) {
            yield itemCells(item, excelParisDate(item.occurredAt));
          }
        },
      })),
      {
        name: 'À propos',
        widths: [28, 80],
        boldFirstColumn: true,
        rows: async function* () {
          yield* facts;
        },
      },
    ],
  });
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
