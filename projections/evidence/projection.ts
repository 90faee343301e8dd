import { type Kysely, sql } from 'kysely';
import type { RecordedEvent } from '../../services/eventstore/types';
import { type EvidenceDeclaration, indicatorsOf, kindOf } from '../../services/kernel/evidence';
import {
  type AllPersonalDataDeclarations,
  ERASED,
  personalFieldsOf,
} from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { insertRows } from '../runner/bulk';
import type { Projection } from '../runner/projection';
import type { EvidenceTables } from './tables';

const ERASURE: PersonalDataErased['type'] = 'PersonalDataErased';

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
    .addColumn('subjects', sql`text[]`, (column) => column.notNull())
    .addPrimaryKeyConstraint('evidence_items_pkey', ['event_id', 'indicator'])
    .execute();
  await db.schema
    .createIndex('evidence_items_timeline_idx')
    .on('evidence_items')
    .columns(['organisation_id', 'indicator', 'occurred_at', 'event_id'])
    .execute();
  await db.schema
    .createTable('evidence_counts')
    .addColumn('organisation_id', 'uuid', (column) => column.notNull())
    .addColumn('indicator', 'smallint', (column) => column.notNull())
    .addColumn('items', 'integer', (column) => column.notNull())
    .addColumn('last_at', 'timestamptz', (column) => column.notNull())
    .addPrimaryKeyConstraint('evidence_counts_pkey', ['organisation_id', 'indicator'])
    .execute();
};

/** The timeline rows of a batch of declared events: one per (event, indicator). */
const itemsOf = (
  declarations: AllEvidenceDeclarations,
  personalData: AllPersonalDataDeclarations,
  events: readonly RecordedEvent[],
) =>
  events.flatMap((event) => {
    const declaration = declarations[event.type];
    if (!declaration) return [];
    // The runner hands this projection only the declared types, whose data the declaration describes.
    const data = event.data as never;
    const source = declaration.source(data);
    const subjects = subjectsOf(personalData, event);
    return indicatorsOf(declaration, data).map((indicator) => ({
      event_id: event.id,
      indicator,
      organisation_id: event.metadata.organisationId,
      occurred_at: event.metadata.occurredAt,
      kind: kindOf(declaration, data),
      title: declaration.title(data),
      summary: declaration.summary?.(data) ?? null,
      source_type: source.type,
      source_id: source.id,
      event_type: event.type,
      position: event.position,
      subjects,
    }));
  });

/**
 * The subjects whose personal fields an event holds (erased ones included, so a rebuild finds the same): an
 * erasure scrubs the summary of their items, which may quote those fields.
 */
const subjectsOf = (personalData: AllPersonalDataDeclarations, event: RecordedEvent): string[] => {
  const data = event.data as Record<string, unknown>;
  return (personalFieldsOf(personalData, event.type) ?? [])
    .filter(({ field }) => data[field] !== null && data[field] !== undefined)
    .map(({ subject }) => subject(data));
};

/** Items per (organisation, indicator) in a batch, with their latest date. */
const countsOf = (items: ReturnType<typeof itemsOf>) => {
  const counts = new Map<
    string,
    { organisation_id: string; indicator: number; items: number; last_at: string }
  >();
  for (const item of items) {
    const key = `${item.organisation_id}:${item.indicator}`;
    const count = counts.get(key) ?? { ...item, items: 0, last_at: item.occurred_at };
    count.items += 1;
    if (item.occurred_at > count.last_at) count.last_at = item.occurred_at;
    counts.set(key, {
      organisation_id: item.organisation_id,
      indicator: item.indicator,
      items: count.items,
      last_at: count.last_at,
    });
  }
  return [...counts.values()];
};

/**
 * The evidence timeline: one row per (event, indicator) for every event type a slice declares as evidence.
 * Declarations live beside each slice's events, so a new slice adds evidence by declaring it. A batch is one
 * multi-row insert and one counter upsert.
 */
export const evidenceProjection = (
  declarations: AllEvidenceDeclarations,
  personalData: AllPersonalDataDeclarations,
): Projection => {
  const scrub = async (db: Kysely<EvidenceTables>, events: readonly RecordedEvent[]) => {
    const subjects = events.map((event) => (event.data as PersonalDataErased['data']).subjectId);
    await db
      .updateTable('evidence_items')
      .set({ summary: ERASED })
      .where('subjects', '&&', sql<string[]>`${subjects}::text[]`)
      .where('summary', 'is not', null)
      .execute();
  };
  // Evidence between two erasures is recorded in one insert; an erasure (rare) scrubs what came before it. The
  // scrub scans the items (no index on subjects: it would cost every insert for a rare statement).
  const apply = async (db: Kysely<EvidenceTables>, events: readonly RecordedEvent[]) => {
    let from = 0;
    for (let index = 0; index <= events.length; index++) {
      const event = events[index];
      if (event && event.type !== ERASURE) continue;
      await record(db, events.slice(from, index));
      if (event) await scrub(db, [event]);
      from = index + 1;
    }
  };
  const record = async (db: Kysely<EvidenceTables>, events: readonly RecordedEvent[]) => {
    const items = itemsOf(declarations, personalData, events);
    if (items.length === 0) return;
    await insertRows(db, 'evidence_items', items);
    await db
      .insertInto('evidence_counts')
      .values(countsOf(items))
      .onConflict((conflict) =>
        conflict.columns(['organisation_id', 'indicator']).doUpdateSet((eb) => ({
          items: eb('evidence_counts.items', '+', eb.ref('excluded.items')),
          last_at: eb.fn('greatest', ['evidence_counts.last_at', 'excluded.last_at']),
        })),
      )
      .execute();
  };
  return {
    name: 'evidence',
    version: 5,
    tables: ['evidence_items', 'evidence_counts'],
    handles: [...Object.keys(declarations).filter((type) => declarations[type]), ERASURE],
    create: (db) => create(db.withTables<EvidenceTables>()),
    apply: (db, events) => apply(db.withTables<EvidenceTables>(), events),
  };
};
