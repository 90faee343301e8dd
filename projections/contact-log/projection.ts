import { type Kysely, sql } from 'kysely';
import type { ContactLogEvent } from '../../services/contact-log/events';
import type { EventMetadata } from '../../services/eventstore/types';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { lastBy } from '../grouping';
import { subjectIdsOf } from '../privacy';
import { insertRows, updateRows } from '../runner/bulk';
import { defineProjection, type Recorded } from '../runner/projection';
import type { ContactLogTables } from './tables';

type Db = Kysely<ContactLogTables>;
type Event = ContactLogEvent | PersonalDataErased;
type Of<Type extends ContactLogEvent['type']> = Recorded<Extract<ContactLogEvent, { type: Type }>>;

const userOf = (metadata: EventMetadata) =>
  metadata.actor.type === 'user' ? (metadata.actor.id ?? null) : null;

/** The list columns a revision sets. */
const currentOf = ({ data }: Of<'PartnerContactLogged' | 'PartnerContactCorrected'>) => ({
  group: data.group,
  partner_name: data.partnerName,
  kind: data.kind,
  contact_on: data.contactOn,
  people: data.people,
  said: data.said,
  follow_up: data.followUp,
  session_id: data.session?.sessionId ?? null,
  training_action_id: data.session?.trainingActionId ?? null,
  training_title: data.session?.trainingTitle ?? null,
  session_title: data.session?.sessionTitle ?? null,
});

const recordHistory = (db: Db, events: readonly Of<ContactLogEvent['type']>[]) =>
  insertRows(
    db,
    'partner_contact_history',
    events.map((event) => {
      const base = {
        contact_id: event.data.contactId,
        revision: event.revision,
        organisation_id: event.metadata.organisationId,
        changed_by: userOf(event.metadata),
        changed_at: event.metadata.occurredAt,
      };
      if (event.type === 'PartnerContactRemoved') {
        return {
          ...base,
          change: 'removed',
          content: null,
          reason: event.data.reason,
          note: event.data.note,
        };
      }
      const { group, partnerName, kind, contactOn, people, said, session, followUp } = event.data;
      const content = { group, partnerName, kind, contactOn, people, said, session, followUp };
      return {
        ...base,
        change: event.type === 'PartnerContactLogged' ? 'logged' : 'corrected',
        content,
        reason: null,
        note: null,
      };
    }),
  );

/**
 * The contact log: each contact's current revision for the list, and every change for its history. An erasure of
 * a contact's subject scrubs the people met, what they said, the follow-up and a removal's note, in both.
 */
export const contactLogProjection = defineProjection<ContactLogTables, Event>({
  name: 'contact_log',
  version: 1,
  tables: ['partner_contacts', 'partner_contact_history'],
  async create(db) {
    await db.schema
      .createTable('partner_contacts')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('group', 'text', (column) => column.notNull())
      .addColumn('partner_name', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('contact_on', 'date', (column) => column.notNull())
      .addColumn('people', 'jsonb', (column) => column.notNull())
      .addColumn('said', 'text', (column) => column.notNull())
      .addColumn('follow_up', 'text')
      .addColumn('session_id', 'uuid')
      .addColumn('training_action_id', 'uuid')
      .addColumn('training_title', 'text')
      .addColumn('session_title', 'text')
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('removed', 'boolean', (column) => column.notNull())
      .addColumn('removal_reason', 'text')
      .addColumn('removal_note', 'text')
      .addColumn('logged_by', 'uuid')
      .addColumn('logged_at', 'timestamptz', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('partner_contacts_list_idx')
      .on('partner_contacts')
      .columns(['organisation_id', 'contact_on', 'id'])
      .execute();
    await db.schema
      .createTable('partner_contact_history')
      .addColumn('contact_id', 'uuid', (column) => column.notNull())
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('change', 'text', (column) => column.notNull())
      .addColumn('content', 'jsonb')
      .addColumn('reason', 'text')
      .addColumn('note', 'text')
      .addColumn('changed_by', 'uuid')
      .addColumn('changed_at', 'timestamptz', (column) => column.notNull())
      .addPrimaryKeyConstraint('partner_contact_history_pkey', ['contact_id', 'revision'])
      .execute();
  },
  handlers: {
    async PartnerContactLogged(db, events) {
      await insertRows(
        db,
        'partner_contacts',
        events.map((event) => ({
          id: event.data.contactId,
          organisation_id: event.metadata.organisationId,
          ...currentOf(event),
          version: 1,
          revision: event.revision,
          removed: false,
          removal_reason: null,
          removal_note: null,
          logged_by: userOf(event.metadata),
          logged_at: event.metadata.occurredAt,
          updated_at: event.metadata.occurredAt,
        })),
      );
      await recordHistory(db, events);
    },
    async PartnerContactCorrected(db, events) {
      await updateRows(
        db,
        'partner_contacts',
        'id',
        lastBy(events, (event) => event.data.contactId).map((event) => ({
          id: event.data.contactId,
          ...currentOf(event),
          version: event.data.version,
          revision: event.revision,
          updated_at: event.metadata.occurredAt,
        })),
      );
      await recordHistory(db, events);
    },
    async PartnerContactRemoved(db, events) {
      await updateRows(
        db,
        'partner_contacts',
        'id',
        events.map(({ data, metadata, revision }) => ({
          id: data.contactId,
          removed: true,
          removal_reason: data.reason,
          removal_note: data.note,
          revision,
          updated_at: metadata.occurredAt,
        })),
      );
      await recordHistory(db, events);
    },
    async PersonalDataErased(db, events) {
      const ids = subjectIdsOf(events, 'contact');
      if (ids.length === 0) return;
      // Invitations and messages are `contact` subjects too: their ids match no row here.
      const erased = sql<string>`${ERASED}::text`;
      await db
        .updateTable('partner_contacts')
        .set({
          people: sql`to_jsonb(${erased})`,
          said: erased,
          follow_up: sql`CASE WHEN follow_up IS NULL THEN NULL ELSE ${erased} END`,
          removal_note: sql`CASE WHEN removal_note IS NULL THEN NULL ELSE ${erased} END`,
        })
        .where('id', 'in', ids)
        .execute();
      await db
        .updateTable('partner_contact_history')
        .set({
          content: sql`CASE WHEN content IS NULL THEN NULL ELSE content || jsonb_build_object(
            'people', ${erased}, 'said', ${erased},
            'followUp', CASE WHEN content->'followUp' = 'null'::jsonb THEN NULL ELSE ${erased} END) END`,
          note: sql`CASE WHEN note IS NULL THEN NULL ELSE ${erased} END`,
        })
        .where('contact_id', 'in', ids)
        .execute();
    },
  },
});
