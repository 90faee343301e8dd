/**
 * GraphQL documents typed from `schema/schema.graphql`: `graphql()` parses a document's text in the type system
 * against the introspection generated in `../graphql-env.d.ts` (`npx gql.tada generate-output`), so a field or
 * an enum value the server does not have is a compile error, and results need no hand-written interfaces.
 */
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from '../graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    /** A calendar date in Europe/Paris, `YYYY-MM-DD`. */
    Date: string;
    /** An instant, ISO 8601 in UTC. */
    DateTime: string;
  };
}>();

export type { FragmentOf, ResultOf, TadaDocumentNode } from 'gql.tada';
export { readFragment } from 'gql.tada';

/** The TypeScript union of a GraphQL enum of the schema (`EnumOf<'Audience'>` is `'company' | 'funder' | …`). */
type EnumOf<
  Name extends
    | 'ActionCategory'
    | 'Audience'
    | 'FeedbackLinkStatus'
    | 'Role'
    | 'QuestionKind'
    | 'QuestionPurpose'
    | 'QuestionnaireTemplateKey'
    | 'PartnerGroup'
    | 'ContactKind'
    | 'ContactRemovalReason'
    | 'ResultsFreshness'
    | 'ResultsSnapshotStatus'
    | 'IncidentKind'
    | 'IncidentCategory'
    | 'IncidentSeverity'
    | 'IncidentStatus'
    | 'IncidentStepKind'
    | 'ComplaintStatus'
    | 'ComplaintChannel'
    | 'ComplainantGroup'
    | 'ComplaintOutcome'
    | 'ComplaintStepKind'
    | 'ComplaintDeadlineState'
    | 'HolidayCalendar'
    | 'CycleAuditKind'
    | 'AuditStatus'
    | 'AuditCancelReason'
    | 'NonConformityGrade'
    | 'DeadlineState'
    | 'NonConformityWarningCode'
    | 'ImprovementActionStatus'
    | 'ImprovementActionType'
    | 'ImprovementActionPriority'
    | 'ImprovementActionOriginType'
    | 'ImprovementActionStepKind'
    | 'ImprovementActionCancelReason'
    | 'EffectivenessOutcome'
    | 'WatchTheme'
    | 'WatchImpact'
    | 'WatchStatus'
    | 'WatchChannel'
    | 'WatchStepKind'
    | 'DisabilityPartnerKind'
    | 'BinderExportStatus'
    | 'AuditorLinkStatus'
    | 'AuditorAccessKind'
    | 'CertificationJourneyKind'
    | 'CertificationJourneyStep'
    | 'CertificationStepState'
    | 'TurnoverBand'
    | 'MockAuditFindingGrade'
    | 'MockAuditStatus'
    | 'SelfRating'
    | 'SelfAssessmentEvidenceKind',
> = ReturnType<typeof graphql.scalar<Name>>;

export type ActionCategory = EnumOf<'ActionCategory'>;
export type Audience = EnumOf<'Audience'>;
export type FeedbackLinkStatus = EnumOf<'FeedbackLinkStatus'>;
export type Role = EnumOf<'Role'>;
export type QuestionKind = EnumOf<'QuestionKind'>;
export type QuestionPurpose = EnumOf<'QuestionPurpose'>;
export type QuestionnaireTemplateKey = EnumOf<'QuestionnaireTemplateKey'>;
export type PartnerGroup = EnumOf<'PartnerGroup'>;
export type ContactKind = EnumOf<'ContactKind'>;
export type ContactRemovalReason = EnumOf<'ContactRemovalReason'>;
export type ResultsFreshness = EnumOf<'ResultsFreshness'>;
export type IncidentKind = EnumOf<'IncidentKind'>;
export type IncidentCategory = EnumOf<'IncidentCategory'>;
export type IncidentSeverity = EnumOf<'IncidentSeverity'>;
export type IncidentStatus = EnumOf<'IncidentStatus'>;
export type IncidentStepKind = EnumOf<'IncidentStepKind'>;
export type ResultsSnapshotStatus = EnumOf<'ResultsSnapshotStatus'>;
export type ImprovementActionStatus = EnumOf<'ImprovementActionStatus'>;
export type ImprovementActionType = EnumOf<'ImprovementActionType'>;
export type ImprovementActionPriority = EnumOf<'ImprovementActionPriority'>;
export type ImprovementActionOriginType = EnumOf<'ImprovementActionOriginType'>;
export type ImprovementActionStepKind = EnumOf<'ImprovementActionStepKind'>;
export type ImprovementActionCancelReason = EnumOf<'ImprovementActionCancelReason'>;
export type EffectivenessOutcome = EnumOf<'EffectivenessOutcome'>;
export type ComplaintStatus = EnumOf<'ComplaintStatus'>;
export type ComplaintChannel = EnumOf<'ComplaintChannel'>;
export type ComplainantGroup = EnumOf<'ComplainantGroup'>;
export type ComplaintOutcome = EnumOf<'ComplaintOutcome'>;
export type ComplaintStepKind = EnumOf<'ComplaintStepKind'>;
export type ComplaintDeadlineState = EnumOf<'ComplaintDeadlineState'>;
export type HolidayCalendar = EnumOf<'HolidayCalendar'>;
export type CycleAuditKind = EnumOf<'CycleAuditKind'>;
export type AuditStatus = EnumOf<'AuditStatus'>;
export type AuditCancelReason = EnumOf<'AuditCancelReason'>;
export type NonConformityGrade = EnumOf<'NonConformityGrade'>;
export type DeadlineState = EnumOf<'DeadlineState'>;
export type NonConformityWarningCode = EnumOf<'NonConformityWarningCode'>;
export type WatchTheme = EnumOf<'WatchTheme'>;
export type WatchImpact = EnumOf<'WatchImpact'>;
export type WatchStatus = EnumOf<'WatchStatus'>;
export type WatchChannel = EnumOf<'WatchChannel'>;
export type WatchStepKind = EnumOf<'WatchStepKind'>;
export type DisabilityPartnerKind = EnumOf<'DisabilityPartnerKind'>;
export type BinderExportStatus = EnumOf<'BinderExportStatus'>;
export type AuditorLinkStatus = EnumOf<'AuditorLinkStatus'>;
export type AuditorAccessKind = EnumOf<'AuditorAccessKind'>;
export type CertificationJourneyKind = EnumOf<'CertificationJourneyKind'>;
export type CertificationJourneyStep = EnumOf<'CertificationJourneyStep'>;
export type CertificationStepState = EnumOf<'CertificationStepState'>;
export type TurnoverBand = EnumOf<'TurnoverBand'>;
export type MockAuditFindingGrade = EnumOf<'MockAuditFindingGrade'>;
export type MockAuditStatus = EnumOf<'MockAuditStatus'>;
export type SelfRating = EnumOf<'SelfRating'>;
export type SelfAssessmentEvidenceKind = EnumOf<'SelfAssessmentEvidenceKind'>;

/**
 * The values of a schema enum, in the order of a record that names each of them (its labels): a value the server
 * adds or drops makes that record, and so the build, fail until the web app handles it.
 */
export const enumValues = <Value extends string>(labels: Record<Value, unknown>): Value[] =>
  Object.keys(labels) as Value[];

/** The value of an enum a form control holds (its options being the enum's values), if it is one. */
export const enumValue = <Value extends string>(values: readonly Value[], raw: string): Value | undefined =>
  values.find((value) => value === raw);
