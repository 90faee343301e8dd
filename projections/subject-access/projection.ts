import type { Insertable, Kysely } from 'kysely';
import type { Db } from '../../services/db/database';
import type { RecordedEvent } from '../../services/eventstore/types';
import {
  type AllPersonalDataDeclarations,
  type AllSubjectReferences,
  ERASED,
  normaliseEmail,
  personalFieldsOf,
} from '../../services/privacy/declarations';
import type { PersonalDataErased, PersonalDataExported } from '../../services/privacy/events';
import type { Projection } from '../runner/projection';
import type { SubjectAccessTables } from './tables';

type Tables = SubjectAccessTables;
const CHUNK = 1000;

/** The subjects an event names, and the addresses it declares as theirs. */
export const subjectsNamedBy = (
  declarations: AllPersonalDataDeclarations,
  references: AllSubjectReferences,
  event: { type: string; data: unknown },
): { subjects: string[]; emails: { subject: string; email: string }[] } => {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.type === 'PersonalDataErased')
    return { subjects: [(data as PersonalDataErased['data']).subjectId], emails: [] };
  if (event.type === 'PersonalDataExported') {
    return { subjects: [...(data as PersonalDataExported['data']).subjectIds], emails: [] };
  }
  const subjects = new Set<string>(references[event.type]?.(data) ?? []);
  const emails: { subject: string; email: string }[] = [];
  for (const { field, subject, email } of personalFieldsOf(declarations, event.type) ?? []) {
    const value = data[field];
    if (value === null || value === undefined) continue;
    const id = subject(data);
    subjects.add(id);
    if (email && typeof value === 'string' && value !== ERASED)
      emails.push({ subject: id, email: normaliseEmail(value) });
  }
  return { subjects: [...subjects], emails };
};

const inChunks = async <T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) => {
  for (let start = 0; start < rows.length; start += CHUNK) await insert(rows.slice(start, start + CHUNK));
};

/**
 * Subject access's index (see tables.ts), over every event type that declares personal fields or names a subject
 * by id (`SubjectReferences`), plus the privacy slice's own. Built from the declarations, so a new personal field
 * is indexed without editing this file.
 */
export const subjectAccessProjection = (
  declarations: AllPersonalDataDeclarations,
  references: AllSubjectReferences = {},
): Projection => {
  const personalTypes = Object.keys(declarations).filter(
    (type) => (personalFieldsOf(declarations, type) ?? []).length > 0,
  );
  const handles = [
    ...new Set([...personalTypes, ...Object.keys(references), 'PersonalDataErased', 'PersonalDataExported']),
  ];
  return {
    name: 'subject_access',
    version: 1,
    tables: ['privacy_subject_events', 'privacy_subject_emails', 'privacy_requests'],
    handles,
    async create(untyped: Db) {
      const db = untyped.withTables<Tables>();
      await db.schema
        .createTable('privacy_subject_events')
        .addColumn('subject_id', 'text', (column) => column.notNull())
        .addColumn('position', 'bigint', (column) => column.notNull())
        .addColumn('organisation_id', 'uuid', (column) => column.notNull())
        .addColumn('event_id', 'uuid', (column) => column.notNull())
        .addColumn('stream_id', 'text', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('occurred_at', 'timestamptz', (column) => column.notNull())
        .addPrimaryKeyConstraint('privacy_subject_events_pk', ['subject_id', 'position'])
        .execute();
      await db.schema
        .createIndex('privacy_subject_events_organisation_idx')
        .on('privacy_subject_events')
        .columns(['organisation_id', 'subject_id'])
        .execute();
      await db.schema
        .createTable('privacy_subject_emails')
        .addColumn('subject_id', 'text', (column) => column.notNull())
        .addColumn('organisation_id', 'uuid', (column) => column.notNull())
        .addColumn('email', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('privacy_subject_emails_pk', ['subject_id', 'email'])
        .execute();
      await db.schema
        .createIndex('privacy_subject_emails_lookup_idx')
        .on('privacy_subject_emails')
        .columns(['organisation_id', 'email'])
        .execute();
      await db.schema
        .createTable('privacy_requests')
        .addColumn('event_id', 'uuid', (column) => column.primaryKey())
        .addColumn('organisation_id', 'uuid', (column) => column.notNull())
        .addColumn('occurred_at', 'timestamptz', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('actor_id', 'uuid')
        .addColumn('subject_ids', 'jsonb', (column) => column.notNull())
        .addColumn('reason', 'text')
        .addColumn('format', 'text')
        .execute();
      await db.schema
        .createIndex('privacy_requests_organisation_idx')
        .on('privacy_requests')
        .columns(['organisation_id', 'occurred_at', 'event_id'])
        .execute();
    },
    async apply(untyped: Db, events: readonly RecordedEvent[]) {
      const db: Kysely<Tables> = untyped.withTables<Tables>();
      const named: Insertable<Tables['privacy_subject_events']>[] = [];
      const emails = new Map<string, Insertable<Tables['privacy_subject_emails']>>();
      const requests: Insertable<Tables['privacy_requests']>[] = [];
      const erased = new Set<string>();
      for (const event of events) {
        const { subjects, emails: addresses } = subjectsNamedBy(declarations, references, event);
        const { organisationId, occurredAt } = event.metadata;
        for (const subject of subjects) {
          named.push({
            subject_id: subject,
            position: event.position,
            organisation_id: organisationId,
            event_id: event.id,
            stream_id: event.streamId,
            type: event.type,
            occurred_at: occurredAt,
          });
        }
        for (const { subject, email } of addresses) {
          emails.set(`${subject}\n${email}`, { subject_id: subject, organisation_id: organisationId, email });
        }
        if (event.type === 'PersonalDataErased' || event.type === 'PersonalDataExported') {
          const erasure = event.type === 'PersonalDataErased';
          const data = event.data as Partial<PersonalDataErased['data'] & PersonalDataExported['data']>;
          requests.push({
            event_id: event.id,
            organisation_id: organisationId,
            occurred_at: occurredAt,
            kind: erasure ? 'erasure' : 'export',
            // The member who asked; null for the system (the retention reactor erases as the system).
            actor_id: event.metadata.actor.type === 'user' ? (event.metadata.actor.id ?? null) : null,
            subject_ids: JSON.stringify(subjects),
            reason: data.reason ?? null,
            format: data.format ?? null,
          });
        }
        if (event.type === 'PersonalDataErased') {
          // An address indexed earlier in this batch goes with the rest of the subject's.
          for (const subject of subjects) {
            erased.add(subject);
            for (const [key, row] of emails) if (row.subject_id === subject) emails.delete(key);
          }
        }
      }
      await inChunks(named, (chunk) =>
        db
          .insertInto('privacy_subject_events')
          .values(chunk)
          .onConflict((conflict) => conflict.columns(['subject_id', 'position']).doNothing())
          .execute(),
      );
      if (erased.size > 0) {
        await db
          .deleteFrom('privacy_subject_emails')
          .where('subject_id', 'in', [...erased])
          .execute();
      }
      await inChunks([...emails.values()], (chunk) =>
        db
          .insertInto('privacy_subject_emails')
          .values(chunk)
          .onConflict((conflict) => conflict.columns(['subject_id', 'email']).doNothing())
          .execute(),
      );
      await inChunks(requests, (chunk) =>
        db
          .insertInto('privacy_requests')
          .values(chunk)
          .onConflict((conflict) => conflict.column('event_id').doNothing())
          .execute(),
      );
    },
  };
};
