import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import { type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/** A *difficulté* hinders delivery from within; an *aléa* is an unforeseeable event from outside. */
export const INCIDENT_KINDS = ['difficulty', 'disruption'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_CATEGORIES = [
  'learner_difficulty',
  'dropout_risk',
  'trainer_absence',
  'equipment_failure',
  'room',
  'disability_accommodation',
  'external_event',
  'other',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const INCIDENT_SEVERITIES = ['minor', 'moderate', 'major'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** The session concerned, as named when the incident was recorded. */
export interface IncidentSession {
  trainingActionId: string;
  trainingTitle: string;
  sessionId: string;
  sessionTitle: string;
}

export interface IncidentReport {
  kind: IncidentKind;
  category: IncidentCategory;
  severity: IncidentSeverity;
  session: IncidentSession | null;
  site: string | null;
  /** The Paris calendar date it happened or was noticed, YYYY-MM-DD. */
  occurredOn: string;
  /** What happened, who was affected (it may name a learner or a trainer). */
  description: string;
}

export type IncidentRecorded = {
  type: 'IncidentRecorded';
  data: IncidentReport & { incidentId: string };
};
/** A measure taken (a catch-up session, a replacement trainer, an adapted room); they add up, none is rewritten. */
export type IncidentMeasureTaken = {
  type: 'IncidentMeasureTaken';
  data: { incidentId: string; takenOn: string; measure: string };
};
export type IncidentResolved = {
  type: 'IncidentResolved';
  data: { incidentId: string; resolvedOn: string; resolution: string };
};
export type IncidentReopened = {
  type: 'IncidentReopened';
  data: { incidentId: string; reopenedOn: string; reason: string };
};

/**
 * From a difficulty or a disruption, the request to start an improvement action (indicator 32). The actions slice
 * will pick it up by `followUpId`; until then it is the record of the request and of its link to the incident.
 */
export type IncidentImprovementRequested = {
  type: 'IncidentImprovementRequested';
  data: { incidentId: string; followUpId: string; title: string; requestedBy: string };
};

export type IncidentEvent =
  | IncidentRecorded
  | IncidentMeasureTaken
  | IncidentResolved
  | IncidentReopened
  | IncidentImprovementRequested;
export const incidentEventTypes = [
  'IncidentRecorded',
  'IncidentMeasureTaken',
  'IncidentResolved',
  'IncidentReopened',
  'IncidentImprovementRequested',
] as const satisfies IncidentEvent['type'][];

/** One stream per difficulty or disruption. */
export const incidentStream = (incidentId: string) => `incident-${incidentId}`;

/**
 * The person an incident speaks of (a learner in difficulty, most often) has no id of their own here: the
 * record stands for them, as a learner subject keyed by the incident, so one record can be erased alone.
 */
export const incidentSubject = (data: { incidentId: string }) => subjectId('learner', data.incidentId);

/**
 * The description, the measures, the resolution, the reasons and an improvement request's title are free text
 * about people: personal.
 */
export const incidentPersonalData: PersonalDataDeclarations<IncidentEvent> = {
  IncidentRecorded: [{ field: 'description', subject: incidentSubject }],
  IncidentMeasureTaken: [{ field: 'measure', subject: incidentSubject }],
  IncidentResolved: [{ field: 'resolution', subject: incidentSubject }],
  IncidentReopened: [{ field: 'reason', subject: incidentSubject }],
  IncidentImprovementRequested: [{ field: 'title', subject: incidentSubject }],
};

export const INCIDENT_KIND_LABELS: Record<IncidentKind, string> = {
  difficulty: 'difficulté',
  disruption: 'aléa',
};
export const INCIDENT_CATEGORY_LABELS: Record<IncidentCategory, string> = {
  learner_difficulty: 'apprenant en difficulté',
  dropout_risk: 'risque de rupture de parcours',
  trainer_absence: 'absence d’un formateur',
  equipment_failure: 'panne de matériel ou de plateforme',
  room: 'salle',
  disability_accommodation: 'adaptation liée au handicap',
  external_event: 'événement extérieur',
  other: 'autre',
};
export const INCIDENT_SEVERITY_LABELS: Record<IncidentSeverity, string> = {
  minor: 'mineure',
  moderate: 'modérée',
  major: 'majeure',
};

/**
 * The indicators an incident evidences: 31 always; 12 (commitment and drop-out prevention) for a learner in
 * difficulty or at risk; 26 (disability) for an accommodation.
 */
export const incidentIndicators = (category: IncidentCategory): readonly number[] =>
  category === 'learner_difficulty' || category === 'dropout_risk'
    ? [12, 31]
    : category === 'disability_accommodation'
      ? [26, 31]
      : [31];

const source = (data: { incidentId: string }) => ({ type: 'incident', id: data.incidentId });

/**
 * Titles name no person: a kind, a category, a severity and a date. Later steps carry no category, so they
 * evidence 31 only; the record itself carries 12 or 26.
 */
export const incidentEvidence: EvidenceDeclarations<IncidentEvent> = {
  IncidentRecorded: {
    indicators: (data) => incidentIndicators(data.category),
    kind: 'incident_recorded',
    title: (data) =>
      `${data.kind === 'disruption' ? 'Aléa' : 'Difficulté'} : ${INCIDENT_CATEGORY_LABELS[data.category]} (gravité ${INCIDENT_SEVERITY_LABELS[data.severity]}) — ${frenchDate(data.occurredOn)}`,
    source,
    concerns: (data) => data.session,
  },
  IncidentMeasureTaken: {
    indicators: [31],
    kind: 'incident_measure',
    title: (data) => `Mesure prise face à une difficulté ou un aléa — ${frenchDate(data.takenOn)}`,
    source,
  },
  IncidentResolved: {
    indicators: [31],
    kind: 'incident_resolved',
    title: (data) => `Difficulté ou aléa résolu — ${frenchDate(data.resolvedOn)}`,
    source,
  },
  IncidentImprovementRequested: {
    indicators: [32],
    kind: 'improvement_source',
    title: () => 'Action d’amélioration demandée depuis une difficulté ou un aléa',
    source,
  },
};
