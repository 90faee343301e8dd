import type {
  Column,
  Content,
  ContentCanvas,
  ContentColumns,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import { parisTime } from '../kernel/paris-time';
import { pdfPrinter } from '../kernel/pdf';
import type { BinderIndicator, BinderItem, BinderSource, ReadinessStatus } from './content';
import {
  frenchDateTime,
  frenchInteger,
  frenchLongDate,
  frenchLongDateTime,
  frenchSiret,
  readinessLabel,
  shortMonth,
} from './french';
import { kindLabel } from './kinds';
import { indicatorCsvPath, WORKBOOK_PATH } from './render-tables';

/** How many items of an indicator the PDF shows by default: the most recent ones; the tables hold them all. */
export const DEFAULT_MAX_ITEMS_PER_INDICATOR = 200;

const PAGE_WIDTH = 595.28 - 2 * 40;
const SUMMARY_CHARACTERS = 300;
const SHORT_WORDING_CHARACTERS = 110;

/** A text cut at a word boundary with an ellipsis when longer than `max` characters. */
const shortened = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
};

// Each status has its own shape besides its colour and its word, so that it reads in black and white too.
const STATUS_COLOURS: Record<ReadinessStatus | 'unknown', string> = {
  ready: '#1b7a3a',
  at_risk: '#b35c00',
  missing: '#b3261e',
  unknown: '#666666',
};
const statusIcon = (status: ReadinessStatus | undefined): Column => {
  const color = STATUS_COLOURS[status ?? 'unknown'];
  const shapes: ContentCanvas['canvas'] =
    status === 'ready'
      ? [{ type: 'ellipse', x: 4.5, y: 5, r1: 4, r2: 4, color }]
      : status === 'at_risk'
        ? [
            {
              type: 'polyline',
              points: [
                { x: 4.5, y: 0.5 },
                { x: 9, y: 9 },
                { x: 0, y: 9 },
              ],
              closePath: true,
              lineWidth: 1.4,
              lineColor: color,
            },
          ]
        : status === 'missing'
          ? [
              { type: 'line', x1: 1, y1: 1.5, x2: 8, y2: 8.5, lineWidth: 1.8, lineColor: color },
              { type: 'line', x1: 8, y1: 1.5, x2: 1, y2: 8.5, lineWidth: 1.8, lineColor: color },
            ]
          : [{ type: 'line', x1: 1, y1: 5, x2: 8, y2: 5, lineWidth: 1.4, lineColor: color }];
  return { canvas: shapes, width: 10, margin: [0, 1, 0, 0] };
};

const readinessCell = (readiness: BinderIndicator['readiness']): ContentColumns => ({
  columns: [
    statusIcon(readiness?.status),
    { text: readinessLabel(readiness), color: STATUS_COLOURS[readiness?.status ?? 'unknown'], bold: true },
  ],
  columnGap: 4,
});

/** What the PDF needs of an indicator's items, read in one pass: the count, per-month counts and the last ones. */
interface IndicatorReading {
  total: number;
  byMonth: Map<string, number>;
  shown: BinderItem[];
}

const readIndicator = async (
  source: BinderSource,
  indicator: number,
  cap: number,
): Promise<IndicatorReading> => {
  const byMonth = new Map<string, number>();
  if (source.hourlyCounts && source.latest) {
    let counted = 0;
    for (const { hour, count } of await source.hourlyCounts(indicator)) {
      const t = parisTime(hour);
      const month = `${t.year}-${String(t.month).padStart(2, '0')}`;
      byMonth.set(month, (byMonth.get(month) ?? 0) + count);
      counted += count;
    }
    return { total: counted, byMonth, shown: cap > 0 ? await source.latest(indicator, cap) : [] };
  }
  // A ring of the `cap` most recent items: the items come oldest first, and a large indicator never sits in memory.
  const ring: BinderItem[] = [];
  let total = 0;
  for await (const item of source.items(indicator)) {
    const t = parisTime(item.occurredAt);
    const month = `${t.year}-${String(t.month).padStart(2, '0')}`;
    byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
    if (cap > 0) ring[total % cap] = item;
    total += 1;
  }
  const start = total > cap ? total % cap : 0;
  const shown = cap > 0 ? [...ring.slice(start), ...ring.slice(0, start)] : [];
  return { total, byMonth, shown };
};

