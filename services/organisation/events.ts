import type { EvidenceDeclarations } from '../kernel/evidence';
import type { ActionCategory } from '../referential';

export type PostalAddress = {
  street: string;
  /** Building, floor, BP…; null when none. */
  complement: string | null;
  postalCode: string;
  city: string;
};

/** The image types a logo may have, recognised from its bytes. */
export const LOGO_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoMediaType = (typeof LOGO_MEDIA_TYPES)[number];

/** Audits as the certifier recorded them. */
export const AUDIT_KINDS = ['initial', 'surveillance', 'renewal'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export type RecordedAudit = { kind: AuditKind; on: string };

/** What public forms tell respondents about the processing of their answers (GDPR, art. 13). */
export type PrivacyNotice = {
  /** Who processes the answers. */
  controller: string;
  /** Why they are collected. */
  purpose: string;
  /** How long they are kept. */
  retention: string;
  /** Whom to contact to exercise one's rights. */
  contact: string;
};

export type OrganisationIdentityRecorded = {
  type: 'OrganisationIdentityRecorded';
  data: {
    legalName: string;
    /** 14 digits, no spaces. */
    siret: string;
    /** Numéro de déclaration d'activité, 11 digits; null until the prefecture has given one. */
    nda: string | null;
    address: PostalAddress;
    /** Shown on public pages. */
    contactEmail: string;
  };
};
export type OrganisationLogoChanged = {
  type: 'OrganisationLogoChanged';
  /** The bytes live in `organisation_logos`, keyed by their SHA-256. */
  data: { sha256: string; mediaType: LogoMediaType; size: number };
};
export type OrganisationLogoRemoved = { type: 'OrganisationLogoRemoved'; data: Record<string, never> };
export type OrganisationSiteAdded = { type: 'OrganisationSiteAdded'; data: { siteId: string; name: string } };
export type OrganisationSiteRenamed = {
  type: 'OrganisationSiteRenamed';
  data: { siteId: string; name: string };
};
export type OrganisationSiteClosed = { type: 'OrganisationSiteClosed'; data: { siteId: string } };
export type OrganisationActivitiesDeclared = {
  type: 'OrganisationActivitiesDeclared';
  data: {
    categories: ActionCategory[];
    certifying: boolean;
    subcontracting: boolean;
    workBasedTraining: boolean;
    alternance: boolean;
    /** First year of activity, or a new category of action (its first audit cycle). */
    newEntrant: boolean;
  };
};
export type OrganisationCertificationRecorded = {
  type: 'OrganisationCertificationRecorded';
  data: {
    certifierName: string;
    certificateNumber: string;
    /** Calendar dates YYYY-MM-DD. */
    issuedOn: string;
    expiresOn: string;
    audits: RecordedAudit[];
  };
};
export type PrivacyNoticeUpdated = { type: 'PrivacyNoticeUpdated'; data: PrivacyNotice };

export type OrganisationProfileEvent =
  | OrganisationIdentityRecorded
  | OrganisationLogoChanged
  | OrganisationLogoRemoved
  | OrganisationSiteAdded
  | OrganisationSiteRenamed
  | OrganisationSiteClosed
  | OrganisationActivitiesDeclared
  | OrganisationCertificationRecorded
  | PrivacyNoticeUpdated;

export const organisationProfileEventTypes = [
  'OrganisationIdentityRecorded',
  'OrganisationLogoChanged',
  'OrganisationLogoRemoved',
  'OrganisationSiteAdded',
  'OrganisationSiteRenamed',
  'OrganisationSiteClosed',
  'OrganisationActivitiesDeclared',
  'OrganisationCertificationRecorded',
  'PrivacyNoticeUpdated',
] as const satisfies OrganisationProfileEvent['type'][];

/** One stream per organisation; its creation stays in the access slice (`organisation-<id>`). */
export const organisationProfileStream = (organisationId: string) => `organisation-profile-${organisationId}`;

/** The profile is context for the audit, not evidence of criteria 6–7 on its own. */
export const organisationProfileEvidence: EvidenceDeclarations<OrganisationProfileEvent> = {};
