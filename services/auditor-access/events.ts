import { noPersonalData, type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/** What an auditor did with a link: opened it (a session began), or downloaded a binder. */
export const AUDITOR_ACCESS_KINDS = ['opened', 'binder_downloaded'] as const;
export type AuditorAccessKind = (typeof AUDITOR_ACCESS_KINDS)[number];

export interface AuditorAccessGrant {
  linkId: string;
  /** The auditor's name and address: personal data, sealed with the link as subject. */
  auditorName: string;
  auditorEmail: string;
  /** The audit the link is for, when one was named. */
  auditId: string | null;
  /** Paris days, inclusive, and the instants they span (ISO 8601). */
  fromDay: string;
  untilDay: string;
  validFrom: string;
  validUntil: string;
  /** The binders the link covers; null: every binder completed when the link is used. */
  binderExportIds: string[] | null;
  grantedBy: string;
}

export type AuditorAccessGranted = { type: 'AuditorAccessGranted'; data: AuditorAccessGrant };
export type AuditorAccessRevoked = {
  type: 'AuditorAccessRevoked';
  data: { linkId: string; revokedBy: string };
};
/**
 * One use of a link. `origin` tells accesses from different networks apart without naming one: a keyed hash of
 * the client's network (IPv4 /24, IPv6 /48) and the link, so it cannot be matched across links nor reversed
 * without the server's key.
 */
export type AuditorAccessUsed = {
  type: 'AuditorAccessUsed';
  data: {
    linkId: string;
    accessId: string;
    what: AuditorAccessKind;
    binderExportId: string | null;
    origin: string | null;
  };
};

export type AuditorAccessEvent = AuditorAccessGranted | AuditorAccessRevoked | AuditorAccessUsed;
export const auditorAccessEventTypes = [
  'AuditorAccessGranted',
  'AuditorAccessRevoked',
  'AuditorAccessUsed',
] as const satisfies AuditorAccessEvent['type'][];

/** One stream per link: its grant, its revocation and its uses, which one auditor makes one at a time. */
export const auditorLinkStream = (linkId: string) => `auditorlink-${linkId}`;

const auditor = (data: { linkId: string }) => subjectId('contact', data.linkId);

/** The auditor's name and address are theirs; revocations and uses hold ids, kinds and a keyed hash only. */
export const auditorAccessPersonalData: PersonalDataDeclarations<AuditorAccessEvent> = {
  AuditorAccessGranted: [
    { field: 'auditorName', subject: auditor },
    { field: 'auditorEmail', subject: auditor, email: true },
  ],
  AuditorAccessRevoked: noPersonalData,
  AuditorAccessUsed: noPersonalData,
};
