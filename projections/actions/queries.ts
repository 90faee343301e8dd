import { sql } from 'kysely';
import type { AccessTables } from '../../services/access/tables';
import type { ActionStatus } from '../../services/actions/decider';
import { ACTION_TYPE_LABELS, type OriginType } from '../../services/actions/events';
import type { Db } from '../../services/db/database';
import { startOfNextParisDay, startOfParisDay } from '../../services/kernel/paris-time';
import { addCalendarDays } from '../../services/kernel/working-days';
import type { CalendarSource } from '../calendar/item';
import type { TeamTables } from '../team/tables';
import type { ActionsTables } from './tables';

const tables = (db: Db) => db.withTables<ActionsTables>();

/** The statuses of an action still on the plan. */
export const OPEN_STATUSES: readonly ActionStatus[] = ['planned', 'in_progress', 'done'];

export interface ActionFilter {
  status?: ActionStatus | null;
  originType?: OriginType | null;
  ownerId?: string | null;
  /** Due on or after this Paris date. */
  dueFrom?: string | null;
  /** Due on or before this Paris date. */
  dueTo?: string | null;
  /** Only the open actions past their due date (`today` is the Paris day of the read). */
  overdue?: boolean | null;
}

/** The most actions one read of the plan answers: a plan is tens of actions, rarely hundreds. */
export const PLAN_LIMIT = 1000;

/** An organisation's improvement actions, by due date (those to schedule first), then newest planned. */
export const listActions = (db: Db, organisationId: string, filter: ActionFilter, today: string) => {
  let query = tables(db)
    .selectFrom('improvement_actions')
    .selectAll()
    .where('organisation_id', '=', organisationId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.originType) {
    query = query.where(sql<boolean>`origins @> ${JSON.stringify([{ type: filter.originType }])}::jsonb`);
  }
  if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.dueFrom) query = query.where('due_on', '>=', filter.dueFrom);
  if (filter.dueTo) query = query.where('due_on', '<=', filter.dueTo);
  if (filter.overdue) {
    query = query.where('status', 'in', ['planned', 'in_progress']).where('due_on', '<', today);
  }
  return query
    .orderBy(sql`due_on ASC NULLS FIRST`)
    .orderBy('planned_at', 'desc')
    .orderBy('id')
    .limit(PLAN_LIMIT)
    .execute();
};

/** One action of the organisation, or undefined (another organisation's is unknown here). */
export const findAction = (db: Db, organisationId: string, actionId: string) =>
  tables(db)
    .selectFrom('improvement_actions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', actionId)
    .executeTakeFirst();

/** The organisation's actions one of whose origins is this record, oldest first. */
export const actionsByOrigin = (db: Db, organisationId: string, type: OriginType, id: string) =>
  tables(db)
    .selectFrom('improvement_actions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where(sql<boolean>`origins @> ${JSON.stringify([{ type, id }])}::jsonb`)
    .orderBy('planned_at')
    .orderBy('id')
    .execute();

/** Every step of the organisation's actions among these, oldest first. */
export const historyOfActions = (db: Db, organisationId: string, actionIds: readonly string[]) =>
  tables(db)
    .selectFrom('improvement_action_history')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('action_id', 'in', actionIds)
    .orderBy('action_id')
    .orderBy('revision')
    .execute();

/** The evidence files of the organisation's actions among these, in the order attached. */
export const filesOfActions = (db: Db, organisationId: string, actionIds: readonly string[]) =>
  tables(db)
    .selectFrom('improvement_action_files')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('action_id', 'in', actionIds)
    .orderBy('attached_at')
    .orderBy('file_id')
    .execute();

/** One evidence file of one of the organisation's actions (for its download), or undefined. */
export const findActionFile = (db: Db, organisationId: string, actionId: string, fileId: string) =>
  tables(db)
    .selectFrom('improvement_action_files')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('action_id', '=', actionId)
    .where('file_id', '=', fileId)
    .executeTakeFirst();

export interface PlanCounters {
  total: number;
  planned: number;
  inProgress: number;
  done: number;
  closed: number;
  cancelled: number;
  /** Open (planned or in progress) and past their due date. */
  overdue: number;
  /** Open and without a due date yet. */
  toSchedule: number;
}

/** The plan's counters: by status, overdue and still to schedule. */
export const planCounters = async (db: Db, organisationId: string, today: string): Promise<PlanCounters> => {
  const rows = await tables(db)
    .selectFrom('improvement_actions')
    .select(['status', 'due_on'])
    .where('organisation_id', '=', organisationId)
    .execute();
  const open = (status: ActionStatus) => status === 'planned' || status === 'in_progress';
  const count = (test: (row: (typeof rows)[number]) => boolean) => rows.filter(test).length;
  return {
    total: rows.length,
    planned: count((row) => row.status === 'planned'),
    inProgress: count((row) => row.status === 'in_progress'),
    done: count((row) => row.status === 'done'),
    closed: count((row) => row.status === 'closed'),
    cancelled: count((row) => row.status === 'cancelled'),
    overdue: count((row) => open(row.status) && row.due_on !== null && row.due_on < today),
    toSchedule: count((row) => open(row.status) && row.due_on === null),
  };
};

export interface BurndownPoint {
  /** The Monday (Paris) the week starts on. */
  weekOf: string;
  /** Actions open at the end of that week (planned by then, neither closed nor cancelled by then). */
  open: number;
}

/** The Monday of the Paris week holding this day. */
export const mondayOf = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addCalendarDays(date, -((day + 6) % 7));
};

