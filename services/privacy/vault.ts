import { createSecretKey, hkdfSync } from 'node:crypto';
import type { Db } from '../db/database';
import type { NewEvent } from '../eventstore/types';
import { createRecentMap } from '../kernel/recent-map';
import {
  KEY_BYTES,
  newDataKey,
  newSubjectKey,
  openBytes,
  openField,
  outsideLogAssociatedData,
  PersonalDataIntegrityError,
  sealBytes,
  sealField,
  subjectKeyOf,
  unwrapKey,
  WrongKeyEncryptionKeyError,
  wrapKey,
} from './crypto';
import { type AllPersonalDataDeclarations, ERASED, personalFieldsOf } from './declarations';
import type { PrivacyTables } from './tables';

/**
 * How a personal value is stored in an event's data: the subject whose key sealed it and the sealed JSON value.
 * Hash chains over exported events (binders to come) are computed over this stored form, as the raw es_events
 * row holds it (see services/eventstore/vaulted.ts): erasing the key later changes what reads show, never the
 * bytes a binder hashed.
 */
export interface SealedValue {
  $pd: 1;
  /** The subject id. */
  s: string;
  /** Base64 of iv ‖ ciphertext ‖ tag (crypto.ts). */
  v: string;
}

export const isSealedValue = (value: unknown): value is SealedValue =>
  typeof value === 'object' &&
  value !== null &&
  (value as { $pd?: unknown }).$pd === 1 &&
  typeof (value as { s?: unknown }).s === 'string' &&
  typeof (value as { v?: unknown }).v === 'string';

type KeyState = Buffer | 'erased' | 'absent';

/** A new data subject's row of privacy_subjects, as an append writes it alongside its events. */
export type NewSubjectRow = {
  subject_id: string;
  organisation_id: string;
  wrapped_key: string;
};

/** Events sealed for an append that writes their new subjects' keys and holds the others' (`Alongside`). */
export interface SealedAlongside {
  events: NewEvent[];
  /** The keys drawn here for subjects this vault did not know: rows for the append to insert. */
  rows: NewSubjectRow[];
  /** Those rows by subject. */
  rowOf: ReadonlyMap<string, NewSubjectRow>;
  /** Per event, every subject whose key sealed it: new ones (in `rows`) and known ones (to hold). */
  subjects: string[][];
  /** Once an append that carried rows landed: keeps those subjects' keys in memory. */
  confirm(subjects: Iterable<string>): void;
}

/**
 * Where the vault's rows live, for an append that writes or holds them (`Alongside`): a subject's key is live
 * while its wrapped key is not null.
 */
export const SUBJECTS_TABLE = { table: 'privacy_subjects', key: 'subject_id', live: 'wrapped_key' } as const;

export interface VaultOptions {
  /** The key-encryption key (PERSONAL_DATA_KEY). */
  kek: Buffer;
  declarations: AllPersonalDataDeclarations;
  /**
   * How long reads use an unwrapped key from memory before reading it again: the longest time an erasure made by
   * another process can take to show in reads here (in this process it shows at once). Sealing uses any key still
   * remembered, however old: appends hold their keys in their own statement, so none lands under an erased key.
   * Default 30 s.
   */
  keyCacheMs?: number;
  /** Most keys kept in memory; the oldest go first. Default 10,000. */
  maxCachedKeys?: number;
  now?: () => number;
}

/** An event as the vault sees it: its type as stored (the context its fields were sealed in) and its data. */
type Sealable = { type: string; data: unknown };

