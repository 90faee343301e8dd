import { type Kysely, sql } from 'kysely';
import type { DisabilityNetworkEvent } from '../../services/disability-network/events';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { subjectIdsOf } from '../privacy';
import { defineProjection } from '../runner/projection';
import type { DisabilityNetworkTables } from './tables';

type Event = DisabilityNetworkEvent | PersonalDataErased;

/** The network stream's revision after these events, for If-Match: one stream per organisation. */
const advance = async (
  db: Kysely<DisabilityNetworkTables>,
  events: readonly { metadata: { organisationId: string }; revision: number }[],
) => {
  const last = new Map(events.map((event) => [event.metadata.organisationId, event.revision]));
  for (const [organisation_id, revision] of last) {
    await db
      .insertInto('disability_networks')
      .values({ organisation_id, revision })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ revision }))
      .execute();
  }
};

/** The network as it stands: partners and their contacts, the referent, the meetings held. */
export const disabilityNetworkProjection = defineProjection<DisabilityNetworkTables, Event>({
  name: 'disability_network',
  version: 2,
  tables: ['disability_networks', 'disability_partners', 'disability_referents', 'disability_meetings'],
  async create(db) {
    await db.schema
      .createTable('disability_networks')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('disability_partners')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('contacts', 'jsonb', (column) => column.notNull())
      .addColumn('removed', 'boolean', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('disability_referents')
      .addColumn('organisation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('referent_id', 'uuid', (column) => column.notNull())
      .addColumn('member_id', 'uuid')
      .addColumn('name', 'text')
      .addColumn('trainings', 'jsonb', (column) => column.notNull())
      .addColumn('set_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('disability_meetings')
      .addColumn('id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('partner_id', 'uuid', (column) => column.notNull())
      .addColumn('partner_name', 'text', (column) => column.notNull())
      .addColumn('held_on', 'date', (column) => column.notNull())
      .addColumn('subject', 'text', (column) => column.notNull())
      .addColumn('outcome', 'text', (column) => column.notNull())
      // A meeting's id was the client's before it was derived from the organisation: unique per organisation.
      .addPrimaryKeyConstraint('disability_meetings_pkey', ['organisation_id', 'id'])
      .execute();
  },
  handlers: {
    async DisabilityPartnerListed(db, events) {
      for (const { data, metadata } of events) {
        await db
          .insertInto('disability_partners')
          .values({
            id: data.partnerId,
            organisation_id: metadata.organisationId,
            kind: data.kind,
            name: data.name,
            contacts: JSON.stringify(data.contacts) as never,
            removed: false,
            updated_at: metadata.occurredAt,
          })
          .execute();
      }
      await advance(db, events);
    },
    async DisabilityPartnerUpdated(db, events) {
      for (const { data, metadata } of events) {
        await db
          .updateTable('disability_partners')
          .set({
            kind: data.kind,
            name: data.name,
            contacts: JSON.stringify(data.contacts) as never,
            updated_at: metadata.occurredAt,
          })
          .where('id', '=', data.partnerId)
          .where('organisation_id', '=', metadata.organisationId)
          .execute();
      }
      await advance(db, events);
    },
    async DisabilityPartnerRemoved(db, events) {
      for (const { data, metadata } of events) {
        await db
          .updateTable('disability_partners')
          .set({ removed: true, updated_at: metadata.occurredAt })
          .where('id', '=', data.partnerId)
          .where('organisation_id', '=', metadata.organisationId)
          .execute();
      }
      await advance(db, events);
    },
    async DisabilityReferentSet(db, events) {
      for (const { data, metadata } of events) {
        const values = {
          referent_id: data.referentId,
          member_id: data.memberId,
          name: data.name,
          trainings: JSON.stringify(data.trainings) as never,
          set_at: metadata.occurredAt,
        };
        await db
          .insertInto('disability_referents')
          .values({ organisation_id: metadata.organisationId, ...values })
          .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
          .execute();
      }
      await advance(db, events);
    },
    async DisabilityNetworkMeetingHeld(db, events) {
      for (const { data, metadata } of events) {
        await db
          .insertInto('disability_meetings')
          .values({
            id: data.meetingId,
            organisation_id: metadata.organisationId,
            partner_id: data.partnerId,
            partner_name: data.partnerName,
            held_on: data.on,
            subject: data.subject,
            outcome: data.outcome,
          })
          .execute();
      }
      await advance(db, events);
    },
    async PersonalDataErased(db, events) {
      const ids = subjectIdsOf(events, 'contact');
      if (ids.length === 0) return;
      const erased = sql<string>`${ERASED}::text`;
      await db
        .updateTable('disability_partners')
        .set({ contacts: sql`to_jsonb(${erased})` as never })
        .where('id', 'in', ids)
        .execute();
      await db
        .updateTable('disability_meetings')
        .set({ subject: erased, outcome: erased })
        .where('partner_id', 'in', ids)
        .execute();
      await db
        .updateTable('disability_referents')
        .set({ name: erased })
        .where('referent_id', 'in', ids)
        .where('name', 'is not', null)
        .execute();
    },
  },
});
