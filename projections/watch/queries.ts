import type { Db } from '../../services/db/database';
import { addCalendarDays } from '../../services/kernel/working-days';
import {
  needsCommunication,
  THEME_INDICATORS,
  WATCH_THEMES,
  type WatchTheme,
} from '../../services/watch/events';
import { communicationMissing, exploitDueOn, notExploited } from '../../services/watch/exploitation';
import { DEFAULT_WATCH_SETTINGS, type WatchSettings } from '../../services/watch/settings';
import type { CalendarSource } from '../calendar/item';
import { likePattern } from '../like';
import type { WatchNoteRow, WatchTables } from './tables';

const tables = (db: Db) => db.withTables<WatchTables>();

export const WATCH_STATUSES = ['to_analyse', 'analysed', 'archived'] as const;
export type WatchStatus = (typeof WATCH_STATUSES)[number];

/** The most notes one register read answers. */
export const MAX_REGISTER_ROWS = 1000;

/** The organisation's delay: its own setting, or the default. */
export const watchSettings = async (db: Db, organisationId: string): Promise<WatchSettings> => {
  const row = await tables(db)
    .selectFrom('watch_settings')
    .select('exploit_within_days')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row ? { exploitWithinDays: row.exploit_within_days } : DEFAULT_WATCH_SETTINGS;
};

/** The revision of the organisation's watch settings, to send as If-Match; -1 while it has set none. */
export const watchSettingsRevision = async (db: Db, organisationId: string): Promise<number> => {
  const row = await tables(db)
    .selectFrom('watch_settings')
    .select('revision')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row ? Number(row.revision) : -1;
};

export const statusOf = (row: WatchNoteRow): WatchStatus =>
  row.archived ? 'archived' : row.analysed_on ? 'analysed' : 'to_analyse';

/** A note's flags on `today` under the organisation's delay. */
export const flagsOf = (row: WatchNoteRow, settings: WatchSettings, today: string) => ({
  dueOn: exploitDueOn(row.recorded_on, settings.exploitWithinDays),
  notExploited: notExploited(row.recorded_on, row.analysed_on, settings.exploitWithinDays, today),
  communicationMissing: communicationMissing(
    needsCommunication(row.theme),
    row.analysed_on,
    row.communications,
  ),
  indicators: THEME_INDICATORS[row.theme],
});

export interface WatchNoteFilter {
  theme?: WatchTheme | null;
  status?: WatchStatus | null;
  notExploited?: boolean | null;
  /** Notes recorded on or after / on or before these Paris days. */
  from?: string | null;
  to?: string | null;
  /** Words in the title, the source or the summary. */
  search?: string | null;
}

/** An organisation's notes under a filter, newest recorded first. */
export const listWatchNotes = async (
  db: Db,
  organisationId: string,
  filter: WatchNoteFilter,
  today: string,
) => {
  let query = tables(db).selectFrom('watch_notes').selectAll().where('organisation_id', '=', organisationId);
  if (filter.theme) query = query.where('theme', '=', filter.theme);
  if (filter.status === 'archived') query = query.where('archived', '=', true);
  if (filter.status === 'analysed')
    query = query.where('archived', '=', false).where('analysed_on', 'is not', null);
  if (filter.status === 'to_analyse') query = query.where('analysed_on', 'is', null);
  if (filter.from) query = query.where('recorded_on', '>=', filter.from);
  if (filter.to) query = query.where('recorded_on', '<=', filter.to);
  if (filter.notExploited !== undefined && filter.notExploited !== null) {
    // notExploited ⇔ unanalysed and recorded before today minus the delay (see services/watch/exploitation.ts).
    const { exploitWithinDays } = await watchSettings(db, organisationId);
    const cutoff = addCalendarDays(today, -exploitWithinDays);
    query = filter.notExploited
      ? query.where('analysed_on', 'is', null).where('recorded_on', '<', cutoff)
      : query.where((eb) => eb.or([eb('analysed_on', 'is not', null), eb('recorded_on', '>=', cutoff)]));
  }
  const words = filter.search?.trim();
  if (words) {
    const pattern = likePattern(words);
    query = query.where((eb) =>
      eb.or([
        eb('title', 'ilike', pattern),
        eb('source_name', 'ilike', pattern),
        eb('summary', 'ilike', pattern),
      ]),
    );
  }
  return query.orderBy('recorded_at', 'desc').orderBy('id', 'desc').limit(MAX_REGISTER_ROWS).execute();
};

/** Counters per theme: all notes, those not exploited, those missing their communication. */
export const watchCounters = async (db: Db, organisationId: string, today: string) => {
  const settings = await watchSettings(db, organisationId);
  const rows = await tables(db)
    .selectFrom('watch_notes')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .execute();
  return WATCH_THEMES.map((theme) => {
    const ofTheme = rows.filter((row) => row.theme === theme);
    const flags = ofTheme.map((row) => flagsOf(row, settings, today));
    return {
      theme,
      total: ofTheme.length,
      toAnalyse: ofTheme.filter((row) => row.analysed_on === null).length,
      notExploited: flags.filter((flag) => flag.notExploited).length,
      communicationMissing: flags.filter((flag) => flag.communicationMissing).length,
    };
  });
};

/** One note of the organisation, or undefined (another organisation's is unknown here). */
export const findWatchNote = (db: Db, organisationId: string, noteId: string) =>
  tables(db)
    .selectFrom('watch_notes')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', noteId)
    .executeTakeFirst();

/** The steps of the organisation's notes among these, oldest first. */
export const stepsOfWatchNotes = (db: Db, organisationId: string, noteIds: readonly string[]) =>
  noteIds.length === 0
    ? Promise.resolve([])
    : tables(db)
        .selectFrom('watch_note_steps')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('note_id', 'in', [...noteIds])
        .orderBy('note_id')
        .orderBy('revision')
        .execute();

/** The improvement actions asked for from the organisation's notes among these, oldest first. */
export const improvementsOfWatchNotes = (db: Db, organisationId: string, noteIds: readonly string[]) =>
  noteIds.length === 0
    ? Promise.resolve([])
    : tables(db)
        .selectFrom('watch_note_improvements')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('note_id', 'in', [...noteIds])
        .orderBy('requested_at')
        .orderBy('request_id')
        .execute();

/** Each note not yet analysed, on the day its delay runs out. */
export const watchCalendar: CalendarSource = async (db, organisationId, range, today) => {
  const settings = await watchSettings(db, organisationId);
  const rows = await tables(db)
    .selectFrom('watch_notes')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('analysed_on', 'is', null)
    .where('recorded_on', '>=', addCalendarDays(range.from, -settings.exploitWithinDays))
    .where('recorded_on', '<=', addCalendarDays(range.to, -settings.exploitWithinDays))
    .orderBy('recorded_on')
    .orderBy('id')
    .execute();
  return rows.map((row) => {
    const flags = flagsOf(row, settings, today);
    return {
      id: `watch:watch_note_to_exploit:${row.id}`,
      kind: 'watch_note_to_exploit',
      date: flags.dueOn,
      title: `Note de veille à exploiter : ${row.title}`,
      href: `/watch/${row.id}`,
      indicator: flags.indicators[0],
      overdue: flags.notExploited,
    };
  });
};
