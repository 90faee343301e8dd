import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { listActions } from '../../projections/actions/queries';
import type { ImprovementActionRow } from '../../projections/actions/tables';
import { memberNames } from '../../projections/complaints/queries';
import { ACTION_STATUSES, type ActionStatus } from '../actions/decider';
import {
  ACTION_TYPE_LABELS,
  type ActionOrigin,
  type ActionPriority,
  actionIndicators,
  ORIGIN_TYPES,
  type OriginType,
} from '../actions/events';
import { readsActionText } from '../actions/reading';
import type { Db } from '../db/database';
import type { Role } from '../kernel/auth';
import type { Clock } from '../kernel/clock';
import { badRequest, unauthorized } from '../kernel/errors';
import { errorResponses, typed } from '../kernel/http';
import { frenchDate, parisDate } from '../kernel/paris-time';
import { isoDate } from '../kernel/validation';
import { type Cell, toFrenchCsv, toXlsx, XLSX_TYPE } from './spreadsheet';

const querySchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(ACTION_STATUSES).optional(),
  originType: z.enum(ORIGIN_TYPES).optional(),
  ownerId: z.string().uuid().optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

const STATUS_LABELS: Record<ActionStatus, string> = {
  planned: 'Planifiée',
  in_progress: 'En cours',
  done: 'Réalisée, efficacité à vérifier',
  closed: 'Clôturée',
  cancelled: 'Annulée',
};
const PRIORITY_LABELS: Record<ActionPriority, string> = { low: 'Basse', normal: 'Normale', high: 'Haute' };
const ORIGIN_LABELS: Record<OriginType, string> = {
  feedback: 'Recueil des appréciations',
  complaint: 'Réclamation',
  incident: 'Difficulté ou aléa',
  watch_note: 'Veille',
  non_conformity: 'Non-conformité d’audit',
  internal_review: 'Revue interne',
  other: 'Autre',
  mock_audit_finding: 'Constat d’audit à blanc',
};

const originText = (origin: ActionOrigin) =>
  origin.type === 'non_conformity' && origin.indicator !== null
    ? `${ORIGIN_LABELS[origin.type]} (indicateur ${origin.indicator})`
    : ORIGIN_LABELS[origin.type];
const day = (value: string | null) => (value ? frenchDate(value) : '');
const open = (row: ImprovementActionRow) => row.status === 'planned' || row.status === 'in_progress';

/** The plan as a table: one row per action, in the plan's order, the headers first. */
const tableOf = (
  rows: readonly ImprovementActionRow[],
  owners: Map<string, string>,
  today: string,
  role: Role,
): Cell[][] => [
  [
    'Action',
    'Type',
    'Priorité',
    'Origines',
    'Responsable',
    'Échéance',
    'En retard',
    'État',
    'Engagée le',
    'Réalisée le',
    'Efficacité',
    'Indicateurs',
  ],
  ...rows.map((row): Cell[] => [
    // A title quoting a record the viewer may not read (a complaint, an incident) is withheld, as on the page.
    readsActionText(role, row.subject) ? row.title : 'Intitulé réservé',
    `Action ${ACTION_TYPE_LABELS[row.type]}`,
    PRIORITY_LABELS[row.priority],
    row.origins.map(originText).join(', '),
    owners.get(row.owner_id) ?? '',
    row.due_on ? day(row.due_on) : 'À planifier',
    open(row) && row.due_on !== null && row.due_on < today ? 'Oui' : 'Non',
    STATUS_LABELS[row.status],
    day(row.started_on),
    day(row.done_on),
    row.effectiveness === null ? '' : row.effectiveness === 'effective' ? 'Efficace' : 'Non efficace',
    actionIndicators(row.origins).join(', '),
  ]),
];

/**
 * `GET /api/improvement-actions/export`: the improvement plan with the plan page's filters, as CSV (French
 * spreadsheet dialect) or XLSX — what the auditor of indicator 32 asks for. Every member may export it; a title
 * quoting a complaint or an incident only goes to those who read that record.
 */
export const actionsExportPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; clock: Clock }) => {
    typed(app).get(
      '/api/improvement-actions/export',
      {
        schema: {
          tags: ['actions'],
          summary: 'Export the improvement plan with its filters (CSV for French spreadsheets, or XLSX)',
          querystring: querySchema,
          response: {
            200: z.any().describe('The plan as a CSV file or an XLSX workbook, as an attachment'),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const viewer = request.viewer;
        if (!viewer) throw unauthorized();
        const { format, overdue, ...filter } = request.query;
        if (filter.dueFrom && filter.dueTo && filter.dueTo < filter.dueFrom) {
          throw badRequest('invalid_period', 'The period ends before it starts');
        }
        const today = parisDate(options.clock.now());
        const rows = await listActions(
          options.db,
          viewer.organisationId,
          { ...filter, overdue: overdue === 'true' },
          today,
        );
        const ownerIds = [...new Set(rows.map((row) => row.owner_id))];
        const names =
          ownerIds.length > 0 ? await memberNames(options.db, viewer.organisationId, ownerIds) : [];
        const owners = new Map(names.map((name) => [name.user_id, name.display_name]));
        reply.header('content-disposition', `attachment; filename="plan-amelioration-${today}.${format}"`);
        reply.header('cache-control', 'private, no-store');
        const table = tableOf(rows, owners, today, viewer.role);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toFrenchCsv(table));
        return reply.type(XLSX_TYPE).send(await toXlsx('Plan d’amélioration', table));
      },
    );
  },
  { name: 'actions-export' },
);
