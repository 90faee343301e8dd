import type { Db } from '../db/database';
import type { SubjectEventRef } from '../read-ports';
import type { OutsideLogRecords } from '../slice';
import {
  type AllPersonalDataDeclarations,
  personalFieldsOf,
  SUBJECT_KINDS,
  type SubjectKind,
} from './declarations';
import { isSealedValue, type Vault } from './vault';

/** One event naming the subject, as exported: its place and date, the subject's own values, the rest's ids. */
export interface ExportedEvent {
  position: number;
  type: string;
  occurredAt: string;
  streamId: string;
  /** The subject's personal fields in clear, or the ERASED marker once they are erased. */
  personalData: Record<string, unknown>;
  /** The event's other (non-personal) fields: ids, codes, dates. Nobody else's personal values. */
  details: Record<string, unknown>;
}

export interface ExportedSubject {
  subjectId: string;
  kind: SubjectKind;
  erased: boolean;
  events: ExportedEvent[];
  /** What slices keep outside the log about the subject, by `<slice>.<table>`. */
  outsideLog: OutsideLogRecords;
}

/** A subject access export (JSON form; the HTML page renders the same). */
export interface SubjectExport {
  format: 'qualiopi-evidence.subject-export';
  version: 1;
  exportedAt: string;
  organisation: { id: string; name: string | null };
  subjects: ExportedSubject[];
}

type StoredEvents = {
  es_events: { position: number | string; stream_id: string; type: string; data: unknown };
};

export const kindOf = (subjectId: string): SubjectKind => {
  const kind = subjectId.slice(0, subjectId.indexOf(':'));
  return (SUBJECT_KINDS as readonly string[]).includes(kind) ? (kind as SubjectKind) : 'contact';
};

/** What the privacy slice's own events say about a subject: a code, never the other subjects or the actor. */
const privacyDetails: Record<string, (data: Record<string, unknown>) => Record<string, unknown>> = {
  PersonalDataErased: (data) => ({ reason: data.reason }),
  PersonalDataExported: (data) => ({ format: data.format }),
};

/**
 * Splits one opened event into the subject's own personal values and its non-personal fields. A field that is
 * personal for another subject (declared, or sealed with another's key) is left out: a shared event exports only
 * this subject's part of it.
 */
export const subjectPart = (
  declarations: AllPersonalDataDeclarations,
  subject: string,
  event: { type: string; stored: Record<string, unknown>; opened: Record<string, unknown> },
): { personalData: Record<string, unknown>; details: Record<string, unknown> } => {
  const only = privacyDetails[event.type];
  if (only) return { personalData: {}, details: only(event.opened) };
  const declared = new Map(
    (personalFieldsOf(declarations, event.type) ?? []).map(({ field, subject: of }) => [
      field,
      of(event.opened),
    ]),
  );
  const personalData: Record<string, unknown> = {};
  const details: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(event.opened)) {
    const raw = event.stored[field];
    const owner = isSealedValue(raw) ? raw.s : declared.get(field);
    if (owner === undefined) details[field] = value;
    else if (owner === subject) personalData[field] = value;
  }
  return { personalData, details };
};

/**
 * Builds the export of some subjects of one organisation: every event naming them (found through subject
 * access's index, read from the log as stored and opened by the vault: erased values read as ERASED) and what the
 * slices keep outside the log. The caller has checked the subjects are the organisation's.
 */
export const buildSubjectExport = async (input: {
  db: Db;
  vault: Vault;
  declarations: AllPersonalDataDeclarations;
  organisation: { id: string; name: string | null };
  subjectIds: readonly string[];
  refs: readonly SubjectEventRef[];
  erased: ReadonlySet<string>;
  exportOutsideLog(subjectId: string): Promise<OutsideLogRecords>;
  now: Date;
}): Promise<SubjectExport> => {
  const { db, vault, declarations, refs } = input;
  const positions = [...new Set(refs.map((ref) => ref.position))];
  const rows =
    positions.length === 0
      ? []
      : await db
          .withTables<StoredEvents>()
          .selectFrom('es_events')
          .select(['position', 'stream_id', 'type', 'data'])
          .where('position', 'in', positions)
          .execute();
  const opened = await vault.open(db, rows);
  const byPosition = new Map(
    rows.map((row, index) => [Number(row.position), { stored: row, opened: opened[index]! }]),
  );
  const subjects: ExportedSubject[] = [];
  for (const subjectId of input.subjectIds) {
    const events: ExportedEvent[] = [];
    for (const ref of refs) {
      if (ref.subject_id !== subjectId) continue;
      const found = byPosition.get(ref.position);
      if (!found) continue;
      const part = subjectPart(declarations, subjectId, {
        type: found.stored.type,
        stored: (found.stored.data ?? {}) as Record<string, unknown>,
        opened: (found.opened.data ?? {}) as Record<string, unknown>,
      });
      events.push({
        position: ref.position,
        type: ref.type,
        occurredAt: new Date(ref.occurred_at).toISOString(),
        streamId: ref.stream_id,
        ...part,
      });
    }
    subjects.push({
      subjectId,
      kind: kindOf(subjectId),
      erased: input.erased.has(subjectId),
      events,
      outsideLog: await input.exportOutsideLog(subjectId),
    });
  }
  return {
    format: 'qualiopi-evidence.subject-export',
    version: 1,
    exportedAt: input.now.toISOString(),
    organisation: input.organisation,
    subjects,
  };
};
