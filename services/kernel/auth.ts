import { forbidden, unauthorized } from './errors';

export const ROLES = ['admin', 'quality_manager', 'contributor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Which roles may run which commands; every member reads, auditors only read. */
const PERMISSIONS = {
  'training:manage': ['admin', 'quality_manager'],
  'feedback:manage': ['admin', 'quality_manager'],
  /** Logging a contact with a funder or a company (indicator 30): whoever met them. */
  'contact:log': ['admin', 'quality_manager', 'contributor'],
  /** Correcting or removing a logged contact. */
  'contact:manage': ['admin', 'quality_manager'],
  /** Reading stakeholders' free comments (personal data): those who act on them, and auditors. */
  'feedback:comments': ['admin', 'quality_manager', 'auditor'],
  /** Recording a complaint received by phone, letter, in person… (indicator 31): whoever received it. */
  'complaint:record': ['admin', 'quality_manager', 'contributor'],
  /** Handling complaints (acknowledge, answer, close…), reading complainants' data, setting the deadlines. */
  'complaint:handle': ['admin', 'quality_manager'],
  'organisation:manage': ['admin'],
  'mail:read': ['admin'],
  'privacy:erase': ['admin'],
  /** Looking a person up and exporting what is held about them (subject access, portability). */
  'privacy:access': ['admin'],
  'team:manage': ['admin'],
  /** Publishing and withdrawing result figures (indicator 2). */
  'results:publish': ['admin', 'quality_manager'],
  /** Recording a difficulty or a disruption, and the measures taken: whoever faces it (indicator 31). */
  'incident:record': ['admin', 'quality_manager', 'contributor'],
  /** Resolving, reopening, and starting an improvement action from one. */
  'incident:manage': ['admin', 'quality_manager'],
  /** Reading every record's free text (it speaks of people); a contributor reads the ones they recorded. */
  'incident:details': ['admin', 'quality_manager', 'auditor'],
  /** Planning and recording audits, their non-conformities and corrective-action requests. */
  'audit:manage': ['admin', 'quality_manager'],
  /** Reading audits and downloading their reports: every member. */
  'audit:read': ['admin', 'quality_manager', 'contributor', 'auditor'],
  /** A personal calendar feed (`.ics`) of the organisation's calendar: every member may subscribe. */
  'calendar:subscribe': ['admin', 'quality_manager', 'contributor', 'auditor'],
  /** Planning and carrying improvement actions (indicator 32): any member who may act owns some. */
  'action:manage': ['admin', 'quality_manager', 'contributor'],
  /** Recording a watch note (criterion 6): whoever reads the source. */
  'watch:record': ['admin', 'quality_manager', 'contributor'],
  /** Analysing, passing on, archiving notes, asking for an action from one, and setting the watch delay. */
  'watch:manage': ['admin', 'quality_manager'],
  /** Exporting an audit binder: those who prepare the audit. */
  'binder:export': ['admin', 'quality_manager'],
  /** Downloading a binder: those who prepare the audit, and the auditor. */
  'binder:read': ['admin', 'quality_manager', 'auditor'],
  /** Adding evidence documents, their new versions, and withdrawing them. */
  'document:manage': ['admin', 'quality_manager'],
  /** Reading evidence documents and downloading their files: every member. */
  'document:read': ['admin', 'quality_manager', 'contributor', 'auditor'],
  /** Writing the self-assessment (approach, linked evidence, rating) of each applicable indicator. */
  'self-assessment:manage': ['admin', 'quality_manager'],
  /** Granting an outside auditor a time-limited link to the organisation's data, and revoking it. */
  'auditor-access:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * A time-limited access link a request acts under instead of an account (an outside auditor's): it reads as the
 * `auditor` role does, never writes, and records each binder it downloads.
 */
export interface AccessLink {
  linkId: string;
  expiresAt: Date;
  /** The binders it may download; null: every binder completed when it is used. */
  binderExportIds: readonly string[] | null;
  /** Records the download on the link (an event); refuses with 403 or 410 when the link no longer allows it. */
  recordBinderDownload(exportId: string): Promise<void>;
}

/** The signed-in user a request acts for; every command and read is scoped to `organisationId`. */
export interface Viewer {
  userId: string;
  organisationId: string;
  role: Role;
  email: string;
  displayName: string;
  /** Set when the request comes through an auditor's access link rather than a member's account. */
  link?: AccessLink;
}

/** Whether the viewer may read this binder: any, unless an access link names the ones it covers. */
export const coversBinder = (viewer: Viewer, exportId: string): boolean =>
  !viewer.link?.binderExportIds || viewer.link.binderExportIds.includes(exportId);

/** Whether the role holds the permission. */
export const can = (role: Role, permission: Permission): boolean =>
  (PERMISSIONS[permission] as readonly Role[]).includes(role);

/** Throws 401 without a viewer, 403 when the role lacks the permission. */
export const requirePermission = (viewer: Viewer | undefined, permission: Permission): Viewer => {
  if (!viewer) throw unauthorized();
  if (!can(viewer.role, permission)) throw forbidden();
  return viewer;
};
