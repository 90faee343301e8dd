import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import { noPersonalData, type PersonalDataDeclarations } from '../privacy/declarations';

/** What a snapshot's figures cover: every training action of the organisation, or one of them. */
export type ResultsScope =
  | { kind: 'organisation' }
  /** The action's title as it was when the figures were published: they speak of that offer. */
  | { kind: 'training_action'; trainingActionId: string; trainingActionTitle: string };
export const SCOPE_KINDS = ['organisation', 'training_action'] as const satisfies ResultsScope['kind'][];

/** The key snapshots of one scope share: a new one supersedes the previous one on the public page. */
export const scopeKey = (scope: ResultsScope): string =>
  scope.kind === 'organisation' ? 'organisation' : `training_action:${scope.trainingActionId}`;

/** The figures as staff typed them; the response rate is derived from the two counts, never typed. */
export interface ResultsFigures {
  trainees: number;
  respondents: number;
  /** Average satisfaction out of 5, or null when only the share of satisfied people is published. */
  satisfactionAverage: number | null;
  /** Share of respondents satisfied, in %, or null when only the average is published. */
  satisfiedShare: number | null;
  completionRate: number;
  dropOutRate: number;
  /** Success at a certification, in %, for the trainings that lead to one; null otherwise. */
  successRate: number | null;
}

/** The figures as published: the typed ones and the response rate computed from them (%, one decimal). */
export type PublishedFigures = ResultsFigures & { responseRate: number };

/** A snapshot of result figures over a period, as the organisation publishes it (RNQ indicator 2). */
export interface ResultsSnapshot {
  snapshotId: string;
  label: string;
  /** The period the figures cover: Paris calendar dates, both included. */
  periodFrom: string;
  periodTo: string;
  scope: ResultsScope;
  figures: PublishedFigures;
  note: string | null;
  /** The Paris date it was published on. */
  publishedOn: string;
}

/** The organisation's public results page gets its address: an unguessable id, never the organisation's own. */
export type PublicResultsPageOpened = { type: 'PublicResultsPageOpened'; data: { publicId: string } };
export type ResultsSnapshotPublished = {
  type: 'ResultsSnapshotPublished';
  /** `supersedes`: the snapshot of the same scope it replaces on the public page, if any. */
  data: ResultsSnapshot & { supersedes: string | null };
};
/** Taken off the public page (wrong figures, say); it stays in the history with its reason. */
export type ResultsSnapshotWithdrawn = {
  type: 'ResultsSnapshotWithdrawn';
  data: { snapshotId: string; reason: string };
};

export type PublicationEvent = PublicResultsPageOpened | ResultsSnapshotPublished | ResultsSnapshotWithdrawn;
export const publicationEventTypes = [
  'PublicResultsPageOpened',
  'ResultsSnapshotPublished',
  'ResultsSnapshotWithdrawn',
] as const satisfies PublicationEvent['type'][];

/** One stream per organisation: its snapshots are few (a handful a year) and superseding needs them all. */
export const publicationStream = (organisationId: string) => `publication-${organisationId}`;

const scopeTitle = (scope: ResultsScope) =>
  scope.kind === 'organisation' ? 'toutes les actions' : `action « ${scope.trainingActionTitle} »`;

/** Each published snapshot is the evidence of indicator 2: dated results, made public. */
export const publicationEvidence: EvidenceDeclarations<PublicationEvent> = {
  ResultsSnapshotPublished: {
    indicators: [2],
    kind: 'results_published',
    title: (data) =>
      `Résultats publiés du ${frenchDate(data.periodFrom)} au ${frenchDate(data.periodTo)} (${scopeTitle(data.scope)})`,
    summary: (data) => data.label,
    source: (data) => ({ type: 'results_snapshot', id: data.snapshotId }),
    concerns: (data) =>
      data.scope.kind === 'training_action'
        ? { sessionId: null, trainingActionId: data.scope.trainingActionId }
        : null,
  },
};

/**
 * Nobody's personal data: figures are counts and rates over a group, the label, the note and the reason for a
 * withdrawal are written by staff about those figures (published on purpose), and the public id names a page.
 */
export const publicationPersonalData: PersonalDataDeclarations<PublicationEvent> = {
  PublicResultsPageOpened: noPersonalData,
  ResultsSnapshotPublished: noPersonalData,
  ResultsSnapshotWithdrawn: noPersonalData,
};
