import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { frenchLongDate, frenchLongDateTime } from '../binder/french';
import { frenchDate } from '../kernel/paris-time';
import { pdfPrinter } from '../kernel/pdf';
import { drawnFromLine, type PreparatoryContent, type PreparatoryIndicator } from './document';
import { parseFormattedText, type Span } from './formatted-text';

/** Spans as pdfmake text runs: plain strings, never interpreted. */
const runs = (spans: readonly Span[]) => spans.map((span) => ({ text: span.text, bold: span.bold }));

/** The approach's formatted text as paragraphs and bullet lists. */
export const approachContent = (text: string): Content[] =>
  parseFormattedText(text).map(
    (block): Content =>
      block.kind === 'paragraph'
        ? {
            text: block.lines.flatMap((line, index) => [
              ...(index > 0 ? [{ text: '\n' }] : []),
              ...runs(line),
            ]),
            margin: [0, 0, 0, 6],
          }
        : { ul: block.items.map((item) => ({ text: runs(item) })), margin: [0, 0, 0, 6] },
  );

const indicatorSection = (indicator: PreparatoryIndicator): Content[] => [
  { text: `Indicateur ${indicator.number}`, style: 'indicatorHeading', outline: true },
  { text: indicator.wording, style: 'wording' },
  { text: 'Notre démarche', style: 'subheading' },
  ...(indicator.approach
    ? [
        ...approachContent(indicator.approach.text),
        {
          text: `Version ${indicator.approach.version} du ${frenchDate(indicator.approach.writtenOn)}`,
          style: 'note',
        },
      ]
    : [{ text: 'Démarche non rédigée.', style: 'missing' }]),
  { text: 'Éléments de preuve', style: 'subheading' },
  indicator.evidence.length > 0
    ? {
        table: {
          headerRows: 1,
          widths: [60, '*', 170],
          body: [
            [
              { text: 'Date', style: 'tableHeader' },
              { text: 'Élément', style: 'tableHeader' },
              { text: 'Référence', style: 'tableHeader' },
            ],
            ...indicator.evidence.map((item) => [
              frenchDate(item.on),
              item.title,
              { text: item.reference, style: 'small' },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 6],
      }
    : { text: 'Aucun élément de preuve relié.', style: 'missing' },
  { text: 'Autoévaluation', style: 'subheading' },
  indicator.rating
    ? {
        text: [
          { text: indicator.rating.label, bold: true },
          ` (le ${frenchDate(indicator.rating.ratedOn)})`,
          ...(indicator.rating.note ? [` — ${indicator.rating.note}`] : []),
        ],
      }
    : { text: 'Non évalué.', style: 'missing' },
];

const STYLES: TDocumentDefinitions['styles'] = {
  title: { fontSize: 22, bold: true, color: '#1d3557', margin: [0, 0, 0, 10] },
  coverLine: { fontSize: 11, margin: [0, 0, 0, 6] },
  criterionHeading: { fontSize: 15, bold: true, color: '#1d3557', margin: [0, 10, 0, 8] },
  indicatorHeading: { fontSize: 13, bold: true, margin: [0, 12, 0, 4] },
  subheading: { fontSize: 10.5, bold: true, color: '#1d3557', margin: [0, 6, 0, 3] },
  wording: { italics: true, margin: [0, 0, 0, 4] },
  note: { fontSize: 8.5, color: '#444444', margin: [0, 0, 0, 4] },
  missing: { italics: true, color: '#666666' },
  small: { fontSize: 8 },
  tableHeader: { bold: true, fontSize: 8.5 },
};

/**
 * The preparatory document as a PDF, in French: a cover stating the day and the log position it was drawn from,
 * then per criterion and applicable indicator the official wording, the approach, the evidence and the rating.
 * Its dates are the position's, so the same position gives the same bytes.
 */
export const renderPreparatoryPdf = async (content: PreparatoryContent): Promise<Buffer> => {
  const date = new Date(content.recordedAt);
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 45],
    language: 'fr-FR',
    info: {
      title: `Document préparatoire à l’audit Qualiopi — ${content.organisation.name}`,
      author: content.organisation.name,
      subject: drawnFromLine(content),
      creator: 'Autoévaluation Qualiopi',
      producer: 'pdfmake',
      creationDate: date,
      modDate: date,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    styles: STYLES,
    footer: (currentPage, pageCount) => ({
      text: `${drawnFromLine(content)} — page ${currentPage} / ${pageCount}`,
      alignment: 'right',
      fontSize: 7.5,
      color: '#555555',
      margin: [40, 15, 40, 0],
    }),
    content: [
      { text: 'Document préparatoire à l’audit Qualiopi', style: 'title' },
      { text: content.organisation.name, style: 'coverLine', bold: true },
      ...(content.organisation.siret
        ? [{ text: `SIRET ${content.organisation.siret}`, style: 'coverLine' }]
        : []),
      {
        text: `Autoévaluation au ${frenchLongDate(content.asOf)}, référentiel national qualité (version ${content.referentialVersion}).`,
        style: 'coverLine',
      },
      {
        text: `Tiré du journal arrêté à la position ${content.position} (dernier événement enregistré le ${frenchLongDateTime(content.recordedAt)}) : le même jour et la même position redonnent ce document à l’identique.`,
        style: 'coverLine',
      },
      ...content.criteria.flatMap((criterion): Content[] => [
        {
          text: `Critère ${criterion.number} — ${criterion.title}`,
          style: 'criterionHeading',
          outline: true,
        },
        ...criterion.indicators.flatMap(indicatorSection),
      ]),
    ],
  };
  const stream = await pdfPrinter().createPdf(definition).getStream();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  stream.end();
  await done;
  return Buffer.concat(chunks);
};
