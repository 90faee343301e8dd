import type { ColumnType } from 'kysely';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** The vault's own tables (see migration.ts). */
export type PrivacyTables = {
  privacy_subjects: {
    subject_id: string;
    /** The organisation whose events name the subject: only its admins may erase it. */
    organisation_id: string;
    /** Base64 of the data key sealed with the key-encryption key; null once erased. */
    wrapped_key: string | null;
    created_at: Defaulted<Date>;
    erased_at: Date | null;
  };
  privacy_key_check: { id: number; wrapped: string; enrolled_at: Date | null };
};
