import type { ColumnType } from 'kysely';
import type { MailLocale, MailTemplate } from './port';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/**
 * The mail slice's own tables (see migration.ts), outside the event log: a message's parameters (they may hold a
 * single-use link) until it is sent, the reactor's work list, and the development outbox.
 */
export type MailTables = {
  mail_parameters: {
    message_id: string;
    organisation_id: string;
    params: unknown;
    created_at: Defaulted<Date>;
  };
  /** Messages the reactor has seen queued and not yet settled; `sending_since` marks an attempt in flight. */
  mail_deliveries: {
    message_id: string;
    organisation_id: string;
    recipient: string;
    template: MailTemplate;
    locale: MailLocale;
    queued_position: number;
    attempts: Defaulted<number>;
    next_attempt_at: Date;
    sending_since: Defaulted<Date | null>;
  };
  /** With no mail server set, what would have been sent (links included): development only. */
  mail_dev_outbox: {
    message_id: string;
    organisation_id: string;
    recipient: string;
    subject: string;
    text_body: string;
    html_body: string;
    created_at: Defaulted<Date>;
  };
};
