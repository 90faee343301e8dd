import { type Kysely, sql } from 'kysely';
import type { RecordedEvent } from '../../services/eventstore/types';
import { indicatorsOf, kindOf } from '../../services/kernel/evidence';
import {
  type AllPersonalDataDeclarations,
  ERASED,
  personalFieldsOf,
} from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { insertRows } from '../runner/bulk';
import type { Projection } from '../runner/projection';
import { runsOfOneType } from '../runner/projection';
import {
  type AllEvidenceContexts,
  type AllEvidenceDeclarations,
  concernsOf,
  type ItemConcern,
  trainingContextHandlers,
} from './concerns';
import type { EvidenceTables } from './tables';

export type { AllEvidenceContexts, AllEvidenceDeclarations } from './concerns';

const ERASURE: PersonalDataErased['type'] = 'PersonalDataErased';

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
    .addColumn('session_id', 'uuid')
    .addColumn('training_action_id', 'uuid')
    .addColumn('site', 'text')
    .addColumn('action_category', 'text')
    .addPrimaryKeyConstraint('evidence_items_pkey', ['event_id', 'indicator'])
    .execute();
  await db.schema
    .createIndex('evidence_items_timeline_idx')
    .on('evidence_items')
    .columns(['organisation_id', 'indicator', 'occurred_at', 'event_id'])
    .execute();
  // The binder reads the events behind an organisation's items by position, page by page: without this index each
  // page sorted every item left (quadratic in the organisation's size).
  await db.schema
    .createIndex('evidence_items_position_idx')
    .on('evidence_items')
    .columns(['organisation_id', 'position'])
    .execute();
  // The filters by site and by category: partial, so items about no session cost them nothing. Each also serves
  // the summary (site or category, then indicator) and follows a move or a recategorisation.
  await db.schema
    .createIndex('evidence_items_site_idx')
    .on('evidence_items')
    .columns(['organisation_id', 'site', 'indicator', 'occurred_at', 'event_id'])
    .where('site', 'is not', null)
    .execute();
  await db.schema
    .createIndex('evidence_items_category_idx')
    .on('evidence_items')
    .columns(['organisation_id', 'action_category', 'indicator', 'occurred_at', 'event_id'])
    .where('action_category', 'is not', null)
    .execute();
  await db.schema
    .createIndex('evidence_items_session_idx')
    .on('evidence_items')
    .column('session_id')
    .where('session_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('evidence_items_action_idx')
    .on('evidence_items')
    .column('training_action_id')
    .where('training_action_id', 'is not', null)
    .execute();
  await db.schema
    .createTable('evidence_counts')
    .addColumn('organisation_id', 'uuid', (column) => column.notNull())
    .addColumn('indicator', 'smallint', (column) => column.notNull())
    .addColumn('items', 'integer', (column) => column.notNull())
    .addColumn('first_at', 'timestamptz', (column) => column.notNull())
    .addColumn('last_at', 'timestamptz', (column) => column.notNull())
    .addPrimaryKeyConstraint('evidence_counts_pkey', ['organisation_id', 'indicator'])
    .execute();
  await db.schema
    .createTable('evidence_sessions')
    .addColumn('session_id', 'uuid', (column) => column.primaryKey())
    .addColumn('organisation_id', 'uuid', (column) => column.notNull())
    .addColumn('training_action_id', 'uuid', (column) => column.notNull())
    .addColumn('site', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_sessions_site_idx')
    .on('evidence_sessions')
    .columns(['organisation_id', 'site'])
    .execute();
  await db.schema
    .createTable('evidence_actions')
    .addColumn('training_action_id', 'uuid', (column) => column.primaryKey())
    .addColumn('organisation_id', 'uuid', (column) => column.notNull())
    .addColumn('category', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('evidence_sources')
    .addColumn('source_type', 'text', (column) => column.notNull())
    .addColumn('source_id', 'uuid', (column) => column.notNull())
    .addColumn('organisation_id', 'uuid', (column) => column.notNull())
    .addColumn('session_id', 'uuid')
    .addColumn('training_action_id', 'uuid')
    .addPrimaryKeyConstraint('evidence_sources_pkey', ['source_id', 'source_type'])
    .execute();
};

/** The timeline rows of a batch of declared events: one per (event, indicator). */
const itemsOf = (
  declarations: AllEvidenceDeclarations,
  personalData: AllPersonalDataDeclarations,
  events: readonly RecordedEvent[],
  concerns: ReadonlyMap<string, ItemConcern>,
) =>
  events.flatMap((event) => {
    const declaration = declarations[event.type];
    const concern = concerns.get(event.id);
    if (!declaration || !concern) return [];
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
      ...concern,
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

/** Items per (organisation, indicator) in a batch, with their first and last dates. */
const countsOf = (items: ReturnType<typeof itemsOf>) => {
  const counts = new Map<
    string,
    { organisation_id: string; indicator: number; items: number; first_at: string; last_at: string }
  >();
  for (const item of items) {
    const key = `${item.organisation_id}:${item.indicator}`;
    const count = counts.get(key) ?? {
      organisation_id: item.organisation_id,
      indicator: item.indicator,
      items: 0,
      first_at: item.occurred_at,
      last_at: item.occurred_at,
    };
    count.items += 1;
    if (item.occurred_at < count.first_at) count.first_at = item.occurred_at;
    if (item.occurred_at > count.last_at) count.last_at = item.occurred_at;
    counts.set(key, count);
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
  contexts: AllEvidenceContexts,
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
  const record = async (db: Kysely<EvidenceTables>, events: readonly RecordedEvent[]) => {
    const concerns = await concernsOf(db, declarations, contexts, events);
    const items = itemsOf(declarations, personalData, events, concerns);
    if (items.length === 0) return;
    await insertRows(db, 'evidence_items', items);
    await db
      .insertInto('evidence_counts')
      .values(countsOf(items))
      .onConflict((conflict) =>
        conflict.columns(['organisation_id', 'indicator']).doUpdateSet((eb) => ({
          items: eb('evidence_counts.items', '+', eb.ref('excluded.items')),
          first_at: eb.fn('least', ['evidence_counts.first_at', 'excluded.first_at']),
          last_at: eb.fn('greatest', ['evidence_counts.last_at', 'excluded.last_at']),
        })),
      )
      .execute();
  };
  const training: Readonly<
    Record<string, (db: Kysely<EvidenceTables>, events: readonly RecordedEvent[]) => Promise<void>>
  > = trainingContextHandlers;
  // Evidence between two erasures or training changes is recorded in one insert; an erasure (rare) scrubs what
  // came before it (a scan: an index on subjects would cost every insert for a rare statement), and a session or
  // action change applies to what came before it and to what follows.
  const apply = async (db: Kysely<EvidenceTables>, events: readonly RecordedEvent[]) => {
    const roleOf = (event: RecordedEvent) =>
      event.type === ERASURE || training[event.type] ? event.type : 'evidence';
    const runs = runsOfOneType(events.map((event) => ({ type: roleOf(event), event })));
    for (const run of runs) {
      const batch = run.map(({ event }) => event);
      const role = run[0]!.type;
      if (role === ERASURE) await scrub(db, batch);
      else if (role === 'evidence') await record(db, batch);
      else {
        await training[role]!(db, batch);
        if (declarations[role]) await record(db, batch);
      }
    }
  };
  return {
    name: 'evidence',
    version: 8,
    tables: [
      'evidence_items',
      'evidence_counts',
      'evidence_sessions',
      'evidence_actions',
      'evidence_sources',
    ],
    handles: [
      ...new Set([
        ...Object.keys(declarations).filter((type) => declarations[type]),
        ...Object.keys(contexts).filter((type) => contexts[type]),
        ...Object.keys(trainingContextHandlers),
        ERASURE,
      ]),
    ],
    create: (db) => create(db.withTables<EvidenceTables>()),
    apply: (db, events) => apply(db.withTables<EvidenceTables>(), events),
  };
};