export interface Vault {
  /**
   * Seals the declared personal fields of events about to be appended (refusing an undeclared event type), without
   * a round trip of its own: a subject this process holds no key for gets a key drawn here, optimistically new,
   * its row answered for the append to write in its own statement; a known subject's key comes from memory, for
   * the append to hold (`Alongside`), so an erasure another process made meanwhile refuses the append rather than
   * letting data in under a deleted key. A refused append is sealed again with `stored`: the subjects' keys read
   * from the database first (one query), and remembered as read.
   */
  sealAlongside(events: readonly NewEvent[], options?: { stored?: boolean }): Promise<SealedAlongside>;
  /**
   * Opens the sealed fields of stored events (one query for the keys the batch lacks, through `executor` so a
   * projection's transaction can use it); erased subjects' fields, sealed or written before the vault, read
   * as ERASED.
   */
  open<E extends Sealable>(executor: Db, events: readonly E[]): Promise<E[]>;
  /**
   * Deletes a subject's key (its sealed values become unreadable for good) and records the erasure, answering
   * the subject's organisation; undefined for a subject the vault never saw.
   */
  erase(subject: string, executor?: Db): Promise<{ organisationId: string } | undefined>;
  /**
   * Seals bytes kept outside the log (an uploaded file, its name) with a subject's key, the subject created as the
   * organisation's when new; `place` (e.g. `file:<id>:bytes`) is bound in, so they open nowhere else. Undefined
   * when the subject is erased already: its data is not to be kept. The key is read from the database, never from
   * memory, through `executor`: in a transaction that then writes the sealed bytes, the subject's row stays locked
   * until it commits, so an erasure made meanwhile (in any process) waits, and one made before is seen.
   */
  sealOutsideLog(
    subject: string,
    organisationId: string,
    place: string,
    bytes: Buffer,
    executor?: Db,
  ): Promise<Buffer | undefined>;
  /** Opens what sealOutsideLog made at the same place; 'erased' once the subject's key is gone (or lost). */
  openOutsideLog(executor: Db, subject: string, place: string, sealed: Buffer): Promise<Buffer | 'erased'>;
  /** The organisation whose events name a subject, or undefined when the vault never saw it. */
  organisationOf(subject: string): Promise<string | undefined>;
  /**
   * A 256-bit key for one purpose (e.g. signing public links), derived from the key-encryption key by HKDF: it
   * never needs storing, and it changes when PERSONAL_DATA_KEY does.
   */
  derivedKey(purpose: string): Buffer;
}

const KEY_CHECK_SUBJECT = '$key-check';

const tables = (db: Db) => db.withTables<PrivacyTables>();

/**
 * Refuses a key-encryption key that is not the one this database's data keys were wrapped with: the first
 * start records a value wrapped with it, later starts must unwrap it.
 */
export const checkKeyEncryptionKey = async (db: Db, kek: Buffer): Promise<void> => {
  await tables(db)
    .insertInto('privacy_key_check')
    .values({ id: 1, wrapped: wrapKey(kek, KEY_CHECK_SUBJECT, newDataKey()) })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  const row = await tables(db)
    .selectFrom('privacy_key_check')
    .select('wrapped')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  unwrapKey(kek, KEY_CHECK_SUBJECT, row.wrapped);
};

