import type { ColumnType } from 'kysely';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** The vault's own tables (see migration.ts). */
export type PrivacyTables = {
  privacy_subjects: {
    subject_id: string;
    /** The organisation whose events name the subject: only its admins may erase it. */
    organisation_id: string;
    /**
     * What finds the data key again with the key-encryption key: `h1:` and the base64 of the salt it is derived
     * from, or (first version) the base64 of the key sealed with it; null once erased.
     */
    wrapped_key: string | null;
    created_at: Defaulted<Date>;
    erased_at: Date | null;
  };
  privacy_key_check: { id: number; wrapped: string; enrolled_at: Date | null };
};