/** Open actions at the end of each of the last `weeks` weeks, the current one last (from when each was planned and ended). */
export const burndown = async (
  db: Db,
  organisationId: string,
  today: string,
  weeks = 26,
): Promise<BurndownPoint[]> => {
  const rows = await tables(db)
    .selectFrom('improvement_actions')
    .select(['planned_at', 'ended_at'])
    .where('organisation_id', '=', organisationId)
    .execute();
  const thisMonday = mondayOf(today);
  return Array.from({ length: weeks }, (_, index) => {
    const weekOf = addCalendarDays(thisMonday, -7 * (weeks - 1 - index));
    const end = startOfParisDay(addCalendarDays(weekOf, 7)).getTime();
    const open = rows.filter(
      (row) =>
        new Date(row.planned_at).getTime() < end &&
        (row.ended_at === null || new Date(row.ended_at).getTime() >= end),
    ).length;
    return { weekOf, open };
  });
};

export interface OriginShare {
  total: number;
  fromFeedback: number;
  fromComplaints: number;
}

/** Of the actions planned over a Paris period (inclusive, cancelled ones left out), how many came from feedback and from complaints. */
export const originShare = async (
  db: Db,
  organisationId: string,
  from: string,
  to: string,
): Promise<OriginShare> => {
  const rows = await tables(db)
    .selectFrom('improvement_actions')
    .select(['origins'])
    .where('organisation_id', '=', organisationId)
    .where('status', '<>', 'cancelled')
    .where('planned_at', '>=', startOfParisDay(from))
    .where('planned_at', '<', startOfNextParisDay(to))
    .execute();
  const has = (type: OriginType) =>
    rows.filter((row) => row.origins.some((origin) => origin.type === type)).length;
  return { total: rows.length, fromFeedback: has('feedback'), fromComplaints: has('complaint') };
};

/** An open action with a due date on or before `dueBy`, with its owner's address (for the reminders). */
export interface DueAction {
  organisationId: string;
  actionId: string;
  dueOn: string;
  ownerEmail: string;
}

/** The open actions (planned or in progress) due on or before `dueBy`, whose owner is an active member. */
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
    .where('i.due_on', '<=', dueBy)
    .execute();
  return rows.map((row) => ({
    organisationId: row.organisation_id,
    actionId: row.id,
    dueOn: row.due_on as string,
    ownerEmail: row.email,
  }));
};

/** Each open action's due date on the calendar (indicator 32); the title names the kind of action only. */
export const actionsCalendar: CalendarSource = async (db, organisationId, range, today) => {
  const rows = await tables(db)
    .selectFrom('improvement_actions')
    .select(['id', 'type', 'due_on'])
    .where('organisation_id', '=', organisationId)
    .where('status', 'in', ['planned', 'in_progress'])
    .where('due_on', '>=', range.from)
    .where('due_on', '<=', range.to)
    .orderBy('due_on')
    .execute();
  return rows.map((row) => ({
    id: `actions:action_due:${row.id}`,
    kind: 'action_due',
    date: row.due_on as string,
    title: `Échéance d’une action ${ACTION_TYPE_LABELS[row.type]}`,
    href: `/improvement-actions/${row.id}`,
    indicator: 32,
    overdue: (row.due_on as string) < today,
  }));
};

/** Who may own an action: the active members who may act (auditors only read), by name. */
export const actionOwners = (db: Db, organisationId: string) =>
  db
    .withTables<TeamTables>()
    .selectFrom('team_members')
    .select(['user_id', 'display_name'])
    .where('organisation_id', '=', organisationId)
    .where('active', '=', true)
    .where('role', '<>', 'auditor')
    .orderBy('display_name')
    .orderBy('user_id')
    .execute();
