import type { Db } from '../../services/db/database';
import type { MailTables } from '../../services/mail/tables';
import { type KeysetPage, pageDirection } from '../paging';
import type { MailReadTables } from './tables';

export type MailMessageKey = { queuedAt: Date; id: string };

/** The organisation's messages, newest first, keyset-paginated on (queued_at, id). */
export const listMailMessages = (db: Db, organisationId: string, page: KeysetPage<MailMessageKey>) => {
  const { order, after } = pageDirection('desc', page);
  let query = db
    .withTables<MailReadTables>()
    .selectFrom('mail_messages')
    .selectAll()
    .where('organisation_id', '=', organisationId);
  if (page.cursor) {
    const { queuedAt, id } = page.cursor;
    query = query.where((eb) => eb(eb.refTuple('queued_at', 'id'), after, eb.tuple(queuedAt, id)));
  }
  return query.orderBy('queued_at', order).orderBy('id', order).limit(page.limit).execute();
};

/**
 * What the development outbox kept of these messages (none when a mail server is set). It is the mail slice's
 * own table, not a read model: the bodies may hold single-use links, which never enter the log.
 */
export const developmentCopies = (db: Db, organisationId: string, messageIds: readonly string[]) =>
  db
    .withTables<MailTables>()
    .selectFrom('mail_dev_outbox')
    .select(['message_id', 'subject', 'text_body'])
    .where('organisation_id', '=', organisationId)
    .where('message_id', 'in', messageIds)
    .execute();
