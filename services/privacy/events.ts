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

export type PrivacyEvent = PersonalDataErased;
export const privacyEventTypes = ['PersonalDataErased'] as const satisfies PrivacyEvent['type'][];

export const privacySubjectStream = (subjectId: string) => `privacysubject-${subjectId}`;

/** Ids and a reason code: nobody's data. */
export const privacyPersonalData: PersonalDataDeclarations<PrivacyEvent> = {
  PersonalDataErased: noPersonalData,
};
