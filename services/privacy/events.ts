import { noPersonalData, type PersonalDataDeclarations } from './declarations';

/** Why a subject's data was erased: a closed list, so the erasure record never holds free text about them. */
export const ERASURE_REASONS = ['subject_request', 'retention_expired', 'unlawful_processing'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/**
 * A data subject's personal data was erased: their key is deleted, every field sealed with it reads as ERASED,
 * and read models that copied those fields scrub them. Who erased it is the event's actor; when, its occurredAt.
 */
export type PersonalDataErased = {
  type: 'PersonalDataErased';
  data: { subjectId: string; reason: ErasureReason; erasedBy: string };
};

/** How a subject export is downloaded: machine-readable (portability) or a page to read and print. */
export const EXPORT_FORMATS = ['json', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * An administrator downloaded what is held about one person (one or more subjects). Who is the event's actor and
 * `exportedBy`; when, its occurredAt. Never the address searched nor any value exported: ids and a format.
 */
export type PersonalDataExported = {
  type: 'PersonalDataExported';
  data: { exportId: string; subjectIds: string[]; format: ExportFormat; exportedBy: string };
};

/** What read models of personal data handle: the erasures (they scrub their copies). */
export type PrivacyEvent = PersonalDataErased;
/** Every event the privacy slice writes. */
export type PrivacySliceEvent = PersonalDataErased | PersonalDataExported;
export const privacyEventTypes = [
  'PersonalDataErased',
  'PersonalDataExported',
] as const satisfies PrivacySliceEvent['type'][];

export const privacySubjectStream = (subjectId: string) => `privacysubject-${subjectId}`;
/** One stream per export: exports of the same person never contend. */
export const privacyExportStream = (exportId: string) => `privacyexport-${exportId}`;

/** Ids and a reason code: nobody's data. */
export const privacyPersonalData: PersonalDataDeclarations<PrivacySliceEvent> = {
  PersonalDataErased: noPersonalData,
  PersonalDataExported: noPersonalData,
};
