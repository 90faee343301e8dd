import type { Db } from '../../services/db/database';
import { type KeysetPage, pageDirection } from '../paging';
import type { SecurityLogRow, TeamTables } from './tables';

const team = (db: Db) => db.withTables<TeamTables>();

/** The organisation's members, active first, then by name. */
export const listMembers = (db: Db, organisationId: string) =>
  team(db)
    .selectFrom('team_members')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('active', 'desc')
    .orderBy('display_name')
    .orderBy('user_id')
    .execute();

/** The active members of the organisation's staff (auditors aside), by name. */
export const activeStaff = (db: Db, organisationId: string) =>
  team(db)
    .selectFrom('team_members')
    .select(['user_id', 'display_name'])
    .where('organisation_id', '=', organisationId)
    .where('active', '=', true)
    .where('role', '<>', 'auditor')
    .orderBy('display_name')
    .orderBy('user_id')
    .execute();

/** Those of these user ids who are members of the organisation (with `activeStaff`: active, auditors aside). */
export const membersAmong = async (
  db: Db,
  organisationId: string,
  userIds: readonly string[],
  options: { activeStaff?: boolean } = {},
) => {
  if (userIds.length === 0) return [];
  let query = team(db)
    .selectFrom('team_members')
    .select('user_id')
    .where('organisation_id', '=', organisationId)
    .where('user_id', 'in', [...userIds]);
  if (options.activeStaff) query = query.where('active', '=', true).where('role', '<>', 'auditor');
  const rows = await query.execute();
  return rows.map((row) => row.user_id);
};

/** Invitations still waiting for an answer (expired ones included: they can be sent again), newest first. */
export const pendingInvitations = (db: Db, organisationId: string) =>
  team(db)
    .selectFrom('team_invitations')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'pending')
    .orderBy('sent_at', 'desc')
    .orderBy('invitation_id')
    .execute();

export type SecurityLogKey = { occurredAt: Date; id: string };

/** The security log, newest first, keyset-paginated on (occurred_at, event_id), with the people's names. */
export const securityLog = (
  db: Db,
  organisationId: string,
  page: KeysetPage<SecurityLogKey>,
): Promise<SecurityLogRow[]> => {
  const { order, after } = pageDirection('desc', page);
  let query = team(db)
    .selectFrom('team_security_log as l')
    .leftJoin('team_members as u', 'u.user_id', 'l.user_id')
    .leftJoin('team_members as a', 'a.user_id', 'l.actor_id')
    .selectAll('l')
    .select(['u.display_name as user_name', 'a.display_name as actor_name'])
    .where('l.organisation_id', '=', organisationId);
  if (page.cursor) {
    const { occurredAt, id } = page.cursor;
    query = query.where((eb) =>
      eb(eb.refTuple('l.occurred_at', 'l.event_id'), after, eb.tuple(occurredAt, id)),
    );
  }
  return query.orderBy('l.occurred_at', order).orderBy('l.event_id', order).limit(page.limit).execute();
};
