import type { AccessTables } from '../../services/access/tables';
import type { DueAction } from '../../services/actions/reactor';
import type { Db } from '../../services/db/database';
import type { ActionsTables } from './tables';

/** The open actions due on or before `dueBy` (Paris date) whose owner is an active member, with their address. */
export const dueActions = async (db: Db, dueBy: string): Promise<DueAction[]> => {
  const rows = await db
    .withTables<ActionsTables & AccessTables>()
    .selectFrom('improvement_actions as i')
    .innerJoin('access_accounts as a', (join) =>
      join.onRef('a.user_id', '=', 'i.owner_id').onRef('a.organisation_id', '=', 'i.organisation_id'),
    )
    .select(['i.id', 'i.organisation_id', 'i.due_on', 'a.email'])
    .where('a.disabled_at', 'is', null)
    .where('i.status', 'in', ['planned', 'in_progress'])
    .where('i.due_on', 'is not', null)
    .where('i.due_on', '<=', dueBy)
    .execute();
  return rows.map((row) => ({
    organisationId: row.organisation_id,
    actionId: row.id,
    dueOn: String(row.due_on),
    ownerEmail: row.email,
  }));
};
