import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import { type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/** The stakeholder groups of indicator 30 whose views a logged contact records. */
export const PARTNER_GROUPS = ['funder', 'company'] as const;
export type PartnerGroup = (typeof PARTNER_GROUPS)[number];

/** How the organisation met the partner. */
export const CONTACT_KINDS = [
  'meeting',
  'phone_call',
  'webinar',
  'visit',
  'email_exchange',
  'other',
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Why a contact was removed from the log (the history keeps it). */
export const REMOVAL_REASONS = ['logged_in_error', 'duplicate', 'partner_request', 'other'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/** Someone the organisation spoke with: their name and role at the partner (personal data). */
export interface PersonMet {
  name: string;
  role: string | null;
}

/** The session a contact was about, as it was when the contact was recorded. */
export interface ContactSession {
  sessionId: string;
  trainingActionId: string;
  trainingTitle: string;
  sessionTitle: string;
}

/** What one revision of a contact says, as one value: a correction replaces it whole. */
export interface ContactContent {
  group: PartnerGroup;
  /** The partner organisation (an OPCO, a company…): a legal entity, not a person. */
  partnerName: string;
  kind: ContactKind;
  /** The Paris calendar date of the contact, YYYY-MM-DD. */
  contactOn: string;
  people: PersonMet[];
  /** What they said: the views indicator 30 asks to collect. */
  said: string;
  session: ContactSession | null;
  /** The follow-up decided, or null. */
  followUp: string | null;
}

export type PartnerContactLogged = {
  type: 'PartnerContactLogged';
  data: ContactContent & { contactId: string };
};
/** A new revision of the contact's content; earlier ones stay in the history. */
export type PartnerContactCorrected = {
  type: 'PartnerContactCorrected';
  data: ContactContent & { contactId: string; version: number };
};
/** Taken out of the log and the evidence lists; its history stays readable. */
export type PartnerContactRemoved = {
  type: 'PartnerContactRemoved';
  data: { contactId: string; reason: RemovalReason; note: string | null };
};

export type ContactLogEvent = PartnerContactLogged | PartnerContactCorrected | PartnerContactRemoved;
export const contactLogEventTypes = [
  'PartnerContactLogged',
  'PartnerContactCorrected',
  'PartnerContactRemoved',
] as const satisfies ContactLogEvent['type'][];

/** One stream per logged contact. */
export const partnerContactStream = (contactId: string) => `partnercontact-${contactId}`;

/** The vault subject of a contact: the people met and what they said, erasable together. */
export const contactSubject = (data: { contactId: string }) => subjectId('contact', data.contactId);

/** French labels of groups and kinds, as the binder shows them. */
export const PARTNER_GROUP_LABELS: Record<PartnerGroup, string> = {
  funder: 'financeur',
  company: 'entreprise',
};
export const CONTACT_KIND_LABELS: Record<ContactKind, string> = {
  meeting: 'réunion',
  phone_call: 'appel téléphonique',
  webinar: 'webinaire',
  visit: 'visite',
  email_exchange: 'échange de courriels',
  other: 'autre échange',
};

/** A logged contact is a solicitation of a funder's or a company's views: evidence for indicator 30. */
export const contactLogEvidence: EvidenceDeclarations<ContactLogEvent> = {
  PartnerContactLogged: {
    indicators: [30],
    kind: 'partner_contact',
    // The title names no person: only the summary quotes what was said, and an erasure scrubs it.
    title: (data) =>
      `Échange avec un ${PARTNER_GROUP_LABELS[data.group]} (${CONTACT_KIND_LABELS[data.kind]}) : ${data.partnerName} — ${frenchDate(data.contactOn)}`,
    summary: (data) => data.said,
    source: (data) => ({ type: 'partner_contact', id: data.contactId }),
    concerns: (data) => data.session,
  },
};

const contactFields = [
  { field: 'people', subject: contactSubject },
  { field: 'said', subject: contactSubject },
  { field: 'followUp', subject: contactSubject },
] as const;

/**
 * The people met, what they said and the follow-up (free text, personal by default) are sealed with the contact
 * as subject, so one contact can be erased alone; the partner's name is an organisation's, the rest are labels,
 * dates and ids. A removal's note is free text too.
 */
export const contactLogPersonalData: PersonalDataDeclarations<ContactLogEvent> = {
  PartnerContactLogged: contactFields,
  PartnerContactCorrected: contactFields,
  PartnerContactRemoved: [{ field: 'note', subject: contactSubject }],
};
