import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import { type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/** A version's file, stored through the files port (checked by content): the log names it, never holds it. */
export interface DocumentFile {
  fileId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** What one version of a document says about itself. */
export interface DocumentContent {
  /** "Livret d’accueil", "Plan de développement des compétences 2027": names a document, not a person. */
  title: string;
  /** The Paris day the document is dated, YYYY-MM-DD. */
  on: string;
  /** The RNQ indicators it supports, ascending, each once. */
  indicators: number[];
  note: string | null;
}

/** One version: its number (the organisation's own numbering, increasing), what it says and its file. */
export type DocumentVersion = DocumentContent & {
  documentId: string;
  version: number;
  file: DocumentFile;
  addedBy: string;
};

export type EvidenceDocumentAdded = { type: 'EvidenceDocumentAdded'; data: DocumentVersion };
/** A new version replaces the current one; the earlier versions stay in the history with their files. */
export type EvidenceDocumentVersionAdded = { type: 'EvidenceDocumentVersionAdded'; data: DocumentVersion };
/** Withdrawn: no longer current, kept in the history (an auditor may still ask what was in force then). */
export type EvidenceDocumentWithdrawn = {
  type: 'EvidenceDocumentWithdrawn';
  data: { documentId: string; reason: string; withdrawnOn: string; withdrawnBy: string };
};

export type EvidenceDocumentEvent =
  | EvidenceDocumentAdded
  | EvidenceDocumentVersionAdded
  | EvidenceDocumentWithdrawn;
export const evidenceDocumentEventTypes = [
  'EvidenceDocumentAdded',
  'EvidenceDocumentVersionAdded',
  'EvidenceDocumentWithdrawn',
] as const satisfies EvidenceDocumentEvent['type'][];

/** One stream per document: its versions and its withdrawal, changed by one person at a time. */
export const evidenceDocumentStream = (documentId: string) => `evidencedocument-${documentId}`;

const versionEvidence = {
  indicators: (data: DocumentVersion) => data.indicators,
  kind: 'evidence_document',
  title: (data: DocumentVersion) =>
    `Document « ${data.title} », version ${data.version} — ${frenchDate(data.on)}`,
  summary: (data: DocumentVersion) => data.note ?? undefined,
  source: (data: DocumentVersion) => ({ type: 'evidence_document', id: data.documentId }),
};

/** Each version is on the timeline of each indicator it supports, under the document's title and date. */
export const evidenceDocumentEvidence: EvidenceDeclarations<EvidenceDocumentEvent> = {
  EvidenceDocumentAdded: versionEvidence,
  EvidenceDocumentVersionAdded: versionEvidence,
};

const author =
  <Key extends string>(key: Key) =>
  (data: Record<Key, string>) =>
    subjectId('user', data[key]);

/**
 * A version's note and a withdrawal's reason are free text typed by a member: personal, sealed with their
 * author. The title and the file's name name the organisation's document, not a person.
 */
export const evidenceDocumentPersonalData: PersonalDataDeclarations<EvidenceDocumentEvent> = {
  EvidenceDocumentAdded: [{ field: 'note', subject: author('addedBy') }],
  EvidenceDocumentVersionAdded: [{ field: 'note', subject: author('addedBy') }],
  EvidenceDocumentWithdrawn: [{ field: 'reason', subject: author('withdrawnBy') }],
};
