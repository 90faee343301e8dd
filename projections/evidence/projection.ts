import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../../services/eventstore/types';
import type { EvidenceDeclaration } from '../../services/kernel/evidence';
import type { Projection } from '../runner/projection';
import type { EvidenceTables } from './tables';

/** Every slice's declarations merged, keyed by event type; the data types are erased at this boundary. */
export type AllEvidenceDeclarations = Readonly<Record<string, EvidenceDeclaration<never> | undefined>>;

const create = async (db: Kysely<EvidenceTables>) => {
  await db.schema
    .createTable('evidence_items')
    .addColumn('event_id', 'uuid', (column) => column.notNull())
    .addColumn('indicator', 'smallint', (column) => column.notNull())
    .addColumn('organisation_id', 'uuid', (column) => column.notNull())
    .addColumn('occurred_at', 'timestamptz', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('summary', 'text')
    .addColumn('source_type', 'text', (column) => column.notNull())
    .addColumn('source_id', 'uuid', (column) => column.notNull())
    .addColumn('event_type', 'text', (column) => column.notNull())
    .addColumn('position', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('evidence_items_pkey', ['event_id', 'indicator'])
    .execute();
  await db.schema
    .createIndex('evidence_items_timeline_idx')
    .on('evidence_items')
    .columns(['organisation_id', 'indicator', 'occurred_at', 'event_id'])
    .execute();
};

/**
 * The evidence timeline: one row per (event, indicator) for every event type a slice declares as evidence.
 * Declarations live beside each slice's events, so a new slice adds evidence by declaring it.
 */
export const evidenceProjection = (declarations: AllEvidenceDeclarations): Projection => {
  const apply = async (db: Kysely<EvidenceTables>, event: RecordedEvent) => {
    const declaration = declarations[event.type];
    if (!declaration) return;
    // The runner hands this projection only the declared types, whose data the declaration describes.
    const data = event.data as never;
    const source = declaration.source(data);
    await db
      .insertInto('evidence_items')
      .values(
        declaration.indicators.map((indicator) => ({
          event_id: event.id,
          indicator,
          organisation_id: event.metadata.organisationId,
          occurred_at: event.metadata.occurredAt,
          kind: declaration.kind,
          title: declaration.title(data),
          summary: declaration.summary?.(data) ?? null,
          source_type: source.type,
          source_id: source.id,
          event_type: event.type,
          position: event.position,
        })),
      )
      .execute();
  };
  return {
    name: 'evidence',
    version: 2,
    tables: ['evidence_items'],
    handles: Object.keys(declarations).filter((type) => declarations[type]),
    create: (db) => create(db.withTables<EvidenceTables>()),
    apply: (db, event) => apply(db.withTables<EvidenceTables>(), event),
  };
};
