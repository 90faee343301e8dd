import type { PartnerGroup } from '../../services/contact-log/events';
import type { Db } from '../../services/db/database';
import { likePattern } from '../like';
import { type KeysetPage, pageDirection } from '../paging';
import type { ContactLogTables } from './tables';

const tables = (db: Db) => db.withTables<ContactLogTables>();

export type PartnerContactKey = { contactOn: string; id: string };

export interface PartnerContactFilter {
  group?: PartnerGroup | null;
  /** Part of the partner's name, whatever the case. */
  partner?: string | null;
  /** Contacts on or after this Paris date. */
  from?: string | null;
  /** Contacts on or before this Paris date. */
  to?: string | null;
  includeRemoved?: boolean;
}

/** An organisation's logged contacts, newest contact first, keyset-paginated on (contact_on, id). */
export const listPartnerContacts = (
  db: Db,
  organisationId: string,
  filter: PartnerContactFilter,
  page: KeysetPage<PartnerContactKey>,
) => {
  const { order, after } = pageDirection('desc', page);
  let query = tables(db)
    .selectFrom('partner_contacts')
    .selectAll()
    .where('organisation_id', '=', organisationId);
  if (filter.group) query = query.where('group', '=', filter.group);
  if (filter.partner?.trim())
    query = query.where('partner_name', 'ilike', likePattern(filter.partner.trim()));
  if (filter.from) query = query.where('contact_on', '>=', filter.from);
  if (filter.to) query = query.where('contact_on', '<=', filter.to);
  if (!filter.includeRemoved) query = query.where('removed', '=', false);
  if (page.cursor) {
    const { contactOn, id } = page.cursor;
    query = query.where((eb) => eb(eb.refTuple('contact_on', 'id'), after, eb.tuple(contactOn, id)));
  }
  return query.orderBy('contact_on', order).orderBy('id', order).limit(page.limit).execute();
};

/** One contact of the organisation (removed ones too), or undefined (another organisation's is unknown here). */
export const findPartnerContact = (db: Db, organisationId: string, contactId: string) =>
  tables(db)
    .selectFrom('partner_contacts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', contactId)
    .executeTakeFirst();

/** Every change of the organisation's contacts among these, oldest first. */
export const historyOfPartnerContacts = (db: Db, organisationId: string, contactIds: readonly string[]) =>
  tables(db)
    .selectFrom('partner_contact_history')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('contact_id', 'in', contactIds)
    .orderBy('contact_id')
    .orderBy('revision')
    .execute();
