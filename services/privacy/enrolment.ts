import { createSecretKey } from 'node:crypto';
import type { Db } from '../db/database';
import type { EventMetadata } from '../eventstore/types';
import { newSubjectKey } from './crypto';
import { type AllPersonalDataDeclarations, ERASED, personalFieldsOf } from './declarations';
import type { PrivacyTables } from './tables';

type StoredEvents = {
  es_events: { position: number; type: string; data: unknown; metadata: EventMetadata };
};

const PAGE = 1000;

/**
 * Events written before the vault keep their personal fields in clear: the log is never rewritten. Their
 * subjects are enrolled once (a key and an organisation each, as if their events had been sealed), so they can be
 * erased like any other: the vault then reads their clear fields as ERASED. Runs once per database, at start;
 * later events are sealed on append and enrol their subjects themselves. The es_events columns are read
 * directly, as stored (the vault's reads would open them).
 */
export const enrolSubjectsWrittenInClear = async (
  db: Db,
  kek: Buffer,
  declarations: AllPersonalDataDeclarations,
): Promise<number> => {
  const privacy = db.withTables<PrivacyTables>();
  const check = await privacy
    .selectFrom('privacy_key_check')
    .select('enrolled_at')
    .where('id', '=', 1)
    .executeTakeFirst();
  if (check?.enrolled_at) return 0;
  const types = Object.keys(declarations).filter(
    (type) => (personalFieldsOf(declarations, type) ?? []).length,
  );
  const kekKey = createSecretKey(kek);
  let enrolled = 0;
  for (let after = 0; types.length > 0; ) {
    const rows = await db
      .withTables<StoredEvents>()
      .selectFrom('es_events')
      .select(['position', 'type', 'data', 'metadata'])
      .where('type', 'in', types)
      .where('position', '>', after)
      .orderBy('position')
      .limit(PAGE)
      .execute();
    const subjects = new Map<string, string>();
    for (const row of rows) {
      const data = row.data as Record<string, unknown>;
      for (const { field, subject } of personalFieldsOf(declarations, row.type) ?? []) {
        if (typeof data[field] === 'string' && data[field] !== ERASED) {
          subjects.set(subject(data), row.metadata.organisationId);
        }
      }
    }
    if (subjects.size > 0) {
      const inserted = await privacy
        .insertInto('privacy_subjects')
        .values(
          [...subjects].map(([subject, organisationId]) => ({
            subject_id: subject,
            organisation_id: organisationId,
            wrapped_key: newSubjectKey(kekKey, subject).stored,
          })),
        )
        .onConflict((conflict) => conflict.column('subject_id').doNothing())
        .returning('subject_id')
        .execute();
      enrolled += inserted.length;
    }
    if (rows.length < PAGE) break;
    after = Number(rows.at(-1)!.position);
  }
  await privacy
    .updateTable('privacy_key_check')
    .set({ enrolled_at: new Date() })
    .where('id', '=', 1)
    .execute();
  return enrolled;
};