/** The vault over the database's privacy tables. Call checkKeyEncryptionKey once at start before using it. */
export const createVault = (db: Db, options: VaultOptions): Vault => {
  const { kek, declarations } = options;
  const kekKey = createSecretKey(kek);
  const ttl = options.keyCacheMs ?? 30_000;
  const maxKeys = options.maxCachedKeys ?? 10_000;
  const now = options.now ?? Date.now;
  type Cached = { state: KeyState; until: number };
  const keys = createRecentMap<string, Cached>(maxKeys);
  const derivedKeys = new Map<string, Buffer>();

  const remember = (subject: string, state: KeyState) =>
    // An erasure is final: no need to read it again.
    keys.set(subject, { state, until: state === 'erased' ? Number.POSITIVE_INFINITY : now() + ttl });
  /** A key to read with: remembered less than keyCacheMs ago (so another process's erasure shows in time). */
  const cached = (subject: string): KeyState | undefined => {
    const entry = keys.get(subject);
    return entry && entry.until > now() ? entry.state : undefined;
  };
  /**
   * A key to seal with: any this process remembers, however long ago it was read. The append holds it in its own
   * statement, so one erased meanwhile (by any process) refuses the append, which is then sealed from the stored
   * keys. Forgetting it after keyCacheMs instead made the subject look new: its key drawn again, the append
   * refused on the existing row and sealed once more, for every known person at once when their keys, read
   * together, ran out together (bench/vault.ts, known people).
   */
  const rememberedForSealing = (subject: string): KeyState | undefined => keys.get(subject)?.state;
  const stateOfRow = (row: { subject_id: string; wrapped_key: string | null }): Buffer | 'erased' =>
    row.wrapped_key === null ? 'erased' : subjectKeyOf(kekKey, row.subject_id, row.wrapped_key);

  /**
   * The stored keys of subjects about to be written, created for new subjects, in one statement through
   * `executor`; the rows stay locked until its transaction ends.
   */
  const keysForWriting = async (
    executor: Db,
    subjects: ReadonlyMap<string, string>,
  ): Promise<Map<string, KeyState>> => {
    const states = new Map<string, KeyState>();
    const missing = [...subjects.keys()];
    // Insert a fresh key, or (a subject already known, erased included) answer the stored row: the no-op update
    // makes RETURNING give the existing row, locked, so it is one round trip either way.
    const rows = await tables(executor)
      .insertInto('privacy_subjects')
      .values(
        missing.map((subject) => ({
          subject_id: subject,
          organisation_id: subjects.get(subject)!,
          wrapped_key: newSubjectKey(kekKey, subject).stored,
        })),
      )
      .onConflict((conflict) =>
        conflict.column('subject_id').doUpdateSet((eb) => ({ subject_id: eb.ref('excluded.subject_id') })),
      )
      .returning(['subject_id', 'wrapped_key'])
      .execute();
    for (const row of rows) {
      const state = stateOfRow(row);
      remember(row.subject_id, state);
      states.set(row.subject_id, state);
    }
    return states;
  };

  /**
   * The stored keys of these subjects, remembered as read; a subject without a row is left out (and not
   * remembered: another process may create it at any moment).
   */
  const storedKeys = async (executor: Db, subjects: readonly string[]) => {
    const rows = await tables(executor)
      .selectFrom('privacy_subjects')
      .select(['subject_id', 'wrapped_key'])
      .where('subject_id', 'in', subjects)
      .execute();
    const states = new Map<string, Buffer | 'erased'>();
    for (const row of rows) {
      const state = stateOfRow(row);
      states.set(row.subject_id, state);
      remember(row.subject_id, state);
    }
    return states;
  };

  /** The keys of subjects about to be read: absent ones (never sealed, or a lost key) read as not erased. */
  const keysForReading = async (executor: Db, subjects: ReadonlySet<string>) => {
    const states = new Map<string, KeyState>();
    const missing: string[] = [];
    for (const subject of subjects) {
      const state = cached(subject);
      if (state === undefined) missing.push(subject);
      else states.set(subject, state);
    }
    if (missing.length === 0) return states;
    const read = await storedKeys(executor, missing);
    for (const subject of missing) states.set(subject, read.get(subject) ?? 'absent');
    return states;
  };

  /** Which declared personal fields each event fills, and whose they are (with their organisation). */
  const planOf = (events: readonly NewEvent[]) => {
    const plans = events.map((event) => {
      const fields = personalFieldsOf(declarations, event.type);
      if (!fields) {
        throw new Error(
          `Event type ${event.type} has no personal-data declaration: declare its personal fields, or that it has none`,
        );
      }
      const data = event.data as Record<string, unknown>;
      return fields
        .filter(({ field }) => data[field] !== null && data[field] !== undefined)
        .map(({ field, subject }) => ({ field, subject: subject(data) }));
    });
    const subjects = new Map<string, string>();
    plans.forEach((plan, index) => {
      for (const { subject } of plan) subjects.set(subject, events[index]!.metadata.organisationId);
    });
    return { plans, subjects };
  };

  const sealWith = (
    events: readonly NewEvent[],
    plans: ReturnType<typeof planOf>['plans'],
    keys: ReadonlyMap<string, KeyState>,
  ): NewEvent[] =>
    events.map((event, index) => {
      const plan = plans[index]!;
      if (plan.length === 0) return event;
      const data = { ...(event.data as Record<string, unknown>) };
      for (const { field, subject } of plan) {
        const key = keys.get(subject);
        // A subject erased before this append: its data never enters the log.
        data[field] =
          key instanceof Buffer
            ? ({
                $pd: 1,
                s: subject,
                v: sealField(key, { eventType: event.type, field, subject }, data[field]),
              } satisfies SealedValue)
            : ERASED;
      }
      return { ...event, data };
    });

  return {
    async sealAlongside(events, { stored = false } = {}) {
      const { plans, subjects } = planOf(events);
      const drawn = new Map<string, Buffer>();
      const rows: NewSubjectRow[] = [];
      const rowOf = new Map<string, NewSubjectRow>();
      const read = stored && subjects.size > 0 ? await storedKeys(db, [...subjects.keys()]) : undefined;
      const keys = new Map<string, KeyState>();
      for (const [subject, organisationId] of subjects) {
        const known = read ? read.get(subject) : rememberedForSealing(subject);
        if (known !== undefined) {
          keys.set(subject, known);
          continue;
        }
        const { key, stored: keyRow } = newSubjectKey(kekKey, subject);
        drawn.set(subject, key);
        keys.set(subject, key);
        const row = { subject_id: subject, organisation_id: organisationId, wrapped_key: keyRow };
        rows.push(row);
        rowOf.set(subject, row);
      }
      return {
        events: subjects.size === 0 ? [...events] : sealWith(events, plans, keys),
        rows,
        rowOf,
        // An erased subject's fields are the marker: the append needs no key of theirs.
        subjects: plans.map((plan) => [
          ...new Set(plan.map(({ subject }) => subject).filter((id) => keys.get(id) instanceof Buffer)),
        ]),
        confirm(confirmed) {
          for (const subject of confirmed) {
            const key = drawn.get(subject);
            if (key) remember(subject, key);
          }
        },
      };
    },

    async open(executor, events) {
      // Sealed values are found wherever they sit at the top of the data (a declaration may change later);
      // clear values of declared fields were written before the vault and read as ERASED once their subject is.
      const subjects = new Set<string>();
      const legacy = events.map((event) => {
        const data = event.data as Record<string, unknown> | null;
        if (typeof data !== 'object' || data === null) return [];
        for (const value of Object.values(data)) if (isSealedValue(value)) subjects.add(value.s);
        const fields = personalFieldsOf(declarations, event.type) ?? [];
        return fields
          .filter(({ field }) => typeof data[field] === 'string' && data[field] !== ERASED)
          .map(({ field, subject }) => {
            const id = subject(data);
            subjects.add(id);
            return { field, subject: id };
          });
      });
      if (subjects.size === 0) return [...events];
      const keys = await keysForReading(executor, subjects);
      return events.map((event, index) => {
        const stored = event.data as Record<string, unknown> | null;
        if (typeof stored !== 'object' || stored === null) return event;
        let data: Record<string, unknown> | undefined;
        for (const [field, value] of Object.entries(stored)) {
          if (!isSealedValue(value)) continue;
          data ??= { ...stored };
          const key = keys.get(value.s);
          // No key: erased, or lost with the key table; either way the value cannot be read.
          data[field] =
            key instanceof Buffer
              ? openSealed(key, { eventType: event.type, field, subject: value.s }, value.v)
              : ERASED;
        }
        for (const { field, subject } of legacy[index]!) {
          if (keys.get(subject) !== 'erased') continue;
          data ??= { ...stored };
          data[field] = ERASED;
        }
        return data ? { ...event, data } : event;
      });
    },

    async erase(subject, executor = db) {
      const row = await tables(executor)
        .updateTable('privacy_subjects')
        .set((eb) => ({
          wrapped_key: null,
          erased_at: eb.fn.coalesce('erased_at', eb.val(new Date())),
        }))
        .where('subject_id', '=', subject)
        .returning('organisation_id')
        .executeTakeFirst();
      if (!row) return undefined;
      remember(subject, 'erased');
      return { organisationId: row.organisation_id };
    },

    async sealOutsideLog(subject, organisationId, place, bytes, executor = db) {
      const key = (await keysForWriting(executor, new Map([[subject, organisationId]]))).get(subject);
      return key instanceof Buffer
        ? sealBytes(key, outsideLogAssociatedData(subject, place), bytes)
        : undefined;
    },

    async openOutsideLog(executor, subject, place, sealed) {
      const key = (await keysForReading(executor, new Set([subject]))).get(subject);
      if (!(key instanceof Buffer)) return 'erased';
      try {
        return openBytes(key, outsideLogAssociatedData(subject, place), sealed);
      } catch (error) {
        if (error instanceof PersonalDataIntegrityError) {
          throw new PersonalDataIntegrityError(`Sealed ${place} (subject ${subject}) failed authentication`);
        }
        throw error;
      }
    },

    derivedKey(purpose) {
      let key = derivedKeys.get(purpose);
      if (!key) {
        key = Buffer.from(
          hkdfSync('sha256', kek, Buffer.alloc(0), `qualiopi-evidence:${purpose}`, KEY_BYTES),
        );
        derivedKeys.set(purpose, key);
      }
      return key;
    },

    async organisationOf(subject) {
      const row = await tables(db)
        .selectFrom('privacy_subjects')
        .select('organisation_id')
        .where('subject_id', '=', subject)
        .executeTakeFirst();
      return row?.organisation_id;
    },
  };
};

const openSealed = (key: Buffer, context: Parameters<typeof openField>[1], sealed: string) => {
  try {
    return openField(key, context, sealed);
  } catch (error) {
    if (error instanceof PersonalDataIntegrityError) {
      // Names where, never what: the value itself stays out of messages and logs.
      throw new PersonalDataIntegrityError(
        `Personal field ${context.field} of a ${context.eventType} event (subject ${context.subject}) failed authentication`,
      );
    }
    throw error;
  }
};

export { PersonalDataIntegrityError, WrongKeyEncryptionKeyError };
