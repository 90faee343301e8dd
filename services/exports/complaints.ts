import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import {
  complaintDeadlines,
  complaintSettings,
  MAX_COMPLAINT_SEARCH,
  memberNames,
  registerRows,
} from '../../projections/complaints/queries';
import type { ComplaintRow } from '../../projections/complaints/tables';
import type { StepDeadline } from '../complaints/deadlines';
import type { ComplaintStatus } from '../complaints/decider';
import {
  COMPLAINANT_GROUPS,
  COMPLAINT_CHANNELS,
  type ComplainantGroup,
  type ComplaintChannel,
  type ComplaintOutcome,
} from '../complaints/events';
import type { Db } from '../db/database';
import { can } from '../kernel/auth';
import type { Clock } from '../kernel/clock';
import { unauthorized } from '../kernel/errors';
import { errorResponses, typed } from '../kernel/http';
import { frenchDate, parisDate } from '../kernel/paris-time';
import { isoDate } from '../kernel/validation';
import { type Cell, toFrenchCsv, toXlsx, XLSX_TYPE } from './spreadsheet';

const STATUSES = [
  'received',
  'acknowledged',
  'under_analysis',
  'answered',
  'rejected',
  'closed',
] as const satisfies readonly ComplaintStatus[];

const STATUS_LABELS: Record<ComplaintStatus, string> = {
  received: 'Reçue',
  acknowledged: 'Accusé de réception envoyé',
  under_analysis: 'En analyse',
  answered: 'Répondue',
  rejected: 'Rejetée (non fondée)',
  closed: 'Close',
};
const CHANNEL_LABELS: Record<ComplaintChannel, string> = {
  web_form: 'Formulaire en ligne',
  email: 'E-mail',
  phone: 'Téléphone',
  letter: 'Courrier',
  in_person: 'En personne',
};
const GROUP_LABELS: Record<ComplainantGroup, string> = {
  learner: 'Apprenant',
  funder: 'Financeur',
  trainer: 'Équipe pédagogique',
  company: 'Entreprise',
  other: 'Autre',
};
const OUTCOME_LABELS: Record<ComplaintOutcome, string> = {
  resolved: 'Résolue',
  partly_resolved: 'Partiellement résolue',
  not_resolved: 'Non résolue',
  withdrawn: 'Retirée',
};

const querySchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(STATUSES).optional(),
  group: z.enum(COMPLAINANT_GROUPS).optional(),
  channel: z.enum(COMPLAINT_CHANNELS).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sessionId: z.string().uuid().optional(),
  search: z.string().trim().max(MAX_COMPLAINT_SEARCH).optional(),
});

/** The complainant and the complaint's words: only for those who handle complaints. */
const PERSONAL_HEADERS = ['Réclamant', 'E-mail', 'Téléphone', 'Adresse postale', 'Réclamation'] as const;

const day = (value: string | null) => (value ? frenchDate(value) : '');
const late = (step: StepDeadline) => step.state === 'overdue' || step.state === 'late';

/** The register as a table: one row per complaint, latest received first, the headers first. */
const tableOf = async (
  db: Db,
  organisationId: string,
  filter: z.infer<typeof querySchema>,
  personal: boolean,
  today: string,
): Promise<Cell[][]> => {
  const rows = await registerRows(db, organisationId, { ...filter, searchPersonal: personal }, today);
  const settings = await complaintSettings(db, organisationId);
  const owners = [...new Set(rows.flatMap((row) => (row.owner_id ? [row.owner_id] : [])))];
  const names = new Map(
    owners.length === 0
      ? []
      : (await memberNames(db, organisationId, owners)).map((row) => [row.user_id, row.display_name]),
  );
  const headers: Cell[] = [
    'Référence',
    'Reçue le',
    'Canal',
    'Public',
    'Anonyme',
    ...(personal ? PERSONAL_HEADERS : []),
    'Action de formation',
    'Session',
    'Site',
    'État',
    'Responsable',
    'Accusé de réception dû le',
    'Accusé de réception le',
    'Réponse due le',
    'Réponse le',
    'Hors délai',
    'Médiation en cours',
    'Issue',
  ];
  const line = (row: ComplaintRow): Cell[] => {
    const deadlines = complaintDeadlines(row, settings, today);
    return [
      row.reference,
      day(row.received_on),
      CHANNEL_LABELS[row.channel],
      GROUP_LABELS[row.group],
      row.anonymous ? 'Oui' : 'Non',
      ...(personal
        ? [
            row.complainant_name ?? '',
            row.complainant_email ?? '',
            row.complainant_phone ?? '',
            row.complainant_postal_address ?? '',
            row.text,
          ]
        : []),
      row.training_title ?? '',
      row.session_title ?? '',
      row.site ?? '',
      STATUS_LABELS[row.status],
      row.owner_id ? (names.get(row.owner_id) ?? '') : '',
      day(deadlines.acknowledgement.dueOn),
      day(deadlines.acknowledgement.doneOn),
      day(deadlines.answer.dueOn),
      day(deadlines.answer.doneOn),
      late(deadlines.acknowledgement) || late(deadlines.answer) ? 'Oui' : 'Non',
      row.mediation_in_progress ? 'Oui' : 'Non',
      row.outcome ? OUTCOME_LABELS[row.outcome] : '',
    ];
  };
  return [headers, ...rows.map(line)];
};

/**
 * `GET /api/complaints/export`: the complaints register with the register's filters, as CSV (French spreadsheet
 * dialect) or XLSX. Every member may export it; the complainant's data and words only go to those who handle
 * complaints.
 */
export const complaintsExportPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; clock: Clock }) => {
    typed(app).get(
      '/api/complaints/export',
      {
        schema: {
          tags: ['complaints'],
          summary: 'Export the complaints register (CSV for French spreadsheets, or XLSX) with its filters',
          querystring: querySchema,
          response: {
            200: z.any().describe('The register as a CSV file or an XLSX workbook, as an attachment'),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const viewer = request.viewer;
        if (!viewer) throw unauthorized();
        const filter = request.query;
        const today = parisDate(options.clock.now());
        const rows = await tableOf(
          options.db,
          viewer.organisationId,
          filter,
          can(viewer.role, 'complaint:handle'),
          today,
        );
        reply.header('content-disposition', `attachment; filename="reclamations-${today}.${filter.format}"`);
        reply.header('cache-control', 'private, no-store');
        if (filter.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toFrenchCsv(rows));
        return reply.type(XLSX_TYPE).send(await toXlsx('Réclamations', rows));
      },
    );
  },
  { name: 'complaints-export' },
);
