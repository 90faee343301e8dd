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
import { type Cell, toFrenchCsv, toXlsx, XLSX_TYPE } from './spreadsheet';

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
        return reply.type(XLSX_TYPE).send(await toXlsx('Réponses', rows));
      },
    );
  },
  { name: 'results-export' },
);
