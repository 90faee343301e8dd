import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import { noPersonalData, type PersonalDataDeclarations, subjectId } from '../privacy/declarations';
import type { NcGrade } from './cycle';

/** Audits as their own records: the profile's `audits` list stays the history declared before them. */
export const AUDIT_KINDS = ['initial', 'surveillance', 'renewal', 'additional'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Why a planned audit did not take place (no free text: a new date is a rescheduling, not a cancellation). */
export const AUDIT_CANCEL_REASONS = [
  'certifier_request',
  'organisation_request',
  'replaced',
  'other',
] as const;
export type AuditCancelReason = (typeof AUDIT_CANCEL_REASONS)[number];

/** The certifier's report, stored through the files port (checked by content). */
export interface AuditReportFile {
  fileId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export type AuditPlanned = {
  type: 'AuditPlanned';
  data: {
    auditId: string;
    kind: AuditKind;
    /** The certification body: an organisation, not a person. */
    certifierName: string;
    /** Paris days, both included. */
    plannedFrom: string;
    plannedTo: string;
  };
};
export type AuditRescheduled = {
  type: 'AuditRescheduled';
  data: { auditId: string; plannedFrom: string; plannedTo: string };
};
export type AuditCancelled = { type: 'AuditCancelled'; data: { auditId: string; reason: AuditCancelReason } };
export type AuditHeld = { type: 'AuditHeld'; data: { auditId: string; heldFrom: string; heldTo: string } };
export type AuditReportReceived = {
  type: 'AuditReportReceived';
  data: { auditId: string; receivedOn: string; report: AuditReportFile | null };
};

export type AuditEvent = AuditPlanned | AuditRescheduled | AuditCancelled | AuditHeld | AuditReportReceived;
export const auditEventTypes = [
  'AuditPlanned',
  'AuditRescheduled',
  'AuditCancelled',
  'AuditHeld',
  'AuditReportReceived',
] as const satisfies AuditEvent['type'][];

/** One stream per audit. */
export const auditStream = (auditId: string) => `audit-${auditId}`;

/** French labels of audit kinds, as titles and the binder show them. */
export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  initial: 'audit initial',
  surveillance: 'audit de surveillance',
  renewal: 'audit de renouvellement',
  additional: 'audit complémentaire',
};

/**
 * An audit names a certifier (an organisation) and dates; its report's file name is the certifier's document
 * name. None of it is a person's.
 */
export const auditPersonalData: PersonalDataDeclarations<AuditEvent> = {
  AuditPlanned: noPersonalData,
  AuditRescheduled: noPersonalData,
  AuditCancelled: noPersonalData,
  AuditHeld: noPersonalData,
  AuditReportReceived: noPersonalData,
};

/** Audits frame the evidence; the non-conformities found there are what the indicators' timelines show. */
export const auditEvidence: EvidenceDeclarations<AuditEvent> = {};

/** Where a non-conformity was found: the audit as it was then. */
export interface NcAudit {
  auditId: string;
  kind: AuditKind;
}

export type NonConformityRecorded = {
  type: 'NonConformityRecorded';
  data: {
    nonConformityId: string;
    audit: NcAudit;
    indicator: number;
    /** The referential version the audit used (by its date). */
    referentialVersion: string;
    grade: NcGrade;
    /** What the certifier found, as the report says it (free text). */
    finding: string;
    /** The Paris day the certifier notified it: deadlines run from it. */
    notifiedOn: string;
    recordedBy: string;
  };
};
export type NonConformityActionPlanSet = {
  type: 'NonConformityActionPlanSet';
  data: { nonConformityId: string; actionPlan: string; writtenBy: string };
};
/** A minor still open when the next audit was held, requalified as major from that audit's first day. */
export type NonConformityRequalified = {
  type: 'NonConformityRequalified';
  data: { nonConformityId: string; indicator: number; atAuditId: string; requalifiedOn: string };
};
/** Lifted: the corrective action carried out (a major's judged effective), with the evidence of it. */
export type NonConformityClosed = {
  type: 'NonConformityClosed';
  data: {
    nonConformityId: string;
    indicator: number;
    closedOn: string;
    evidence: string;
    /** For a major, always true: the user judged its corrective action effective. */
    effective: boolean;
    closedBy: string;
  };
};

export type NonConformityEvent =
  | NonConformityRecorded
  | NonConformityActionPlanSet
  | NonConformityRequalified
  | NonConformityClosed;
export const nonConformityEventTypes = [
  'NonConformityRecorded',
  'NonConformityActionPlanSet',
  'NonConformityRequalified',
  'NonConformityClosed',
] as const satisfies NonConformityEvent['type'][];

/** One stream per non-conformity. */
export const nonConformityStream = (nonConformityId: string) => `nonconformity-${nonConformityId}`;

export const NC_GRADE_LABELS: Record<NcGrade, string> = { minor: 'mineure', major: 'majeure' };

const author =
  <Key extends string>(key: Key) =>
  (data: Record<Key, string>) =>
    subjectId('user', data[key]);

/** Findings, plans and evidence are free text typed by a member: personal by default, sealed with their author. */
export const nonConformityPersonalData: PersonalDataDeclarations<NonConformityEvent> = {
  NonConformityRecorded: [{ field: 'finding', subject: author('recordedBy') }],
  NonConformityActionPlanSet: [{ field: 'actionPlan', subject: author('writtenBy') }],
  NonConformityRequalified: noPersonalData,
  NonConformityClosed: [{ field: 'evidence', subject: author('closedBy') }],
};

/** A non-conformity is on its indicator's timeline; its closure with the corrective action also on 32's. */
export const nonConformityEvidence: EvidenceDeclarations<NonConformityEvent> = {
  NonConformityRecorded: {
    indicators: (data) => [data.indicator],
    kind: 'audit_non_conformity',
    title: (data) =>
      `Non-conformité ${NC_GRADE_LABELS[data.grade]} relevée (${AUDIT_KIND_LABELS[data.audit.kind]}) — notifiée le ${frenchDate(data.notifiedOn)}`,
    source: (data) => ({ type: 'non_conformity', id: data.nonConformityId }),
  },
  NonConformityRequalified: {
    indicators: (data) => [data.indicator],
    kind: 'audit_non_conformity',
    title: (data) =>
      `Non-conformité mineure requalifiée en majeure à l’audit suivant — ${frenchDate(data.requalifiedOn)}`,
    source: (data) => ({ type: 'non_conformity', id: data.nonConformityId }),
  },
  NonConformityClosed: {
    indicators: (data) => (data.indicator === 32 ? [32] : [data.indicator, 32]),
    kind: 'non_conformity_closed',
    title: (data) =>
      `Non-conformité levée, action corrective ${data.effective ? 'jugée efficace' : 'réalisée'} — ${frenchDate(data.closedOn)}`,
    source: (data) => ({ type: 'non_conformity', id: data.nonConformityId }),
  },
};

/**
 * From a non-conformity, the request to start a corrective action (indicator 32). The actions slice picks it up
 * by `requestId`; until then it is the record of the request and of the link.
 */
export type NonConformityActionRequested = {
  type: 'NonConformityActionRequested';
  data: { nonConformityId: string; requestId: string; title: string; requestedBy: string; indicator: number };
};
export type NonConformityActionEvent = NonConformityActionRequested;
export const nonConformityActionEventTypes = [
  'NonConformityActionRequested',
] as const satisfies NonConformityActionEvent['type'][];

/** The corrective-action requests of one non-conformity: beside it, never changing it. */
export const nonConformityActionStream = (nonConformityId: string) =>
  `nonconformityaction-${nonConformityId}`;

export const nonConformityActionPersonalData: PersonalDataDeclarations<NonConformityActionEvent> = {
  NonConformityActionRequested: [{ field: 'title', subject: author('requestedBy') }],
};

export const nonConformityActionEvidence: EvidenceDeclarations<NonConformityActionEvent> = {
  NonConformityActionRequested: {
    indicators: [32],
    kind: 'improvement_source',
    title: (data) =>
      `Action corrective demandée depuis une non-conformité d’audit (indicateur ${data.indicator})`,
    source: (data) => ({ type: 'non_conformity', id: data.nonConformityId }),
  },
};
