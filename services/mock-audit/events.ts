import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import { noPersonalData, type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/** A mock audit's finding: a non-conformity graded as the certifier would, or an observation (a point to watch). */
export const FINDING_GRADES = ['major', 'minor', 'observation'] as const;
export type FindingGrade = (typeof FINDING_GRADES)[number];

export type MockAuditStarted = {
  type: 'MockAuditStarted';
  data: {
    mockAuditId: string;
    /** The Paris day it starts. */
    startedOn: string;
    /** The referential version of that day: the indicators, their grading and checkpoints. */
    referentialVersion: string;
    /** The indicators walked, in the auditor's order (criteria 1 to 7). */
    indicators: number[];
    startedBy: string;
  };
};
export type MockAuditCheckpointTicked = {
  type: 'MockAuditCheckpointTicked';
  data: { mockAuditId: string; indicator: number; checkpoint: string; by: string };
};
export type MockAuditCheckpointUnticked = {
  type: 'MockAuditCheckpointUnticked';
  data: { mockAuditId: string; indicator: number; checkpoint: string; by: string };
};
export type MockAuditFindingRecorded = {
  type: 'MockAuditFindingRecorded';
  data: {
    mockAuditId: string;
    findingId: string;
    indicator: number;
    grade: FindingGrade;
    /** What was found, in the words of whoever recorded it (free text: theirs). */
    text: string;
    recordedBy: string;
  };
};
export type MockAuditFindingWithdrawn = {
  type: 'MockAuditFindingWithdrawn';
  data: { mockAuditId: string; findingId: string; withdrawnBy: string };
};
export type MockAuditCompleted = {
  type: 'MockAuditCompleted';
  data: {
    mockAuditId: string;
    completedOn: string;
    completedBy: string;
    /** The findings standing at completion, by grade. */
    majors: number;
    minors: number;
    observations: number;
  };
};

export type MockAuditEvent =
  | MockAuditStarted
  | MockAuditCheckpointTicked
  | MockAuditCheckpointUnticked
  | MockAuditFindingRecorded
  | MockAuditFindingWithdrawn
  | MockAuditCompleted;
export const mockAuditEventTypes = [
  'MockAuditStarted',
  'MockAuditCheckpointTicked',
  'MockAuditCheckpointUnticked',
  'MockAuditFindingRecorded',
  'MockAuditFindingWithdrawn',
  'MockAuditCompleted',
] as const satisfies MockAuditEvent['type'][];

/** One stream per mock audit. */
export const mockAuditStream = (mockAuditId: string) => `mockaudit-${mockAuditId}`;

/**
 * From a finding, the request to start an improvement action: on its own stream beside the mock audit (one per
 * finding, so the actions slice finds the finding by its id alone). The actions slice picks it up by `requestId`;
 * `actionId` is the one it will plan (derived from the request).
 */
export type MockAuditFindingActionRequested = {
  type: 'MockAuditFindingActionRequested';
  data: {
    mockAuditId: string;
    findingId: string;
    indicator: number;
    requestId: string;
    actionId: string;
    title: string;
    requestedBy: string;
  };
};
export type MockAuditFindingActionEvent = MockAuditFindingActionRequested;
export const mockAuditFindingActionEventTypes = [
  'MockAuditFindingActionRequested',
] as const satisfies MockAuditFindingActionEvent['type'][];

export const mockAuditFindingActionStream = (findingId: string) => `mockauditfindingaction-${findingId}`;

const user = (id: string) => subjectId('user', id);

/** A finding's text is its author's words, sealed with them; ticks, grades and counts name nobody. */
export const mockAuditPersonalData: PersonalDataDeclarations<MockAuditEvent> = {
  MockAuditStarted: noPersonalData,
  MockAuditCheckpointTicked: noPersonalData,
  MockAuditCheckpointUnticked: noPersonalData,
  MockAuditFindingRecorded: [{ field: 'text', subject: (data) => user(data.recordedBy) }],
  MockAuditFindingWithdrawn: noPersonalData,
  MockAuditCompleted: noPersonalData,
};

/** The action's title may quote the finding: sealed with the requester. */
export const mockAuditFindingActionPersonalData: PersonalDataDeclarations<MockAuditFindingActionEvent> = {
  MockAuditFindingActionRequested: [{ field: 'title', subject: (data) => user(data.requestedBy) }],
};

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

/**
 * A pre-audit is not evidence of the indicators it walks: its findings stay off their timelines. Its completion
 * is one item of 32's, as an internal review of the quality process (the organisation checking itself, as the
 * improvement process asks); the counts only, never a finding's text.
 */
export const mockAuditEvidence: EvidenceDeclarations<MockAuditEvent> = {
  MockAuditCompleted: {
    indicators: [32],
    kind: 'mock_audit',
    title: (data) =>
      `Audit à blanc réalisé — ${frenchDate(data.completedOn)} (${plural(data.majors, 'majeure', 'majeures')}, ${plural(data.minors, 'mineure', 'mineures')}, ${plural(data.observations, 'observation', 'observations')})`,
    source: (data) => ({ type: 'mock_audit', id: data.mockAuditId }),
  },
};
