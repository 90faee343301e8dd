import { noPersonalData, type PersonalDataDeclarations } from '../privacy/declarations';
import type { ReadinessStatus } from './content';

/**
 * An audit binder's export, as facts: what was asked (period, indicators, the log position it stops at) and
 * how it ended — with the archive's SHA-256, so the log itself vouches for every binder the organisation handed
 * an auditor. The file lives outside the log, for a while; its hash stays.
 */
export type BinderExportRequested = {
  type: 'BinderExportRequested';
  data: {
    exportId: string;
    /** Paris days, inclusive. */
    from: string;
    to: string;
    indicators: number[];
    asOfPosition: number;
    asOfRecordedAt: string;
    requestedBy: string;
    /**
     * Audit readiness per indicator as stated when the binder was asked for "now" (the readiness rules read
     * today's read models, not the log at a position); absent for a binder drawn as of a past day. Writing the
     * binder again from this event gives the same bytes.
     */
    readiness?: StatedReadiness | null;
  };
};

/** Readiness by indicator number (as a string key, as JSON has it), its reasons in plain French. */
export type StatedReadiness = Record<string, { status: ReadinessStatus; reasons: string[] }>;
export type BinderExportCompleted = {
  type: 'BinderExportCompleted';
  data: {
    exportId: string;
    fileName: string;
    sha256: string;
    bytes: number;
    /** The signing key's fingerprint, as the manifest names it. */
    fingerprint: string;
    items: number;
    events: number;
  };
};
export type BinderExportFailed = { type: 'BinderExportFailed'; data: { exportId: string; reason: string } };
/** The file was removed after its keeping time (its hash and request stay in the log). */
export type BinderExportDiscarded = { type: 'BinderExportDiscarded'; data: { exportId: string } };

export type BinderExportEvent =
  | BinderExportRequested
  | BinderExportCompleted
  | BinderExportFailed
  | BinderExportDiscarded;

export const binderExportEventTypes = [
  'BinderExportRequested',
  'BinderExportCompleted',
  'BinderExportFailed',
  'BinderExportDiscarded',
] as const satisfies BinderExportEvent['type'][];

export const binderExportStream = (exportId: string) => `binderexport-${exportId}`;

/** Dates, numbers, hashes and ids; a failure's reason is the program's, never a person's words. */
export const binderExportPersonalData: PersonalDataDeclarations<BinderExportEvent> = {
  BinderExportRequested: noPersonalData,
  BinderExportCompleted: noPersonalData,
  BinderExportFailed: noPersonalData,
  BinderExportDiscarded: noPersonalData,
};
