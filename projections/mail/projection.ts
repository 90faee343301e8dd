import { type Kysely, sql } from 'kysely';
import type { MailEvent } from '../../services/mail/events';
import { ERASED } from '../../services/privacy/declarations';
import type { PrivacyEvent } from '../../services/privacy/events';
import { subjectIdsOf } from '../privacy';
import { defineProjection, type Recorded } from '../runner/projection';
import type { MailReadTables, MailStatus } from './tables';

type Outcome = Exclude<MailEvent, { type: 'MailQueued' }>;

/** What an outcome event changes on its message's row. */
interface OutcomeRow {
  id: string;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  response: string | null;
  outbox: string | null;
  next_attempt_at: string | null;
  updated_at: string;
}

const outcomeRow = (event: Recorded<Outcome>): OutcomeRow => {
  const base = {
    id: event.data.messageId,
    attempts: event.data.attempt,
    updated_at: event.metadata.occurredAt,
    last_error: null,
    response: null,
    outbox: null,
    next_attempt_at: null,
  };
  switch (event.type) {
    case 'MailSent':
      return { ...base, status: 'sent', response: event.data.response, outbox: event.data.outbox };
    case 'MailDeferred':
      return { ...base, status: 'due', last_error: event.data.error, next_attempt_at: event.data.retryAt };
    case 'MailRefused':
      return { ...base, status: 'refused', last_error: event.data.error };
    case 'MailFailed':
      return { ...base, status: 'failed', last_error: event.data.error };
  }
};

/**
 * Applies a run of outcomes as one UPDATE, the last outcome of each message winning. Raw SQL for the FROM list:
 * Kysely has no form for a set of rows passed as one parameter (jsonb_to_recordset).
 */
const applyOutcomes = async (db: Kysely<MailReadTables>, events: readonly Recorded<Outcome>[]) => {
  const rows = new Map(events.map((event) => [event.data.messageId, outcomeRow(event)]));
  await sql`
    UPDATE mail_messages AS m
       SET status = v.status,
           attempts = v.attempts,
           last_error = coalesce(v.last_error, m.last_error),
           response = coalesce(v.response, m.response),
           outbox = coalesce(v.outbox, m.outbox),
           next_attempt_at = v.next_attempt_at,
           updated_at = v.updated_at
      FROM jsonb_to_recordset(${JSON.stringify([...rows.values()])}::jsonb)
           AS v(id uuid, status text, attempts integer, last_error text, response text, outbox text,
                next_attempt_at timestamptz, updated_at timestamptz)
     WHERE m.id = v.id`.execute(db);
};

export const mailProjection = defineProjection<MailReadTables, MailEvent | PrivacyEvent>({
  name: 'mail',
  version: 2,
  tables: ['mail_messages'],
  async create(db) {
    await db.schema
      .createTable('mail_messages')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('recipient', 'text', (column) => column.notNull())
      .addColumn('template', 'text', (column) => column.notNull())
      .addColumn('locale', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('attempts', 'integer', (column) => column.notNull())
      .addColumn('last_error', 'text')
      .addColumn('response', 'text')
      .addColumn('outbox', 'text')
      .addColumn('queued_at', 'timestamptz', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .addColumn('next_attempt_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('mail_messages_organisation_idx')
      .on('mail_messages')
      .columns(['organisation_id', 'queued_at', 'id'])
      .execute();
  },
  handlers: {
    async MailQueued(db, events) {
      await db
        .insertInto('mail_messages')
        .values(
          events.map(({ data, metadata }) => ({
            id: data.messageId,
            organisation_id: metadata.organisationId,
            recipient: data.to,
            template: data.template,
            locale: data.locale,
            status: 'due' as const,
            attempts: 0,
            queued_at: metadata.occurredAt,
            updated_at: metadata.occurredAt,
          })),
        )
        .onConflict((conflict) => conflict.column('id').doNothing())
        .execute();
    },
    MailSent: applyOutcomes,
    MailDeferred: applyOutcomes,
    MailRefused: applyOutcomes,
    MailFailed: applyOutcomes,
    // A message's recipient (and the server's words, which may repeat the address) go with its subject.
    async PersonalDataErased(db, events) {
      const messages = subjectIdsOf(events, 'contact');
      if (messages.length === 0) return;
      await db
        .updateTable('mail_messages')
        .set((eb) => ({
          recipient: ERASED,
          last_error: eb.case().when('last_error', 'is not', null).then(ERASED).else(null).end(),
          response: eb.case().when('response', 'is not', null).then(ERASED).else(null).end(),
        }))
        .where('id', 'in', messages)
        .execute();
    },
  },
});
