import type { Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../../services/db/columns';

export type DocumentsTables = {
  /** One row per document: its current version, and its withdrawal once withdrawn. */
  evidence_documents: {
    id: string;
    organisation_id: string;
    title: string;
    dated_on: CalendarDate;
    version: number;
    indicators: number[];
    note: string | null;
    /** Who added the current version (its note's personal-data subject). */
    added_by: string | null;
    file_id: string;
    file_name: string;
    media_type: string;
    size: number;
    sha256: string;
    created_at: Timestamp;
    updated_at: Timestamp;
    withdrawn: boolean;
    withdrawn_on: CalendarDate | null;
    withdrawn_reason: string | null;
    withdrawn_by: string | null;
    /** The log position of the withdrawal: the binder as of an earlier position still holds the document. */
    withdrawn_position: number | null;
    /** The document stream's revision, for If-Match. */
    revision: number;
  };
  /** Every version of every document, with its file and the log position that added it. */
  evidence_document_versions: {
    document_id: string;
    version: number;
    organisation_id: string;
    title: string;
    dated_on: CalendarDate;
    indicators: number[];
    note: string | null;
    added_by: string | null;
    added_at: Timestamp;
    file_id: string;
    file_name: string;
    media_type: string;
    size: number;
    sha256: string;
    position: number;
  };
};

export type EvidenceDocumentRow = Selectable<DocumentsTables['evidence_documents']>;
export type EvidenceDocumentVersionRow = Selectable<DocumentsTables['evidence_document_versions']>;
