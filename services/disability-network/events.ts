import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import { type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/** The partners indicator 26 names, and others by name. */
export const DISABILITY_PARTNER_KINDS = ['cap_emploi', 'mdph', 'agefiph', 'fiphfp', 'other'] as const;
export type DisabilityPartnerKind = (typeof DISABILITY_PARTNER_KINDS)[number];

/** Someone to call at a partner: personal data. */
export interface PartnerContact {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

export interface DisabilityPartner {
  partnerId: string;
  kind: DisabilityPartnerKind;
  /** The partner organisation's name ("Cap emploi 69"): a legal entity, not a person. */
  name: string;
  contacts: PartnerContact[];
}

export interface ReferentTraining {
  title: string;
  /** Paris date, YYYY-MM-DD. */
  on: string;
  provider: string;
}

export type DisabilityPartnerListed = { type: 'DisabilityPartnerListed'; data: DisabilityPartner };
export type DisabilityPartnerUpdated = { type: 'DisabilityPartnerUpdated'; data: DisabilityPartner };
export type DisabilityPartnerRemoved = { type: 'DisabilityPartnerRemoved'; data: { partnerId: string } };
/** The disability referent: a member by id, or a named person; with the trainings that keep them up to date. */
export type DisabilityReferentSet = {
  type: 'DisabilityReferentSet';
  data: { referentId: string; memberId: string | null; name: string | null; trainings: ReferentTraining[] };
};
export type DisabilityNetworkMeetingHeld = {
  type: 'DisabilityNetworkMeetingHeld';
  data: {
    meetingId: string;
    partnerId: string;
    partnerName: string;
    on: string;
    subject: string;
    outcome: string;
  };
};

export type DisabilityNetworkEvent =
  | DisabilityPartnerListed
  | DisabilityPartnerUpdated
  | DisabilityPartnerRemoved
  | DisabilityReferentSet
  | DisabilityNetworkMeetingHeld;
export const disabilityNetworkEventTypes = [
  'DisabilityPartnerListed',
  'DisabilityPartnerUpdated',
  'DisabilityPartnerRemoved',
  'DisabilityReferentSet',
  'DisabilityNetworkMeetingHeld',
] as const satisfies DisabilityNetworkEvent['type'][];

/** One stream per organisation: a short list, changed by one person at a time. */
export const disabilityNetworkStream = (organisationId: string) => `disabilitynetwork-${organisationId}`;

export const PARTNER_KIND_LABELS: Record<DisabilityPartnerKind, string> = {
  cap_emploi: 'Cap emploi',
  mdph: 'MDPH',
  agefiph: 'Agefiph',
  fiphfp: 'FIPHFP',
  other: 'autre partenaire',
};

const partner = (data: { partnerId: string }) => ({ type: 'disability_partner', id: data.partnerId });

/** Every fact of the network evidences 26; titles name partner organisations, never a person. */
export const disabilityNetworkEvidence: EvidenceDeclarations<DisabilityNetworkEvent> = {
  DisabilityPartnerListed: {
    indicators: [26],
    kind: 'disability_partner',
    title: (data) => `Partenaire du réseau handicap : ${data.name} (${PARTNER_KIND_LABELS[data.kind]})`,
    source: partner,
  },
  DisabilityPartnerUpdated: {
    indicators: [26],
    kind: 'disability_partner_updated',
    title: (data) =>
      `Partenaire du réseau handicap mis à jour : ${data.name} (${PARTNER_KIND_LABELS[data.kind]})`,
    source: partner,
  },
  DisabilityPartnerRemoved: {
    indicators: [26],
    kind: 'disability_partner_removed',
    title: () => 'Partenaire retiré du réseau handicap',
    source: partner,
  },
  DisabilityReferentSet: {
    indicators: [26],
    kind: 'disability_referent',
    title: (data) =>
      `Référent handicap désigné${data.trainings.length > 0 ? ` — ${data.trainings.length} formation(s)` : ''}`,
    source: (data) => ({ type: 'disability_referent', id: data.referentId }),
  },
  DisabilityNetworkMeetingHeld: {
    indicators: [26],
    kind: 'disability_meeting',
    title: (data) => `Rencontre avec le réseau handicap : ${data.partnerName} — ${frenchDate(data.on)}`,
    summary: (data) => data.subject,
    source: partner,
  },
};

const contactsOf = (data: { partnerId: string }) => subjectId('contact', data.partnerId);
const referent = (data: { referentId: string; memberId: string | null }) =>
  data.memberId ? subjectId('user', data.memberId) : subjectId('contact', data.referentId);

/**
 * A partner's contacts (names, roles, e-mails, phones) are sealed with the partner as subject; a referent named
 * outside the team is a contact of their own; a meeting's subject and outcome are free text, sealed with the
 * partner. Partner names are organisations'.
 */
export const disabilityNetworkPersonalData: PersonalDataDeclarations<DisabilityNetworkEvent> = {
  DisabilityPartnerListed: [{ field: 'contacts', subject: contactsOf }],
  DisabilityPartnerUpdated: [{ field: 'contacts', subject: contactsOf }],
  DisabilityPartnerRemoved: 'none',
  DisabilityReferentSet: [{ field: 'name', subject: referent }],
  DisabilityNetworkMeetingHeld: [
    { field: 'subject', subject: contactsOf },
    { field: 'outcome', subject: contactsOf },
  ],
};
