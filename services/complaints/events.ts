import { AUDIENCES } from '../feedback/events';
import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import {
  noPersonalData,
  type PersonalDataDeclarations,
  type SubjectReferences,
  subjectId,
} from '../privacy/declarations';

/** How a complaint reached the organisation; an oral one (phone, in person) is written down by staff. */
export const COMPLAINT_CHANNELS = ['web_form', 'email', 'phone', 'letter', 'in_person'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** Who complains: the stakeholder groups of indicator 30, or someone else (a relative, a neighbour of the site). */
export const COMPLAINANT_GROUPS = [...AUDIENCES, 'other'] as const;
export type ComplainantGroup = (typeof COMPLAINANT_GROUPS)[number];

/** How a closed complaint ended. */
export const COMPLAINT_OUTCOMES = ['resolved', 'partly_resolved', 'not_resolved', 'withdrawn'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** What the complaint is about, as it was named when received: all null for the organisation as a whole. */
export interface ComplaintAbout {
  trainingActionId: string | null;
  trainingTitle: string | null;
  sessionId: string | null;
  sessionTitle: string | null;
  site: string | null;
}

/** A file the complainant sent, as stored after its content was checked (the bytes live outside the log). */
export interface ComplaintAttachment {
  attachmentId: string;
  fileName: string;
  /** The type found in the content, not the one the name claims. */
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

/** Who complained: nobody named when anonymous; otherwise a name and at least one way to answer them. */
export interface Complainant {
  anonymous: boolean;
  name: string | null;
  email: string | null;
  phone: string | null;
  postalAddress: string | null;
}

/** What a complaint says when it is received. */
export interface ComplaintIntake extends Complainant {
  channel: ComplaintChannel;
  group: ComplainantGroup;
  about: ComplaintAbout;
  /** The Paris calendar date it reached the organisation, YYYY-MM-DD (a letter's may be before it is entered). */
  receivedOn: string;
  /** The claim in the complainant's words, or the written record of an oral one. */
  text: string;
  attachments: ComplaintAttachment[];
  /** The member of staff who handles it, or null until someone is assigned. */
  ownerId: string | null;
}

export type ComplaintReceived = {
  type: 'ComplaintReceived';
  data: ComplaintIntake & { complaintId: string };
};
/** The acknowledgement of receipt, sent by e-mail when `sentByEmail`, else given another way (letter, phone). */
export type ComplaintAcknowledged = {
  type: 'ComplaintAcknowledged';
  data: { complaintId: string; acknowledgedOn: string; message: string; sentByEmail: boolean };
};
/** The causes found: the first analysis opens it, a later one adds to the record (none is rewritten). */
export type ComplaintAnalysed = {
  type: 'ComplaintAnalysed';
  data: { complaintId: string; analysedOn: string; causes: string };
};
/** The answer given to the complainant. */
export type ComplaintAnswered = {
  type: 'ComplaintAnswered';
  data: { complaintId: string; answeredOn: string; answer: string; sentByEmail: boolean };
};
/** Found unfounded after acknowledgement: the reasons are the answer the complainant receives. */
export type ComplaintRejected = {
  type: 'ComplaintRejected';
  data: { complaintId: string; rejectedOn: string; reasons: string; sentByEmail: boolean };
};
/** A third party (a mediator, a funder) is asked to help settle the complaint. */
export type ComplaintMediationStarted = {
  type: 'ComplaintMediationStarted';
  data: { complaintId: string; startedOn: string; mediator: string; reason: string };
};
export type ComplaintMediationEnded = {
  type: 'ComplaintMediationEnded';
  data: { complaintId: string; endedOn: string; result: string };
};
export type ComplaintReassigned = {
  type: 'ComplaintReassigned';
  data: { complaintId: string; ownerId: string; previousOwnerId: string | null };
};
export type ComplaintClosed = {
  type: 'ComplaintClosed';
  data: { complaintId: string; closedOn: string; outcome: ComplaintOutcome; note: string | null };
};
/** Taken up again (the complainant came back, the answer did not settle it): analysed anew, then answered. */
export type ComplaintReopened = {
  type: 'ComplaintReopened';
  data: { complaintId: string; reopenedOn: string; reason: string };
};

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintAcknowledged
  | ComplaintAnalysed
  | ComplaintAnswered
  | ComplaintRejected
  | ComplaintMediationStarted
  | ComplaintMediationEnded
  | ComplaintReassigned
  | ComplaintClosed
  | ComplaintReopened;
export const complaintEventTypes = [
  'ComplaintReceived',
  'ComplaintAcknowledged',
  'ComplaintAnalysed',
  'ComplaintAnswered',
  'ComplaintRejected',
  'ComplaintMediationStarted',
  'ComplaintMediationEnded',
  'ComplaintReassigned',
  'ComplaintClosed',
  'ComplaintReopened',
] as const satisfies ComplaintEvent['type'][];

/** Difficulties and disruptions are the slice's second aggregate; their types are listed with the slice's. */
export { incidentEventTypes } from './incident-events';

/** One stream per complaint: one decision at a time on it, and nothing else shares it. */
export const complaintStream = (complaintId: string) => `complaint-${complaintId}`;

/**
 * The vault subject of a complaint: the complainant's name, contact and words, and every free text written about
 * them, erasable together. An anonymous complaint has the same subject (its text may still name someone).
 */
export const complainantSubject = (data: { complaintId: string }) =>
  subjectId('complainant', data.complaintId);

/**
 * Name, contact, the claim, its files' names and every free text of the handling are personal: a complaint is
 * about a person's experience and the staff's words quote it. Channels, groups, dates, ids and outcomes are not.
 */
export const complaintPersonalData: PersonalDataDeclarations<ComplaintEvent> = {
  ComplaintReceived: [
    { field: 'name', subject: complainantSubject },
    { field: 'email', subject: complainantSubject, email: true },
    { field: 'phone', subject: complainantSubject },
    { field: 'postalAddress', subject: complainantSubject },
    { field: 'text', subject: complainantSubject },
    { field: 'attachments', subject: complainantSubject },
  ],
  ComplaintAcknowledged: [{ field: 'message', subject: complainantSubject }],
  ComplaintAnalysed: [{ field: 'causes', subject: complainantSubject }],
  ComplaintAnswered: [{ field: 'answer', subject: complainantSubject }],
  ComplaintRejected: [{ field: 'reasons', subject: complainantSubject }],
  ComplaintMediationStarted: [
    { field: 'mediator', subject: complainantSubject },
    { field: 'reason', subject: complainantSubject },
  ],
  ComplaintMediationEnded: [{ field: 'result', subject: complainantSubject }],
  ComplaintReassigned: noPersonalData,
  ComplaintClosed: [{ field: 'note', subject: complainantSubject }],
  ComplaintReopened: [{ field: 'reason', subject: complainantSubject }],
};

/** A complaint names its owners, members of staff, by id. */
export const complaintSubjectReferences: SubjectReferences<ComplaintEvent> = {
  ComplaintReceived: (data) => (data.ownerId ? [subjectId('user', data.ownerId)] : []),
  ComplaintReassigned: (data) =>
    [data.ownerId, data.previousOwnerId]
      .filter((id): id is string => id !== null)
      .map((id) => subjectId('user', id)),
};

/** French labels, as the register and the binder show them. */
export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, string> = {
  web_form: 'formulaire en ligne',
  email: 'courriel',
  phone: 'téléphone',
  letter: 'courrier',
  in_person: 'en personne',
};
export const COMPLAINANT_GROUP_LABELS: Record<ComplainantGroup, string> = {
  learner: 'apprenant',
  funder: 'financeur',
  trainer: 'équipe pédagogique',
  company: 'entreprise',
  other: 'autre',
};
export const COMPLAINT_OUTCOME_LABELS: Record<ComplaintOutcome, string> = {
  resolved: 'résolue',
  partly_resolved: 'partiellement résolue',
  not_resolved: 'non résolue',
  withdrawn: 'retirée',
};

const source = (data: { complaintId: string }) => ({ type: 'complaint', id: data.complaintId });

/**
 * Every step of the handling evidences indicator 31: the acknowledgement and the answer above all. Titles name no
 * person (only labels and dates); summaries quote nothing personal either, since the vault may erase it.
 */
export const complaintEvidence: EvidenceDeclarations<ComplaintEvent> = {
  ComplaintReceived: {
    indicators: [31],
    kind: 'complaint_received',
    title: (data) =>
      `Réclamation reçue (${COMPLAINT_CHANNEL_LABELS[data.channel]}, ${COMPLAINANT_GROUP_LABELS[data.group]}) — ${frenchDate(data.receivedOn)}`,
    source,
    concerns: (data) => ({ sessionId: data.about.sessionId, trainingActionId: data.about.trainingActionId }),
  },
  ComplaintAcknowledged: {
    indicators: [31],
    kind: 'complaint_acknowledged',
    title: (data) =>
      `Accusé de réception ${data.sentByEmail ? 'envoyé par courriel' : 'transmis'} — ${frenchDate(data.acknowledgedOn)}`,
    source,
  },
  ComplaintAnalysed: {
    indicators: [31],
    kind: 'complaint_analysed',
    title: (data) => `Analyse des causes d’une réclamation — ${frenchDate(data.analysedOn)}`,
    source,
  },
  ComplaintAnswered: {
    indicators: [31],
    kind: 'complaint_answered',
    title: (data) =>
      `Réponse ${data.sentByEmail ? 'envoyée par courriel' : 'apportée'} au réclamant — ${frenchDate(data.answeredOn)}`,
    source,
  },
  ComplaintRejected: {
    indicators: [31],
    kind: 'complaint_rejected',
    title: (data) => `Réclamation jugée non fondée, motifs communiqués — ${frenchDate(data.rejectedOn)}`,
    source,
  },
  ComplaintMediationStarted: {
    indicators: [31],
    kind: 'complaint_mediation',
    title: (data) => `Médiation engagée — ${frenchDate(data.startedOn)}`,
    source,
  },
  ComplaintMediationEnded: {
    indicators: [31],
    kind: 'complaint_mediation',
    title: (data) => `Médiation terminée — ${frenchDate(data.endedOn)}`,
    source,
  },
  ComplaintClosed: {
    indicators: [31],
    kind: 'complaint_closed',
    title: (data) =>
      `Réclamation clôturée (${COMPLAINT_OUTCOME_LABELS[data.outcome]}) — ${frenchDate(data.closedOn)}`,
    source,
  },
};
