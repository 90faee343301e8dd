import { noPersonalData, type PersonalDataDeclarations } from '../privacy/declarations';
import type { TurnoverBand } from './duration';
import type { JourneyKind, QualityLabel } from './reduced-audit';

/** The steps of the journey to the certificate, in the article's order. */
export const JOURNEY_STEPS = [
  'referential_studied',
  'self_assessment_done',
  'certifier_chosen',
  'pre_audit',
  'audit',
  'action_plan_sent',
  'certificate_received',
] as const;
export type JourneyStep = (typeof JOURNEY_STEPS)[number];

/** Steps an organisation may skip: the pre-audit is an option, an action plan follows non-conformities only. */
export const OPTIONAL_STEPS: readonly JourneyStep[] = ['pre_audit', 'action_plan_sent'];

/** Where a step stands as the organisation marked it. */
export const STEP_STATES = ['todo', 'done', 'skipped'] as const;
export type StepState = (typeof STEP_STATES)[number];

export type CertificationJourneyStarted = {
  type: 'CertificationJourneyStarted';
  data: { journeyId: string; kind: JourneyKind; startedOn: string };
};
/** A step marked done (with its Paris day), skipped, or back to do (`on` null). */
export type CertificationStepMarked = {
  type: 'CertificationStepMarked';
  data: { journeyId: string; step: JourneyStep; state: StepState; on: string | null };
};
export type CertifierChosen = {
  type: 'CertifierChosen';
  data: { journeyId: string; name: string; accreditationRef: string | null; chosenOn: string };
};
/** A certifier's quote: amounts in euro cents, before tax. */
export type CertifierQuoteRecorded = {
  type: 'CertifierQuoteRecorded';
  data: {
    journeyId: string;
    quoteId: string;
    certifier: string;
    initialAuditCents: number;
    yearlyFollowUpCents: number;
    receivedOn: string;
  };
};
export type ReducedAuditChosen = {
  type: 'ReducedAuditChosen';
  data: { journeyId: string; reduced: boolean };
};
/** The organisation's turnover band: it sets the audit's duration. */
export type TurnoverBandSet = { type: 'TurnoverBandSet'; data: { band: TurnoverBand } };
/** A quality certification or label the organisation holds, or none (`label` null). */
export type QualityLabelDeclared = { type: 'QualityLabelDeclared'; data: { label: QualityLabel | null } };

export type CertificationEvent =
  | CertificationJourneyStarted
  | CertificationStepMarked
  | CertifierChosen
  | CertifierQuoteRecorded
  | ReducedAuditChosen
  | TurnoverBandSet
  | QualityLabelDeclared;
export const certificationEventTypes = [
  'CertificationJourneyStarted',
  'CertificationStepMarked',
  'CertifierChosen',
  'CertifierQuoteRecorded',
  'ReducedAuditChosen',
  'TurnoverBandSet',
  'QualityLabelDeclared',
] as const satisfies CertificationEvent['type'][];

/** One stream per organisation: its journeys follow one another, decided by one person at a time. */
export const certificationStream = (organisationId: string) => `certification-${organisationId}`;

/** Certifiers, labels, quotes and dates are organisations' facts, nobody's personal data. */
export const certificationPersonalData: PersonalDataDeclarations<CertificationEvent> = {
  CertificationJourneyStarted: noPersonalData,
  CertificationStepMarked: noPersonalData,
  CertifierChosen: noPersonalData,
  CertifierQuoteRecorded: noPersonalData,
  ReducedAuditChosen: noPersonalData,
  TurnoverBandSet: noPersonalData,
  QualityLabelDeclared: noPersonalData,
};
