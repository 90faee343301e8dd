import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import { type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/** What a watch note is about; each theme evidences its criterion-6 indicators. */
export const WATCH_THEMES = ['legal_regulatory', 'skills_jobs', 'innovation', 'disability'] as const;
export type WatchTheme = (typeof WATCH_THEMES)[number];

/** Legal watch is 23, skills and jobs 24, pedagogical and technological innovation 25; disability 23 and 26. */
export const THEME_INDICATORS: Record<WatchTheme, readonly number[]> = {
  legal_regulatory: [23],
  skills_jobs: [24],
  innovation: [25],
  disability: [23, 26],
};

/** Indicator 23 asks for the watch to be communicated internally: these themes need a communication. */
export const needsCommunication = (theme: WatchTheme): boolean => THEME_INDICATORS[theme].includes(23);

export const WATCH_IMPACTS = ['none', 'to_study', 'change_needed'] as const;
export type WatchImpact = (typeof WATCH_IMPACTS)[number];

export const COMMUNICATION_CHANNELS = ['meeting', 'email', 'intranet', 'notice_board', 'other'] as const;
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];

/** What a note says: a correction replaces it whole. */
export interface WatchNoteContent {
  theme: WatchTheme;
  /** A short subject for the register ("Décret n° 2026-728"): about a source, not about a person. */
  title: string;
  sourceName: string;
  sourceUrl: string | null;
  /** The Paris date of the information (publication, event), YYYY-MM-DD. */
  informationOn: string;
  summary: string;
}

/** Who was told: members by id, and free groups ("formateurs", "équipe administrative"). */
export interface CommunicationAudience {
  memberIds: string[];
  groups: string[];
}

/** Every note event carries the note's theme, so its evidence knows its indicators. */
export type WatchNoteRecorded = {
  type: 'WatchNoteRecorded';
  data: WatchNoteContent & { noteId: string; recordedBy: string };
};
export type WatchNoteEdited = {
  type: 'WatchNoteEdited';
  data: WatchNoteContent & { noteId: string; editedBy: string };
};
export type WatchNoteAnalysed = {
  type: 'WatchNoteAnalysed';
  data: {
    noteId: string;
    theme: WatchTheme;
    impact: WatchImpact;
    analysis: string;
    decision: string;
    /** The changes made (documents, course content…), or null when none yet. */
    changes: string | null;
    /** The Paris day of the analysis: what the not-exploited rule reads. */
    analysedOn: string;
    analysedBy: string;
  };
};
export type WatchNoteCommunicated = {
  type: 'WatchNoteCommunicated';
  data: {
    noteId: string;
    communicationId: string;
    theme: WatchTheme;
    audience: CommunicationAudience;
    channel: CommunicationChannel;
    /** The Paris day it was passed on. */
    communicatedOn: string;
    message: string | null;
    communicatedBy: string;
  };
};
export type WatchNoteArchived = {
  type: 'WatchNoteArchived';
  data: { noteId: string; theme: WatchTheme; archivedBy: string };
};

export type WatchNoteEvent =
  | WatchNoteRecorded
  | WatchNoteEdited
  | WatchNoteAnalysed
  | WatchNoteCommunicated
  | WatchNoteArchived;
export const watchNoteEventTypes = [
  'WatchNoteRecorded',
  'WatchNoteEdited',
  'WatchNoteAnalysed',
  'WatchNoteCommunicated',
  'WatchNoteArchived',
] as const satisfies WatchNoteEvent['type'][];

export { watchImprovementEventTypes } from './improvement';
export { watchSettingsEventTypes } from './settings';

/** One stream per note. */
export const watchNoteStream = (noteId: string) => `watchnote-${noteId}`;

export const WATCH_THEME_LABELS: Record<WatchTheme, string> = {
  legal_regulatory: 'veille légale et réglementaire',
  skills_jobs: 'veille compétences, métiers et emplois',
  innovation: 'veille innovations pédagogiques et technologiques',
  disability: 'veille handicap',
};
export const WATCH_IMPACT_LABELS: Record<WatchImpact, string> = {
  none: 'sans impact',
  to_study: 'impact à étudier',
  change_needed: 'changement nécessaire',
};
export const CHANNEL_LABELS: Record<CommunicationChannel, string> = {
  meeting: 'réunion',
  email: 'courriel',
  intranet: 'intranet',
  notice_board: 'affichage',
  other: 'autre moyen',
};

const indicatorsOfTheme = (data: { theme: WatchTheme }) => THEME_INDICATORS[data.theme];
const source = (data: { noteId: string }) => ({ type: 'watch_note', id: data.noteId });

/**
 * Recorded, analysed and communicated notes evidence their theme's indicators. Titles name the theme, the source
 * and the day, never a person; the note's own title and texts stay in the summary.
 */
export const watchNoteEvidence: EvidenceDeclarations<WatchNoteEvent> = {
  WatchNoteRecorded: {
    indicators: indicatorsOfTheme,
    kind: 'watch_note',
    title: (data) =>
      `Information de ${WATCH_THEME_LABELS[data.theme]} : ${data.sourceName} — ${frenchDate(data.informationOn)}`,
    summary: (data) => data.title,
    source,
  },
  WatchNoteAnalysed: {
    indicators: indicatorsOfTheme,
    kind: 'watch_analysis',
    title: (data) =>
      `Analyse d’une information de ${WATCH_THEME_LABELS[data.theme]} (${WATCH_IMPACT_LABELS[data.impact]}) — ${frenchDate(data.analysedOn)}`,
    summary: (data) => data.decision,
    source,
  },
  WatchNoteCommunicated: {
    indicators: indicatorsOfTheme,
    kind: 'watch_communication',
    title: (data) =>
      `Diffusion interne d’une information de ${WATCH_THEME_LABELS[data.theme]} (${CHANNEL_LABELS[data.channel]}) — ${frenchDate(data.communicatedOn)}`,
    source,
  },
};

/** Free text typed by a member is theirs: sealed with its author, erased with them. */
const author =
  <Key extends string>(key: Key) =>
  (data: Record<Key, string>) =>
    subjectId('user', data[key]);

/**
 * The summary, the analysis, the decision, the changes and a communication's message are free text (personal by
 * default), sealed with their author. The title, the source and its address name a publication, not a person;
 * the audience's groups are job groups ("formateurs") and its members are named by id only.
 */
export const watchNotePersonalData: PersonalDataDeclarations<WatchNoteEvent> = {
  WatchNoteRecorded: [{ field: 'summary', subject: author('recordedBy') }],
  WatchNoteEdited: [{ field: 'summary', subject: author('editedBy') }],
  WatchNoteAnalysed: [
    { field: 'analysis', subject: author('analysedBy') },
    { field: 'decision', subject: author('analysedBy') },
    { field: 'changes', subject: author('analysedBy') },
  ],
  WatchNoteCommunicated: [{ field: 'message', subject: author('communicatedBy') }],
  WatchNoteArchived: 'none',
};
