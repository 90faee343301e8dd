import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import type { PersonalDataDeclarations } from '../privacy/declarations';

export const ACTION_TYPES = ['corrective', 'preventive', 'improvement'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_PRIORITIES = ['low', 'normal', 'high'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];

/** Where an action comes from: what indicator 32 asks the plan to be fed by. */
export const ORIGIN_TYPES = [
  'feedback',
  'complaint',
  'incident',
  'watch_note',
  'non_conformity',
  'internal_review',
  'other',
  'mock_audit_finding',
] as const;
export type OriginType = (typeof ORIGIN_TYPES)[number];

/** One origin: its kind, the record it names (if any) and, for an audit non-conformity, its indicator. */
export interface ActionOrigin {
  type: OriginType;
  id: string | null;
  indicator: number | null;
}

/** What the owner edits of an action, as one value: an edit replaces it whole. */
export interface ActionContent {
  title: string;
  description: string | null;
  type: ActionType;
  priority: ActionPriority;
  ownerId: string;
  /** The Paris date it is due, YYYY-MM-DD; null while it is still to schedule. */
  dueOn: string | null;
  origins: ActionOrigin[];
}

export const EFFECTIVENESS_OUTCOMES = ['effective', 'not_effective'] as const;
export type EffectivenessOutcome = (typeof EFFECTIVENESS_OUTCOMES)[number];

/** After a check found the action not effective: reopen it, or close it and start a follow-up action. */
export const NOT_EFFECTIVE_NEXT = ['reopen', 'follow_up'] as const;
export type NotEffectiveNext = (typeof NOT_EFFECTIVE_NEXT)[number];

export const CANCEL_REASONS = ['duplicate', 'not_relevant', 'merged', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/**
 * Every event carries `subject`: whose personal data the free text is. An action picked up from a complaint
 * keeps the complainant as subject (its title may quote the complaint), so erasing them erases it here too.
 */
interface Subjected {
  actionId: string;
  subject: string;
}

export type ImprovementActionPlanned = {
  type: 'ImprovementActionPlanned';
  data: Subjected &
    ActionContent & {
      /** The improvement request it answers (picked up from another slice), or null. */
      requestId: string | null;
      /** The action whose effectiveness check started this one, or null. */
      followUpOf: string | null;
    };
};
export type ImprovementActionEdited = {
  type: 'ImprovementActionEdited';
  data: Subjected & ActionContent;
};
export type ImprovementActionStarted = {
  type: 'ImprovementActionStarted';
  data: { actionId: string; startedOn: string };
};
export type ImprovementActionProgressNoted = {
  type: 'ImprovementActionProgressNoted';
  data: Subjected & { note: string };
};
export type ImprovementActionEvidenceAttached = {
  type: 'ImprovementActionEvidenceAttached';
  data: { actionId: string; fileId: string; fileName: string; contentType: string; size: number };
};
export type ImprovementActionDone = {
  type: 'ImprovementActionDone';
  data: Subjected & { doneOn: string; summary: string | null };
};
/** What the auditor looks for at a surveillance audit: was it effective? */
export type ImprovementActionEffectivenessChecked = {
  type: 'ImprovementActionEffectivenessChecked';
  data: Subjected & {
    checkedOn: string;
    outcome: EffectivenessOutcome;
    comment: string;
    /** null when effective (the action closes). */
    next: NotEffectiveNext | null;
    followUpActionId: string | null;
  };
};
export type ImprovementActionCancelled = {
  type: 'ImprovementActionCancelled';
  data: Subjected & { reason: CancelReason; note: string | null };
};

export type ActionEvent =
  | ImprovementActionPlanned
  | ImprovementActionEdited
  | ImprovementActionStarted
  | ImprovementActionProgressNoted
  | ImprovementActionEvidenceAttached
  | ImprovementActionDone
  | ImprovementActionEffectivenessChecked
  | ImprovementActionCancelled;
export const actionEventTypes = [
  'ImprovementActionPlanned',
  'ImprovementActionEdited',
  'ImprovementActionStarted',
  'ImprovementActionProgressNoted',
  'ImprovementActionEvidenceAttached',
  'ImprovementActionDone',
  'ImprovementActionEffectivenessChecked',
  'ImprovementActionCancelled',
] as const satisfies ActionEvent['type'][];

/** One stream per improvement action. */
export const actionStream = (actionId: string) => `improvementaction-${actionId}`;

const bySubject = (data: { subject: string }) => data.subject;

/** Titles, descriptions, notes and comments are free text about people: sealed with the action's subject. */
export const actionPersonalData: PersonalDataDeclarations<ActionEvent> = {
  ImprovementActionPlanned: [
    { field: 'title', subject: bySubject },
    { field: 'description', subject: bySubject },
  ],
  ImprovementActionEdited: [
    { field: 'title', subject: bySubject },
    { field: 'description', subject: bySubject },
  ],
  ImprovementActionStarted: 'none',
  ImprovementActionProgressNoted: [{ field: 'note', subject: bySubject }],
  ImprovementActionEvidenceAttached: 'none',
  ImprovementActionDone: [{ field: 'summary', subject: bySubject }],
  ImprovementActionEffectivenessChecked: [{ field: 'comment', subject: bySubject }],
  ImprovementActionCancelled: [{ field: 'note', subject: bySubject }],
};

export const ACTION_TYPE_LABELS: Record<ActionType, string> = {
  corrective: 'corrective',
  preventive: 'préventive',
  improvement: 'd’amélioration',
};

/** 32 always; an action correcting an audit non-conformity also evidences the indicator of that non-conformity. */
export const actionIndicators = (origins: readonly ActionOrigin[]): number[] => [
  ...new Set([
    32,
    ...origins.flatMap((origin) =>
      origin.type === 'non_conformity' && origin.indicator !== null ? [origin.indicator] : [],
    ),
  ]),
];

const source = (data: { actionId: string }) => ({ type: 'improvement_action', id: data.actionId });

/** Titles name no person: the kind of action, the step and a date. */
export const actionEvidence: EvidenceDeclarations<ActionEvent> = {
  ImprovementActionPlanned: {
    indicators: (data) => actionIndicators(data.origins),
    kind: 'improvement_action',
    title: (data) => `Action ${ACTION_TYPE_LABELS[data.type]} planifiée`,
    source,
  },
  ImprovementActionStarted: {
    indicators: [32],
    kind: 'improvement_action',
    title: (data) => `Action d’amélioration engagée — ${frenchDate(data.startedOn)}`,
    source,
  },
  ImprovementActionDone: {
    indicators: [32],
    kind: 'improvement_action',
    title: (data) => `Action d’amélioration réalisée — ${frenchDate(data.doneOn)}`,
    source,
  },
  ImprovementActionEffectivenessChecked: {
    indicators: [32],
    kind: 'improvement_effectiveness',
    title: (data) =>
      `Efficacité de l’action vérifiée : ${data.outcome === 'effective' ? 'efficace' : 'non efficace'} — ${frenchDate(data.checkedOn)}`,
    source,
  },
};
