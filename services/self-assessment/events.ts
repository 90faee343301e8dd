import { noPersonalData, type PersonalDataDeclarations } from '../privacy/declarations';

/** How the organisation rates itself on an indicator. */
export const SELF_RATINGS = ['conform', 'partly', 'not_yet'] as const;
export type SelfRating = (typeof SELF_RATINGS)[number];

/** What a piece of evidence linked to an indicator is: an uploaded evidence document, or an item of its timeline. */
export const EVIDENCE_LINK_KINDS = ['document', 'evidence_item'] as const;
export type EvidenceLinkKind = (typeof EVIDENCE_LINK_KINDS)[number];

/** A linked piece of evidence: a document id, or the id of the event behind a timeline item. */
export interface EvidenceLinkTarget {
  kind: EvidenceLinkKind;
  id: string;
}

/** Each change of the approach is a new version carrying the whole text (formatted text, see formatted-text.ts). */
export type ApproachWritten = {
  type: 'ApproachWritten';
  data: { indicator: number; version: number; text: string; writtenBy: string };
};
export type SelfAssessmentEvidenceLinked = {
  type: 'SelfAssessmentEvidenceLinked';
  data: { indicator: number; target: EvidenceLinkTarget; linkedBy: string };
};
export type SelfAssessmentEvidenceUnlinked = {
  type: 'SelfAssessmentEvidenceUnlinked';
  data: { indicator: number; target: EvidenceLinkTarget; unlinkedBy: string };
};
export type SelfRated = {
  type: 'SelfRated';
  data: { indicator: number; rating: SelfRating; note: string | null; ratedBy: string };
};

export type SelfAssessmentEvent =
  | ApproachWritten
  | SelfAssessmentEvidenceLinked
  | SelfAssessmentEvidenceUnlinked
  | SelfRated;
export const selfAssessmentEventTypes = [
  'ApproachWritten',
  'SelfAssessmentEvidenceLinked',
  'SelfAssessmentEvidenceUnlinked',
  'SelfRated',
] as const satisfies SelfAssessmentEvent['type'][];

/** One stream per organisation and indicator: its approach, evidence links and rating change together. */
export const selfAssessmentStream = (organisationId: string, indicator: number) =>
  `selfassessment-${organisationId}-${indicator}`;

/**
 * The approach and the rating's note are the organisation's own statement of how it meets an indicator — what it
 * shows the auditor and prints in its preparatory document — written on its behalf, like a document's title: not
 * a person's data. They stay in clear, so erasing the member who typed them leaves the organisation's
 * self-assessment whole (the author stays an id, resolved to a name only while they are a member).
 */
export const selfAssessmentPersonalData: PersonalDataDeclarations<SelfAssessmentEvent> = {
  ApproachWritten: noPersonalData,
  SelfAssessmentEvidenceLinked: noPersonalData,
  SelfAssessmentEvidenceUnlinked: noPersonalData,
  SelfRated: noPersonalData,
};
