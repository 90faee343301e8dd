import type { Kysely } from 'kysely';
import type { CertificationEvent } from '../../services/certification/events';
import { defineProjection } from '../runner/projection';
import type { CertificationTables, MarkedSteps } from './tables';

type Tables = CertificationTables;

/** The stream's revision after these events (one stream per organisation), and the settings they change. */
const settle = async (
  db: Kysely<Tables>,
  events: readonly { metadata: { organisationId: string }; revision: number }[],
  change: (organisationId: string) => Partial<Tables['certification_settings']> = () => ({}),
) => {
  for (const { metadata, revision } of events) {
    const values = { revision, ...change(metadata.organisationId) };
    await db
      .insertInto('certification_settings')
      .values({ organisation_id: metadata.organisationId, ...values })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
      .execute();
  }
};

const updateJourney = (
  db: Kysely<Tables>,
  organisationId: string,
  journeyId: string,
  values: Partial<Tables['certification_journeys']>,
) =>
  db
    .updateTable('certification_journeys')
    .set(values as never)
    .where('id', '=', journeyId)
    .where('organisation_id', '=', organisationId)
    .execute();

/** Journeys with their marked steps, certifier and quotes; the organisation's turnover band and label. */
export const certificationProjection = defineProjection<Tables, CertificationEvent>({
  name: 'certification',
  version: 1,
  tables: ['certification_settings', 'certification_journeys', 'certification_quotes'],
  async create(db) {
    await db.schema
      .createTable('certification_settings')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('turnover_band', 'text')
      .addColumn('label_name', 'text')
      .addColumn('label_held_since', 'date')
      .execute();
    await db.schema
      .createTable('certification_journeys')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('started_on', 'date', (column) => column.notNull())
      .addColumn('started_at', 'timestamptz', (column) => column.notNull())
      .addColumn('steps', 'jsonb', (column) => column.notNull())
      .addColumn('certifier_name', 'text')
      .addColumn('accreditation_ref', 'text')
      .addColumn('certifier_chosen_on', 'date')
      .addColumn('reduced', 'boolean', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('certification_journeys_by_organisation')
      .on('certification_journeys')
      .columns(['organisation_id', 'started_at'])
      .execute();
    await db.schema
      .createTable('certification_quotes')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('journey_id', 'uuid', (column) => column.notNull())
      .addColumn('certifier', 'text', (column) => column.notNull())
      .addColumn('initial_audit_cents', 'bigint', (column) => column.notNull())
      .addColumn('yearly_follow_up_cents', 'bigint', (column) => column.notNull())
      .addColumn('received_on', 'date', (column) => column.notNull())
      .addColumn('recorded_at', 'timestamptz', (column) => column.notNull())
      .execute();
  },
  handlers: {
    async CertificationJourneyStarted(db, events) {
      for (const { data, metadata } of events) {
        await db
          .insertInto('certification_journeys')
          .values({
            id: data.journeyId,
            organisation_id: metadata.organisationId,
            kind: data.kind,
            started_on: data.startedOn,
            started_at: metadata.occurredAt,
            steps: JSON.stringify({}),
            certifier_name: null,
            accreditation_ref: null,
            certifier_chosen_on: null,
            reduced: false,
          })
          .execute();
      }
      await settle(db, events);
    },
    async CertificationStepMarked(db, events) {
      for (const { data, metadata } of events) {
        const row = await db
          .selectFrom('certification_journeys')
          .select('steps')
          .where('id', '=', data.journeyId)
          .where('organisation_id', '=', metadata.organisationId)
          .executeTakeFirst();
        if (!row) continue;
        const steps: MarkedSteps = { ...row.steps, [data.step]: { state: data.state, on: data.on } };
        await updateJourney(db, metadata.organisationId, data.journeyId, {
          steps: JSON.stringify(steps) as never,
        });
      }
      await settle(db, events);
    },
    async CertifierChosen(db, events) {
      for (const { data, metadata } of events) {
        await updateJourney(db, metadata.organisationId, data.journeyId, {
          certifier_name: data.name,
          accreditation_ref: data.accreditationRef,
          certifier_chosen_on: data.chosenOn,
        });
      }
      await settle(db, events);
    },
    async CertifierQuoteRecorded(db, events) {
      for (const { data, metadata } of events) {
        await db
          .insertInto('certification_quotes')
          .values({
            id: data.quoteId,
            organisation_id: metadata.organisationId,
            journey_id: data.journeyId,
            certifier: data.certifier,
            initial_audit_cents: data.initialAuditCents,
            yearly_follow_up_cents: data.yearlyFollowUpCents,
            received_on: data.receivedOn,
            recorded_at: metadata.occurredAt,
          })
          .execute();
      }
      await settle(db, events);
    },
    async ReducedAuditChosen(db, events) {
      for (const { data, metadata } of events) {
        await updateJourney(db, metadata.organisationId, data.journeyId, { reduced: data.reduced });
      }
      await settle(db, events);
    },
    async TurnoverBandSet(db, events) {
      for (const event of events) await settle(db, [event], () => ({ turnover_band: event.data.band }));
    },
    async QualityLabelDeclared(db, events) {
      for (const event of events) {
        await settle(db, [event], () => ({
          label_name: event.data.label?.name ?? null,
          label_held_since: event.data.label?.heldSince ?? null,
        }));
      }
    },
  },
});
