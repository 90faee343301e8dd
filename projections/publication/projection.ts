import type { Kysely } from 'kysely';
import { type PublicationEvent, scopeKey } from '../../services/publication/events';
import { lastBy } from '../grouping';
import { insertRows, updateRows } from '../runner/bulk';
import type { Recorded } from '../runner/projection';
import { defineProjection } from '../runner/projection';
import type { PublicationTables } from './tables';

type Db = Kysely<PublicationTables>;

/** The page row follows its stream's revision: one UPDATE per run, from each organisation's last event. */
const followRevision = (db: Db, events: readonly Recorded<PublicationEvent>[]) =>
  updateRows(
    db,
    'results_pages',
    'organisation_id',
    lastBy(events, (event) => event.metadata.organisationId).map((event) => ({
      organisation_id: event.metadata.organisationId,
      revision: event.revision,
    })),
  );

export const publicationProjection = defineProjection<PublicationTables, PublicationEvent>({
  name: 'publication',
  version: 1,
  tables: ['results_pages', 'results_snapshots'],
  async create(db) {
    await db.schema
      .createTable('results_pages')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('public_id', 'text', (column) => column.notNull().unique())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('opened_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('results_snapshots')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('sequence', 'bigint', (column) => column.notNull())
      .addColumn('label', 'text', (column) => column.notNull())
      .addColumn('period_from', 'date', (column) => column.notNull())
      .addColumn('period_to', 'date', (column) => column.notNull())
      .addColumn('scope_key', 'text', (column) => column.notNull())
      .addColumn('training_action_id', 'uuid')
      .addColumn('training_action_title', 'text')
      .addColumn('trainees', 'integer', (column) => column.notNull())
      .addColumn('respondents', 'integer', (column) => column.notNull())
      .addColumn('response_rate', 'double precision', (column) => column.notNull())
      .addColumn('satisfaction_average', 'double precision')
      .addColumn('satisfied_share', 'double precision')
      .addColumn('completion_rate', 'double precision', (column) => column.notNull())
      .addColumn('drop_out_rate', 'double precision', (column) => column.notNull())
      .addColumn('success_rate', 'double precision')
      .addColumn('note', 'text')
      .addColumn('published_on', 'date', (column) => column.notNull())
      .addColumn('published_at', 'timestamptz', (column) => column.notNull())
      .addColumn('supersedes', 'uuid')
      .addColumn('withdrawn_at', 'timestamptz')
      .addColumn('withdrawal_reason', 'text')
      .execute();
    await db.schema
      .createIndex('results_snapshots_organisation_idx')
      .on('results_snapshots')
      .columns(['organisation_id', 'scope_key', 'sequence'])
      .execute();
  },
  handlers: {
    async PublicResultsPageOpened(db, events) {
      await insertRows(
        db,
        'results_pages',
        events.map(({ data, metadata, revision }) => ({
          organisation_id: metadata.organisationId,
          public_id: data.publicId,
          revision,
          opened_at: metadata.occurredAt,
        })),
      );
    },
    async ResultsSnapshotPublished(db, events) {
      await insertRows(
        db,
        'results_snapshots',
        events.map(({ data, metadata, revision }) => ({
          id: data.snapshotId,
          organisation_id: metadata.organisationId,
          sequence: revision,
          label: data.label,
          period_from: data.periodFrom,
          period_to: data.periodTo,
          scope_key: scopeKey(data.scope),
          training_action_id: data.scope.kind === 'training_action' ? data.scope.trainingActionId : null,
          training_action_title:
            data.scope.kind === 'training_action' ? data.scope.trainingActionTitle : null,
          trainees: data.figures.trainees,
          respondents: data.figures.respondents,
          response_rate: data.figures.responseRate,
          satisfaction_average: data.figures.satisfactionAverage,
          satisfied_share: data.figures.satisfiedShare,
          completion_rate: data.figures.completionRate,
          drop_out_rate: data.figures.dropOutRate,
          success_rate: data.figures.successRate,
          note: data.note,
          published_on: data.publishedOn,
          published_at: metadata.occurredAt,
          supersedes: data.supersedes,
          withdrawn_at: null,
          withdrawal_reason: null,
        })),
      );
      await followRevision(db, events);
    },
    async ResultsSnapshotWithdrawn(db, events) {
      await updateRows(
        db,
        'results_snapshots',
        'id',
        events.map(({ data, metadata }) => ({
          id: data.snapshotId,
          withdrawn_at: metadata.occurredAt,
          withdrawal_reason: data.reason,
        })),
      );
      await followRevision(db, events);
    },
  },
});
