import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { auditorAccessDecider } from './decider';
import type { AuditorAccessEvent } from './events';

const spec = deciderSpec(auditorAccessDecider);
const TODAY = '2026-03-02';
const grant = {
  linkId: 'l1',
  auditorName: 'Claire Auditrice',
  auditorEmail: 'claire@certif.example',
  auditId: null,
  fromDay: TODAY,
  untilDay: '2026-03-15',
  binderExportIds: ['b1'],
  grantedBy: 'u1',
};
// Paris is UTC+1 in March before the change of time on the 29th.
const granted: AuditorAccessEvent = {
  type: 'AuditorAccessGranted',
  data: { ...grant, validFrom: '2026-03-01T23:00:00.000Z', validUntil: '2026-03-15T23:00:00.000Z' },
};
const revoked: AuditorAccessEvent = { type: 'AuditorAccessRevoked', data: { linkId: 'l1', revokedBy: 'u1' } };
const use = (
  at: string,
  what: 'opened' | 'binder_downloaded' = 'opened',
  binderExportId: string | null = null,
) =>
  ({
    type: 'UseAuditorAccess',
    accessId: 'a1',
    what,
    binderExportId,
    origin: 'net-1',
    now: new Date(at),
  }) as const;

describe('auditor access decider', () => {
  it('grants a link for whole Paris days, from the start of the first to the end of the last', () => {
    spec.given([]).when({ type: 'GrantAuditorAccess', grant, today: TODAY }).thenEmits([granted]);
  });

  it('refuses a link that starts before today, ends before it starts, or lasts more than 60 days', () => {
    const when = (fromDay: string, untilDay: string) =>
      spec
        .given([])
        .when({ type: 'GrantAuditorAccess', grant: { ...grant, fromDay, untilDay }, today: TODAY });
    when('2026-03-01', '2026-03-10').thenRejects('auditor_link_starts_in_past', 400);
    when('2026-03-05', '2026-03-04').thenRejects('auditor_link_window_invalid', 400);
    when(TODAY, '2026-05-01').thenRejects('auditor_link_too_long', 400);
    when(TODAY, '2026-04-30').thenMatches([{ type: 'AuditorAccessGranted' }]);
  });

  it('grants a link once', () => {
    spec
      .given([granted])
      .when({ type: 'GrantAuditorAccess', grant, today: TODAY })
      .thenRejects('auditor_link_exists', 409);
  });

  it('records each use within the window, with what was done and no address', () => {
    spec
      .given([granted])
      .when(use('2026-03-10T09:00:00Z'))
      .thenEmits([
        {
          type: 'AuditorAccessUsed',
          data: { linkId: 'l1', accessId: 'a1', what: 'opened', binderExportId: null, origin: 'net-1' },
        },
      ]);
  });

  it('refuses a use after the window (410 expired), before it (403), or once revoked (410 revoked)', () => {
    spec.given([granted]).when(use('2026-03-15T23:00:00Z')).thenRejects('auditor_link_expired', 410);
    spec.given([granted]).when(use('2026-03-01T22:59:59Z')).thenRejects('auditor_link_not_yet_valid', 403);
    spec.given([granted, revoked]).when(use('2026-03-10T09:00:00Z')).thenRejects('auditor_link_revoked', 410);
  });

  it('downloads only the binders the link names; a link that names none covers any', () => {
    spec
      .given([granted])
      .when(use('2026-03-10T09:00:00Z', 'binder_downloaded', 'b1'))
      .thenMatches([{ data: { what: 'binder_downloaded', binderExportId: 'b1' } }]);
    spec
      .given([granted])
      .when(use('2026-03-10T09:00:00Z', 'binder_downloaded', 'b2'))
      .thenRejects('binder_not_covered', 403);
    const open = { ...granted, data: { ...granted.data, binderExportIds: null } } as AuditorAccessEvent;
    spec
      .given([open])
      .when(use('2026-03-10T09:00:00Z', 'binder_downloaded', 'b2'))
      .thenMatches([{ data: { binderExportId: 'b2' } }]);
  });

  it('revokes a granted link once; an unknown link is not found', () => {
    spec.given([granted]).when({ type: 'RevokeAuditorAccess', revokedBy: 'u1' }).thenEmits([revoked]);
    spec.given([granted, revoked]).when({ type: 'RevokeAuditorAccess', revokedBy: 'u1' }).thenNothing();
    spec
      .given([])
      .when({ type: 'RevokeAuditorAccess', revokedBy: 'u1' })
      .thenRejects('auditor_link_not_found', 404);
  });
});
