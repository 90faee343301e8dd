import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { flagsOf, listWatchNotes, WATCH_STATUSES, watchSettings } from '../../projections/watch/queries';
import type { WatchNoteRow } from '../../projections/watch/tables';
import type { Db } from '../db/database';
import type { Clock } from '../kernel/clock';
import { badRequest, unauthorized } from '../kernel/errors';
import { errorResponses, typed } from '../kernel/http';
import { frenchDate, parisDate } from '../kernel/paris-time';
import { isoDate } from '../kernel/validation';
import { WATCH_IMPACT_LABELS, WATCH_THEME_LABELS, WATCH_THEMES } from '../watch/events';
import type { WatchSettings } from '../watch/settings';
import { type Cell, toFrenchCsv, toXlsx, XLSX_TYPE } from './spreadsheet';

const querySchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  theme: z.enum(WATCH_THEMES).optional(),
  status: z.enum(WATCH_STATUSES).optional(),
  notExploited: z.enum(['true', 'false']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  search: z.string().trim().max(200).optional(),
});

const capitalised = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);
const day = (value: string | null) => (value ? frenchDate(value) : '');
const STATUS_LABELS = { to_analyse: 'À analyser', analysed: 'Analysée', archived: 'Archivée' } as const;

/** The register as a table: one row per note, latest recorded first, the headers first. */
const tableOf = (rows: readonly WatchNoteRow[], settings: WatchSettings, today: string): Cell[][] => {
  const headers: Cell[] = [
    'Thème',
    'Indicateurs',
    'Objet',
    'Source',
    'Adresse',
    'Date de l’information',
    'Enregistrée le',
    'Résumé',
    'État',
    'À exploiter avant le',
    'Non exploitée',
    'Impact',
    'Analyse',
    'Décision',
    'Changements',
    'Analysée le',
    'Diffusions internes',
    'Diffusion manquante',
  ];
  const line = (row: WatchNoteRow): Cell[] => {
    const flags = flagsOf(row, settings, today);
    return [
      capitalised(WATCH_THEME_LABELS[row.theme]),
      flags.indicators.join(', '),
      row.title,
      row.source_name,
      row.source_url ?? '',
      day(row.information_on),
      day(row.recorded_on),
      row.summary,
      STATUS_LABELS[row.archived ? 'archived' : row.analysed_on ? 'analysed' : 'to_analyse'],
      day(flags.dueOn),
      flags.notExploited ? 'Oui' : 'Non',
      row.impact ? capitalised(WATCH_IMPACT_LABELS[row.impact]) : '',
      row.analysis ?? '',
      row.decision ?? '',
      row.changes ?? '',
      day(row.analysed_on),
      row.communications,
      flags.communicationMissing ? 'Oui' : 'Non',
    ];
  };
  return [headers, ...rows.map(line)];
};

/** `GET /api/watch-notes/export`: the watch register with its filters, as CSV (French dialect) or XLSX; any member. */
export const watchExportPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; clock: Clock }) => {
    typed(app).get(
      '/api/watch-notes/export',
      {
        schema: {
          tags: ['watch'],
          summary: 'Export the watch register (CSV for French spreadsheets, or XLSX)',
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
        const { format, notExploited, ...filter } = request.query;
        if (filter.from && filter.to && filter.to < filter.from) {
          throw badRequest('invalid_period', 'The period ends before it starts');
        }
        const today = parisDate(options.clock.now());
        const rows = await listWatchNotes(
          options.db,
          viewer.organisationId,
          { ...filter, notExploited: notExploited === undefined ? null : notExploited === 'true' },
          today,
        );
        const settings = await watchSettings(options.db, viewer.organisationId);
        reply.header('content-disposition', `attachment; filename="registre-veille-${today}.${format}"`);
        reply.header('cache-control', 'private, no-store');
        const table = tableOf(rows, settings, today);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toFrenchCsv(table));
        return reply.type(XLSX_TYPE).send(await toXlsx('Registre de veille', table));
      },
    );
  },
  { name: 'watch-export' },
);
