import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { LEGACY_QUESTIONNAIRE } from '../../projections/results/legacy';
import { exportRows } from '../../projections/results/queries';
import type { Db } from '../db/database';
import { AUDIENCES, type Audience } from '../feedback/events';
import { can } from '../kernel/auth';
import { unauthorized } from '../kernel/errors';
import { errorResponses, typed } from '../kernel/http';
import { isoDate } from '../kernel/validation';
import {
  QUESTION_PURPOSES,
  type QuestionKind,
  type QuestionnaireContent,
  type QuestionPurpose,
} from '../questionnaire/events';

const HEADERS = [
  'Date de réponse',
  'Réponse n°',
  'Origine',
  'Campagne',
  'Questionnaire',
  'Version',
  'Question',
  'Type de question',
  'Objet',
  'Public',
  'Session',
  'Action de formation',
  'Site',
  'Réponse',
  'Score bas',
  'Relue',
] as const;

const KIND_LABELS: Record<QuestionKind, string> = {
  rating: 'Note de 1 à 5',
  nps: 'Recommandation de 0 à 10',
  single_choice: 'Choix unique',
  multiple_choice: 'Choix multiple',
  yes_no: 'Oui / non',
  free_text: 'Texte libre',
};
const PURPOSE_LABELS: Record<QuestionPurpose, string> = {
  satisfaction: 'Satisfaction (indicateur 30)',
  learning_assessment: 'Évaluation des acquis (indicateur 11)',
};
const AUDIENCE_LABELS: Record<Audience, string> = {
  learner: 'Apprenants',
  funder: 'Financeurs',
  trainer: 'Équipe pédagogique',
  company: 'Entreprises',
};

const querySchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sessionId: z.string().uuid().optional(),
  trainingActionId: z.string().uuid().optional(),
  site: z.string().trim().min(1).max(200).optional(),
  audience: z.enum(AUDIENCES).optional(),
  campaignId: z.string().uuid().optional(),
  purpose: z.enum(QUESTION_PURPOSES).optional(),
});

type Cell = string | number;

/** A CSV field as French spreadsheets read it: quoted when needed, and never taken for a formula. */
const csvField = (value: Cell): string => {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** UTF-8 with a byte-order mark, `;` between fields, CRLF between lines: what French spreadsheet software opens. */
export const toFrenchCsv = (rows: readonly (readonly Cell[])[]): Buffer =>
  Buffer.from(`\uFEFF${rows.map((row) => row.map(csvField).join(';')).join('\r\n')}\r\n`, 'utf8');

const frenchDay = (day: string) => day.split('-').reverse().join('/');

/** The rows of the export: one per answer and question, the comments after the closed answers of their answer. */
const tableOf = async (
  db: Db,
  organisationId: string,
  filter: z.infer<typeof querySchema>,
  withComments: boolean,
) => {
  const { values, comments, versions } = await exportRows(db, organisationId, filter, withComments);
  const contentsOf = (questionnaireId: string | null): QuestionnaireContent[] =>
    questionnaireId === null
      ? [LEGACY_QUESTIONNAIRE]
      : versions
          .filter((version) => version.questionnaire_id === questionnaireId)
          .map((version) => version.content);
  const questionOf = (questionnaireId: string | null, questionId: string) =>
    contentsOf(questionnaireId)
      .flatMap((content) => content.questions)
      .find((question) => question.id === questionId);
  const context = (row: (typeof values)[number] | (typeof comments)[number]) => [
    frenchDay(row.answered_on),
    row.answer_id,
    row.source === 'legacy' ? 'Premier formulaire' : 'Campagne',
    row.campaign_id ?? '',
    contentsOf(row.questionnaire_id)[0]?.title.fr ?? '',
    row.questionnaire_version,
    questionOf(row.questionnaire_id, row.question_id)?.label.fr ?? row.question_id,
  ];
  const place = (row: (typeof values)[number] | (typeof comments)[number]) => [
    PURPOSE_LABELS[row.purpose],
    AUDIENCE_LABELS[row.audience],
    row.session_id ?? '',
    row.training_action_id ?? '',
    row.site ?? '',
  ];
  const answerText = (row: (typeof values)[number]): Cell => {
    if (row.score !== null) return row.score;
    if (row.yes !== null) return row.yes ? 'Oui' : 'Non';
    const options = questionOf(row.questionnaire_id, row.question_id)?.options ?? [];
    return (row.choices ?? [])
      .map((id) => options.find((option) => option.id === id)?.label.fr ?? id)
      .join(' | ');
  };
  const lines = [
    ...values.map((row) => ({
      key: `${row.answered_on}/${row.answer_id}/0/${row.question_id}`,
      cells: [
        ...context(row),
        KIND_LABELS[row.kind],
        ...place(row),
        answerText(row),
        row.low_score ? 'Oui' : 'Non',
        row.reviewed_at ? 'Oui' : 'Non',
      ],
    })),
    ...comments.map((row) => ({
      key: `${row.answered_on}/${row.answer_id}/1/${row.question_id}`,
      cells: [
        ...context(row),
        KIND_LABELS.free_text,
        ...place(row),
        row.text,
        row.low_score ? 'Oui' : 'Non',
        row.reviewed_at ? 'Oui' : 'Non',
      ],
    })),
  ];
  lines.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return [[...HEADERS], ...lines.map((line) => line.cells)];
};

const xlsxOf = async (rows: readonly (readonly Cell[])[]) => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Réponses');
  for (const row of rows) sheet.addRow([...row]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/**
 * `GET /api/results/export`: the results of a filter as CSV or XLSX, one row per answer and question. Every
 * member may export figures; the comments' text only goes to those who may read comments.
 */
export const resultsExportPlugin = fp(
  async (app: FastifyInstance, options: { db: Db }) => {
    typed(app).get(
      '/api/results/export',
      {
        schema: {
          tags: ['results'],
          summary:
            'Export survey results (CSV for French spreadsheets, or XLSX), one row per answer and question',
          querystring: querySchema,
          response: {
            200: z.any().describe('The results as a CSV file or an XLSX workbook, as an attachment'),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const viewer = request.viewer;
        if (!viewer) throw unauthorized();
        const filter = request.query;
        const rows = await tableOf(
          options.db,
          viewer.organisationId,
          filter,
          can(viewer.role, 'feedback:comments'),
        );
        const name = `resultats-${filter.from ?? 'debut'}-${filter.to ?? 'fin'}.${filter.format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        if (filter.format === 'csv') {
          return reply.type('text/csv; charset=utf-8').send(toFrenchCsv(rows));
        }
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await xlsxOf(rows));
      },
    );
  },
  { name: 'results-export' },
);
