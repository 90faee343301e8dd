import { sql } from 'kysely';
import type { Db } from '../../services/db/database';
import {
  RETENTION_CATEGORIES,
  RETENTION_DEFAULTS,
  type RetentionCategory,
} from '../../services/retention/events';
import type { RetentionTables } from './tables';

const retention = (db: Db) => db.withTables<RetentionTables>();

/** Each subject's period in months: its organisation's setting, else the category's default. */
const periodMonths = sql<number>`coalesce(r.months, CASE s.category ${sql.join(
  RETENTION_CATEGORIES.map(
    (category) => sql`WHEN ${sql.lit(category)} THEN ${sql.lit(RETENTION_DEFAULTS[category])}`,
  ),
  sql` `,
)} END)`;

/**
 * The instant a subject's period ends: its start plus the period in months, counted on Paris's calendar (a
 * comment left at 10:00 on 15 January is kept until 10:00 on 15 January, whatever the change of hour). Raw SQL:
 * interval arithmetic in a time zone has no Kysely form.
 */
const expiresAt = sql<Date>`((s.starts_at AT TIME ZONE 'Europe/Paris') + make_interval(months => ${periodMonths})) AT TIME ZONE 'Europe/Paris'`;

/** Subjects joined with their organisation's setting for their category. */
const subjectsWithPeriods = (db: Db) =>
  retention(db)
    .selectFrom('retention_subjects as s')
    .leftJoin('retention_settings as r', (join) =>
      join.onRef('r.organisation_id', '=', 's.organisation_id').onRef('r.category', '=', 's.category'),
    );

export interface DueSubject {
  subject_id: string;
  organisation_id: string;
  category: RetentionCategory;
}

/**
 * Subjects whose period has ended at `now` (start + period ≤ now), every organisation's, in subject order after
 * `after` (a sweep pages through them once, whatever the read model shows of its own erasures meanwhile). A
 * subject held in two categories comes once, as soon as one of its periods has ended (with the first such
 * category in the list's order).
 */
export const dueSubjects = (db: Db, now: Date, limit: number, after?: string): Promise<DueSubject[]> => {
  let query = subjectsWithPeriods(db)
    .distinctOn('s.subject_id')
    .select(['s.subject_id', 's.organisation_id', 's.category'])
    .where(sql<boolean>`${expiresAt} <= ${now}`);
  if (after !== undefined) query = query.where('s.subject_id', '>', after);
  return query.orderBy('s.subject_id').orderBy('s.category').limit(limit).execute();
};

export interface RetentionSetting {
  category: RetentionCategory;
  months: number;
  defaultMonths: number;
  isDefault: boolean;
  /** Subjects whose period has ended (the next sweep erases them). */
  dueNow: number;
  /** Subjects whose period ends after now and by `soonUntil`. */
  dueSoon: number;
}

/** An organisation's retention settings, every category, with how many subjects are due now and soon. */
export const retentionSettings = async (
  db: Db,
  organisationId: string,
  now: Date,
  soonUntil: Date,
): Promise<{ revision: number; categories: RetentionSetting[] }> => {
  const rows = await retention(db)
    .selectFrom('retention_settings')
    .select(['category', 'months', 'revision'])
    .where('organisation_id', '=', organisationId)
    .execute();
  const counts = await subjectsWithPeriods(db)
    .select((eb) => [
      's.category',
      eb.fn.countAll<string>().filterWhere(sql<boolean>`${expiresAt} <= ${now}`).as('due_now'),
      eb.fn
        .countAll<string>()
        .filterWhere(sql<boolean>`${expiresAt} > ${now} AND ${expiresAt} <= ${soonUntil}`)
        .as('due_soon'),
    ])
    .where('s.organisation_id', '=', organisationId)
    .groupBy('s.category')
    .execute();
  const set = new Map(rows.map((row) => [row.category, row.months]));
  const due = new Map(counts.map((row) => [row.category, row]));
  return {
    revision: rows.reduce((highest, row) => Math.max(highest, row.revision), -1),
    categories: RETENTION_CATEGORIES.map((category) => ({
      category,
      months: set.get(category) ?? RETENTION_DEFAULTS[category],
      defaultMonths: RETENTION_DEFAULTS[category],
      isDefault: !set.has(category),
      dueNow: Number(due.get(category)?.due_now ?? 0),
      dueSoon: Number(due.get(category)?.due_soon ?? 0),
    })),
  };
};
