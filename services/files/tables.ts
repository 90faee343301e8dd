import type { ColumnType } from 'kysely';
import type { FileMediaType } from './sniff';

/** The files port's table (see migration.ts): uploaded bytes stay out of the event log. */
export type FilesTables = {
  files: {
    id: string;
    organisation_id: string;
    media_type: FileMediaType;
    size: number;
    /** SHA-256 of the plain bytes, hex; null once the file's subject is erased. */
    sha256: string | null;
    /** The data subject whose key sealed the name and bytes; null for an organisation's own document. */
    subject_id: string | null;
    /** The sanitised name: plain, or base64 of its sealed form when the file is personal; null once erased. */
    name: string | null;
    /** The plain bytes, or iv ‖ ciphertext ‖ tag when the file is personal; empty once erased. */
    bytes: Uint8Array;
    created_at: ColumnType<Date, Date | undefined, never>;
    erased_at: Date | null;
  };
};
