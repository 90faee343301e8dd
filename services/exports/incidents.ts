import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { MAX_INCIDENT_SEARCH, registerIncidentRows } from '../../projections/incidents/queries';
import type { IncidentRow } from '../../projections/incidents/tables';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_KINDS,
  INCIDENT_SEVERITIES,
  INCIDENT_SEVERITY_LABELS,
  incidentIndicators,
} from '../complaints/incident-events';
import type { Db } from '../db/database';
import { can } from '../kernel/auth';
import type { Clock } from '../kernel/clock';
import { badRequest, unauthorized } from '../kernel/errors';
import { errorResponses, typed } from '../kernel/http';
import { frenchDate, parisDate } from '../kernel/paris-time';
import { isoDate } from '../kernel/validation';
import { type Cell, toFrenchCsv, toXlsx, XLSX_TYPE } from './spreadsheet';

const querySchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  kind: z.enum(INCIDENT_KINDS).optional(),
  category: z.enum(INCIDENT_CATEGORIES).optional(),
  severity: z.enum(INCIDENT_SEVERITIES).optional(),
  status: z.enum(['open', 'resolved']).optional(),
  sessionId: z.string().uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  search: z.string().trim().max(MAX_INCIDENT_SEARCH).optional(),
});

/** Sentence case for a column: the labels are written to sit inside a sentence. */
const capitalised = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);
const day = (value: string | null) => (value ? frenchDate(value) : '');

/** The register as a table: one row per record, latest first, the headers first. */
const tableOf = (rows: readonly IncidentRow[], details: boolean): Cell[][] => {
  const headers: Cell[] = [
    'Type',
    'Catégorie',
    'Gravité',
    'Survenu le',
    'Action de formation',
    'Session',
    'Site',
    ...(details ? ['Description', 'Résolution'] : []),
    'Mesures prises',
    'État',
    'Résolu le',
    'Indicateurs',
  ];
  const line = (row: IncidentRow): Cell[] => [
    row.kind === 'disruption' ? 'Aléa' : 'Difficulté',
    capitalised(INCIDENT_CATEGORY_LABELS[row.category]),
    capitalised(INCIDENT_SEVERITY_LABELS[row.severity]),
    day(row.occurred_on),
    row.training_title ?? '',
    row.session_title ?? '',
    row.site ?? '',
    ...(details ? [row.description, row.resolution ?? ''] : []),
    row.measures,
    row.status === 'resolved' ? 'Résolu' : 'En cours',
    day(row.resolved_on),
    incidentIndicators(row.category).join(', '),
  ];
  return [headers, ...rows.map(line)];
};

/**
 * `GET /api/incidents/export`: the register of difficulties and disruptions with its filters, as CSV (French
 * spreadsheet dialect) or XLSX. Every member may export it; what the records say of people (description,
 * resolution) only goes to those who read the details.
 */
export const incidentsExportPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; clock: Clock }) => {
    typed(app).get(
      '/api/incidents/export',
      {
        schema: {
          tags: ['incidents'],
          summary:
            'Export the register of difficulties and disruptions (CSV for French spreadsheets, or XLSX)',
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
        if (filter.from && filter.to && filter.to < filter.from) {
          throw badRequest('invalid_period', 'The period ends before it starts');
        }
        const details = can(viewer.role, 'incident:details');
        const rows = await registerIncidentRows(options.db, viewer.organisationId, {
          ...filter,
          searchDetails: details,
        });
        const today = parisDate(options.clock.now());
        reply.header(
          'content-disposition',
          `attachment; filename="difficultes-aleas-${today}.${filter.format}"`,
        );
        reply.header('cache-control', 'private, no-store');
        const table = tableOf(rows, details);
        if (filter.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toFrenchCsv(table));
        return reply.type(XLSX_TYPE).send(await toXlsx('Difficultés et aléas', table));
      },
    );
  },
  { name: 'incidents-export' },
);
