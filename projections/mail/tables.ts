import type { ColumnType, Selectable } from 'kysely';
import type { Timestamp } from '../../services/db/columns';
import type { MailLocale, MailTemplate } from '../../services/mail/port';

export type MailStatus = 'due' | 'sent' | 'refused' | 'failed';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type MailReadTables = {
  /** Every message an organisation sent or tried to send, with where it stands. */
  mail_messages: {
    id: string;
    organisation_id: string;
    recipient: string;
    template: MailTemplate;
    locale: MailLocale;
    status: MailStatus;
    attempts: number;
    last_error: Nullable<string>;
    /** The server's reply when it accepted the message. */
    response: Nullable<string>;
    outbox: Nullable<'smtp' | 'development'>;
    queued_at: Timestamp;
    updated_at: Timestamp;
    /** When a deferred message is tried again. */
    next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
};

export type MailMessageRow = Selectable<MailReadTables['mail_messages']>;
