import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { frenchLongDate, frenchLongDateTime } from '../binder/french';
import { frenchDate } from '../kernel/paris-time';
import { drawnFromLine, type PreparatoryContent, type PreparatoryIndicator } from './document';
import { parseFormattedText, type Span } from './formatted-text';

/** Spans as Word runs: text as typed, bold where marked; nothing is read as markup. */
const runs = (spans: readonly Span[]) =>
  spans.map((span) => new TextRun({ text: span.text, bold: span.bold }));

const approachParagraphs = (text: string): Paragraph[] =>
  parseFormattedText(text).flatMap((block) =>
    block.kind === 'paragraph'
      ? [
          new Paragraph({
            children: block.lines.flatMap((line, index) => [
              ...(index > 0 ? [new TextRun({ text: '', break: 1 })] : []),
              ...runs(line),
            ]),
            spacing: { after: 120 },
          }),
        ]
      : block.items.map((item) => new Paragraph({ children: runs(item), bullet: { level: 0 } })),
  );

const muted = (text: string) =>
  new Paragraph({ children: [new TextRun({ text, italics: true, color: '666666' })] });
const subheading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_3 });
const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

const indicatorSection = (indicator: PreparatoryIndicator) => [
  new Paragraph({ text: `Indicateur ${indicator.number}`, heading: HeadingLevel.HEADING_2 }),
  new Paragraph({ children: [new TextRun({ text: indicator.wording, italics: true })] }),
  subheading('Notre démarche'),
  ...(indicator.approach
    ? [
        ...approachParagraphs(indicator.approach.text),
        muted(`Version ${indicator.approach.version} du ${frenchDate(indicator.approach.writtenOn)}`),
      ]
    : [muted('Démarche non rédigée.')]),
  subheading('Éléments de preuve'),
  indicator.evidence.length > 0
    ? new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: [cell('Date', true), cell('Élément', true), cell('Référence', true)],
          }),
          ...indicator.evidence.map(
            (item) =>
              new TableRow({ children: [cell(frenchDate(item.on)), cell(item.title), cell(item.reference)] }),
          ),
        ],
      })
    : muted('Aucun élément de preuve relié.'),
  subheading('Autoévaluation'),
  indicator.rating
    ? new Paragraph({
        children: [
          new TextRun({ text: indicator.rating.label, bold: true }),
          new TextRun(` (le ${frenchDate(indicator.rating.ratedOn)})`),
          ...(indicator.rating.note ? [new TextRun(` — ${indicator.rating.note}`)] : []),
        ],
      })
    : muted('Non évalué.'),
];

/**
 * The preparatory document as an editable Word file (DOCX), with the same content as the PDF: the organisation
 * edits it freely; what it was drawn from is stated at its top.
 */
export const renderPreparatoryDocx = async (content: PreparatoryContent): Promise<Buffer> => {
  const document = new Document({
    creator: content.organisation.name,
    title: `Document préparatoire à l’audit Qualiopi — ${content.organisation.name}`,
    description: drawnFromLine(content),
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Document préparatoire à l’audit Qualiopi', heading: HeadingLevel.TITLE }),
          new Paragraph({ children: [new TextRun({ text: content.organisation.name, bold: true })] }),
          ...(content.organisation.siret ? [new Paragraph(`SIRET ${content.organisation.siret}`)] : []),
          new Paragraph(
            `Autoévaluation au ${frenchLongDate(content.asOf)}, référentiel national qualité (version ${content.referentialVersion}).`,
          ),
          new Paragraph(
            `Tiré du journal arrêté à la position ${content.position} (dernier événement enregistré le ${frenchLongDateTime(content.recordedAt)}).`,
          ),
          ...content.criteria.flatMap((criterion) => [
            new Paragraph({
              text: `Critère ${criterion.number} — ${criterion.title}`,
              heading: HeadingLevel.HEADING_1,
            }),
            ...criterion.indicators.flatMap(indicatorSection),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
};