/** The months (YYYY-MM) from the period's first day to its last. */
const monthsOf = (from: string, to: string): string[] => {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last || months.length >= 600) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
};

interface Bar {
  label: string;
  count: number;
}

/** Bars per month for a period up to two years, per quarter beyond. */
const barsOf = (months: readonly string[], byMonth: ReadonlyMap<string, number>): Bar[] => {
  if (months.length <= 24) {
    return months.map((key, index) => {
      const [year, month] = key.split('-').map(Number) as [number, number];
      const withYear = index === 0 || month === 1;
      return {
        label: withYear ? `${shortMonth(month)}\n${year}` : shortMonth(month),
        count: byMonth.get(key) ?? 0,
      };
    });
  }
  const quarters = new Map<string, number>();
  for (const key of months) {
    const [year, month] = key.split('-').map(Number) as [number, number];
    const quarter = `T${Math.ceil(month / 3)}\n${year}`;
    quarters.set(quarter, (quarters.get(quarter) ?? 0) + (byMonth.get(key) ?? 0));
  }
  return [...quarters].map(([label, count]) => ({ label, count }));
};

const CHART_HEIGHT = 70;

/** Items per month as vector bars, with the count and the month under each bar (the chart reads as text too). */
const chartOf = (bars: readonly Bar[]): Content => {
  const slot = PAGE_WIDTH / bars.length;
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  const canvas: ContentCanvas['canvas'] = [
    {
      type: 'line',
      x1: 0,
      y1: CHART_HEIGHT,
      x2: PAGE_WIDTH,
      y2: CHART_HEIGHT,
      lineWidth: 0.5,
      lineColor: '#444444',
    },
    ...bars.flatMap((bar, index) => {
      const height = (bar.count / max) * (CHART_HEIGHT - 4);
      return bar.count === 0
        ? []
        : [
            {
              type: 'rect' as const,
              x: index * slot + slot * 0.2,
              y: CHART_HEIGHT - height,
              w: slot * 0.6,
              h: height,
              color: '#3b6ea8',
            },
          ];
    }),
  ];
  return {
    stack: [
      { text: 'Éléments par mois', style: 'small', bold: true, margin: [0, 0, 0, 4] },
      { canvas },
      {
        columns: bars.map((bar) => ({
          width: slot,
          stack: [
            { text: frenchInteger(bar.count), bold: true },
            { text: bar.label, color: '#444444' },
          ],
          alignment: 'center' as const,
          fontSize: bars.length > 16 ? 5.5 : 7,
        })),
        columnGap: 0,
        margin: [0, 2, 0, 0],
      },
    ],
    unbreakable: true,
    margin: [0, 6, 0, 10],
  };
};

const timelineTable = (items: readonly BinderItem[]): Content => ({
  table: {
    headerRows: 1,
    widths: [66, 80, '*', '*'],
    body: [
      ['Date (Paris)', 'Nature', 'Intitulé', 'Résumé'].map(
        (text): TableCell => ({ text, style: 'tableHeader' }),
      ),
      ...items.map((item): TableCell[] => [
        frenchDateTime(item.occurredAt),
        kindLabel(item.kind),
        item.title,
        item.summary ? shortened(item.summary, SUMMARY_CHARACTERS) : { text: '—', color: '#666666' },
      ]),
    ],
  },
  layout: 'lightHorizontalLines',
  style: 'timeline',
});

const capNote = (indicator: number, reading: IndicatorReading, cap: number): Content | null => {
  if (reading.total <= cap) return null;
  const others = reading.total - reading.shown.length;
  return {
    text: [
      reading.shown.length === 0
        ? 'Ce document ne reproduit pas les éléments un à un ; '
        : `Les ${frenchInteger(reading.shown.length)} éléments les plus récents de la période figurent ci-dessous, du plus ancien au plus récent ; `,
      { text: `${frenchInteger(others)} autres éléments`, bold: true },
      ` figurent dans les tableaux (${indicatorCsvPath(indicator)} et ${WORKBOOK_PATH}).`,
    ],
    style: 'note',
  };
};

