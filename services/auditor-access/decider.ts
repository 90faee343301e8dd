import type { Decider } from '../kernel/command';
import { AppError, badRequest, conflict, notFound } from '../kernel/errors';
import { startOfNextParisDay, startOfParisDay } from '../kernel/paris-time';
import type { AuditorAccessEvent, AuditorAccessGrant, AuditorAccessKind } from './events';

/** A link lasts this many days unless the admin says otherwise, and never longer than the maximum. */
export const DEFAULT_LINK_DAYS = 14;
export const MAX_LINK_DAYS = 60;

export type AuditorAccessCommand =
  | {
      type: 'GrantAuditorAccess';
      grant: Omit<AuditorAccessGrant, 'validFrom' | 'validUntil'>;
      /** Today in Paris (YYYY-MM-DD). */
      today: string;
    }
  | { type: 'RevokeAuditorAccess'; revokedBy: string }
  | {
      type: 'UseAuditorAccess';
      accessId: string;
      what: AuditorAccessKind;
      binderExportId: string | null;
      origin: string | null;
      now: Date;
    };

export interface AuditorAccessState {
  grant: AuditorAccessGrant | null;
  revoked: boolean;
}

/** Days from one calendar date to another (both YYYY-MM-DD), counted on the calendar. */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const granted = (state: AuditorAccessState) => {
  if (!state.grant) throw notFound('auditor_link_not_found', 'No such auditor link');
  return state.grant;
};

/** Whether the link may be used at this instant; refuses with the code the auditor's page explains. */
const usable = (state: AuditorAccessState, now: Date) => {
  const grant = granted(state);
  if (state.revoked) throw new AppError(410, 'auditor_link_revoked', 'This link was revoked');
  if (now.getTime() >= Date.parse(grant.validUntil)) {
    throw new AppError(410, 'auditor_link_expired', 'This link has expired', {
      validUntil: grant.validUntil,
    });
  }
  if (now.getTime() < Date.parse(grant.validFrom)) {
    throw new AppError(403, 'auditor_link_not_yet_valid', 'This link opens later', {
      validFrom: grant.validFrom,
    });
  }
  return grant;
};

/** An auditor's access link: granted once for a window of days, used within it, revocable at any time. */
export const auditorAccessDecider: Decider<AuditorAccessState, AuditorAccessCommand, AuditorAccessEvent> = {
  initialState: { grant: null, revoked: false },
  evolve(state, event) {
    switch (event.type) {
      case 'AuditorAccessGranted':
        return { ...state, grant: event.data };
      case 'AuditorAccessRevoked':
        return { ...state, revoked: true };
      case 'AuditorAccessUsed':
        return state;
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'GrantAuditorAccess': {
        if (state.grant) throw conflict('auditor_link_exists', 'This link was already granted');
        const { grant, today } = command;
        if (grant.fromDay < today) {
          throw badRequest('auditor_link_starts_in_past', 'A link starts today or later', { today });
        }
        const days = daysBetween(grant.fromDay, grant.untilDay) + 1;
        if (days < 1) throw badRequest('auditor_link_window_invalid', 'The link ends before it starts');
        if (days > MAX_LINK_DAYS) {
          throw badRequest('auditor_link_too_long', `A link lasts at most ${MAX_LINK_DAYS} days`, {
            maxDays: MAX_LINK_DAYS,
          });
        }
        return [
          {
            type: 'AuditorAccessGranted',
            data: {
              ...grant,
              validFrom: startOfParisDay(grant.fromDay).toISOString(),
              validUntil: startOfNextParisDay(grant.untilDay).toISOString(),
            },
          },
        ];
      }
      case 'RevokeAuditorAccess': {
        const grant = granted(state);
        if (state.revoked) return [];
        return [
          { type: 'AuditorAccessRevoked', data: { linkId: grant.linkId, revokedBy: command.revokedBy } },
        ];
      }
      case 'UseAuditorAccess': {
        const grant = usable(state, command.now);
        if (command.what === 'binder_downloaded') {
          const covered = grant.binderExportIds;
          if (!command.binderExportId || (covered && !covered.includes(command.binderExportId))) {
            throw new AppError(403, 'binder_not_covered', 'This link does not cover this binder');
          }
        }
        return [
          {
            type: 'AuditorAccessUsed',
            data: {
              linkId: grant.linkId,
              accessId: command.accessId,
              what: command.what,
              binderExportId: command.what === 'binder_downloaded' ? command.binderExportId : null,
              origin: command.origin,
            },
          },
        ];
      }
    }
  },
};
