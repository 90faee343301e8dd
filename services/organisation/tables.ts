import type { ColumnType } from 'kysely';
import type { LogoMediaType } from './events';

/** The organisation slice's own table (see migration.ts): logo bytes stay out of the event log. */
export type OrganisationWriteTables = {
  organisation_logos: {
    /** SHA-256 of the bytes, hex: the same image is kept once. */
    sha256: string;
    media_type: LogoMediaType;
    bytes: Uint8Array;
    size: number;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
};