const indicatorSection = (
  indicator: BinderIndicator,
  reading: IndicatorReading,
  months: readonly string[],
  cap: number,
): Content[] => {
  const readiness = indicator.readiness;
  const heading: Content = {
    stack: [
      {
        text: `Indicateur ${indicator.number}`,
        style: 'indicatorHeading',
        outline: true,
        id: `indicateur-${indicator.number}`,
        outlineParentId: `critere-${indicator.criterion}`,
      },
      { text: `« ${indicator.wording} »`, style: 'wording' },
      ...(indicator.majorOnly
        ? [{ text: 'Tout manquement à cet indicateur est une non-conformité majeure.', style: 'note' }]
        : []),
      {
        columns: [
          { text: 'Préparation à l’audit :', width: 'auto', bold: true },
          { ...readinessCell(readiness), width: '*' },
        ],
        columnGap: 6,
        margin: [0, 6, 0, 2],
      },
      readiness === undefined
        ? { text: 'La préparation de cet indicateur n’a pas été évaluée.', style: 'note' }
        : readiness.reasons.length === 0
          ? { text: 'Aucun point d’attention.', style: 'note' }
          : { ul: [...readiness.reasons], margin: [0, 0, 0, 4] },
      {
        text: `${frenchInteger(reading.total)} élément${reading.total > 1 ? 's' : ''} de preuve sur la période.`,
        margin: [0, 4, 0, 0],
      },
    ],
    unbreakable: true,
  };
  const content: Content[] = [heading];
  if (reading.total === 0) {
    content.push({ text: 'Aucun élément de preuve enregistré sur la période.', style: 'note' });
    return content;
  }
  if (months.length >= 2) content.push(chartOf(barsOf(months, reading.byMonth)));
  const note = capNote(indicator.number, reading, cap);
  if (note) content.push(note);
  if (reading.shown.length > 0) content.push(timelineTable(reading.shown));
  return content;
};

const summaryTable = (source: BinderSource, totals: ReadonlyMap<number, number>): Content => ({
  table: {
    headerRows: 1,
    widths: [28, '*', 50, 72],
    body: [
      ['Ind.', 'Libellé officiel (extrait)', 'Éléments', 'Préparation'].map(
        (text): TableCell => ({ text, style: 'tableHeader' }),
      ),
      ...source.indicators.map((indicator): TableCell[] => [
        { text: String(indicator.number), bold: true },
        shortened(indicator.wording, SHORT_WORDING_CHARACTERS),
        { text: frenchInteger(totals.get(indicator.number) ?? indicator.itemCount), alignment: 'right' },
        readinessCell(indicator.readiness),
      ]),
    ],
  },
  layout: 'lightHorizontalLines',
  style: 'summary',
});

const periodText = (source: BinderSource) =>
  `du ${frenchLongDate(source.request.from)} au ${frenchLongDate(source.request.to)}`;

const cover = (source: BinderSource, cap: number): Content[] => {
  const { organisation, request } = source;
  return [
    { text: 'Dossier de preuves Qualiopi', style: 'title', margin: [0, 140, 0, 24] },
    { text: organisation.name, style: 'organisation' },
    {
      text: organisation.siret ? `SIRET ${frenchSiret(organisation.siret)}` : 'SIRET non renseigné',
      margin: [0, 4, 0, 24],
    },
    { text: `Période ${periodText(source)}`, style: 'coverLine' },
    {
      text: `Indicateurs couverts : ${request.indicators.join(', ')}`,
      style: 'coverLine',
    },
    {
      text: `État du journal au ${frenchLongDateTime(request.asOfRecordedAt)} (heure de Paris), position ${request.asOfPosition}`,
      style: 'coverLine',
    },
    {
      text: [
        'Ce dossier reprend, pour chaque indicateur du référentiel national qualité, son libellé officiel, l’état de ',
        'préparation à l’audit et les éléments de preuve enregistrés sur la période, datés à l’heure de Paris. ',
        `Pour chaque indicateur, il présente au plus les ${frenchInteger(cap)} éléments les plus récents ; `,
        'les tableaux joints (CSV et XLSX) les contiennent tous. Le manifeste signé de l’archive permet de vérifier ',
        'qu’aucun fichier n’a été modifié.',
      ],
      style: 'note',
      margin: [0, 40, 0, 0],
    },
  ];
};

/** Indicators grouped under their criterion, in the source's order. */
const byCriterion = (indicators: readonly BinderIndicator[]) => {
  const groups: { criterion: number; title: string; indicators: BinderIndicator[] }[] = [];
  for (const indicator of indicators) {
    const last = groups.at(-1);
    if (last && last.criterion === indicator.criterion) last.indicators.push(indicator);
    else
      groups.push({
        criterion: indicator.criterion,
        title: indicator.criterionTitle,
        indicators: [indicator],
      });
  }
  return groups;
};

const STYLES: TDocumentDefinitions['styles'] = {
  title: { fontSize: 26, bold: true, color: '#1d3557' },
  organisation: { fontSize: 16, bold: true },
  coverLine: { fontSize: 11, margin: [0, 0, 0, 6] },
  heading: { fontSize: 16, bold: true, color: '#1d3557', margin: [0, 0, 0, 10] },
  criterionHeading: { fontSize: 15, bold: true, color: '#1d3557', margin: [0, 0, 0, 12] },
  indicatorHeading: { fontSize: 13, bold: true, margin: [0, 14, 0, 4] },
  wording: { italics: true, margin: [0, 0, 0, 4] },
  note: { fontSize: 8.5, color: '#444444', margin: [0, 2, 0, 4] },
  small: { fontSize: 8 },
  tableHeader: { bold: true, fontSize: 8.5 },
  timeline: { fontSize: 7.5, margin: [0, 4, 0, 8] },
  summary: { fontSize: 9 },
};

/** The binder's document: cover, summary, then per criterion and indicator its wording, readiness and evidence. */
const documentOf = async (source: BinderSource, cap: number): Promise<TDocumentDefinitions> => {
  const months = monthsOf(source.request.from, source.request.to);
  const sections: Content[] = [];
  const totals = new Map<number, number>();
  for (const group of byCriterion(source.indicators)) {
    sections.push({
      text: `Critère ${group.criterion} — ${group.title}`,
      style: 'criterionHeading',
      pageBreak: 'before',
      outline: true,
      id: `critere-${group.criterion}`,
    });
    for (const indicator of group.indicators) {
      const reading = await readIndicator(source, indicator.number, cap);
      totals.set(indicator.number, reading.total);
      sections.push(...indicatorSection(indicator, reading, months, cap));
    }
  }
  const { organisation } = source;
  const date = new Date(source.request.asOfRecordedAt);
  const headerText = `${organisation.name} — période ${periodText(source)}`;
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 45],
    language: 'fr-FR',
    info: {
      title: `Dossier de preuves Qualiopi — ${organisation.name}`,
      author: organisation.name,
      subject: `Éléments de preuve des indicateurs ${source.request.indicators.join(', ')}, ${periodText(source)}`,
      keywords: 'Qualiopi, référentiel national qualité, dossier de preuves, audit',
      creator: 'Dossier de preuves Qualiopi',
      producer: 'pdfmake',
      creationDate: date,
      modDate: date,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    styles: STYLES,
    header: (currentPage) =>
      currentPage === 1
        ? null
        : {
            text: headerText,
            fontSize: 7.5,
            color: '#555555',
            margin: [40, 22, 40, 0],
          },
    footer: (currentPage, pageCount) => ({
      text: `page ${currentPage} / ${pageCount}`,
      alignment: 'right',
      fontSize: 7.5,
      color: '#555555',
      margin: [40, 15, 40, 0],
    }),
    content: [
      ...cover(source, cap),
      { text: 'Synthèse', style: 'heading', pageBreak: 'before', outline: true, id: 'synthese' },
      summaryTable(source, totals),
      {
        text: 'Préparation : « Prêt » (disque plein), « À risque » (triangle), « Manquant » (croix), « Non évalué » (tiret).',
        style: 'note',
      },
      ...sections,
    ],
  };
};

/**
 * The binder's PDF, in French: cover, summary with readiness, then per criterion and indicator the official wording,
 * readiness reasons, items per month and the dated timeline of its most recent items (`maxItemsPerIndicator`,
 * 200 by default; the tables hold every item). The same source gives the same bytes: the document's dates are the
 * binder's (asOfRecordedAt), and its /ID is derived from them.
 */
export const renderBinderPdf = async (
  source: BinderSource,
  options: { maxItemsPerIndicator?: number } = {},
): Promise<NodeJS.ReadableStream> => {
  const cap = Math.max(0, Math.floor(options.maxItemsPerIndicator ?? DEFAULT_MAX_ITEMS_PER_INDICATOR));
  const definition = await documentOf(source, cap);
  const document = await pdfPrinter().createPdf(definition).getStream();
  document.end();
  return document;
};
