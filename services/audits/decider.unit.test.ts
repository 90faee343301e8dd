import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { auditDecider } from './decider';
import type { AuditEvent, NonConformityEvent } from './events';
import { nonConformityDecider } from './nc-decider';

const audits = deciderSpec(auditDecider);
const ncs = deciderSpec(nonConformityDecider);
const auditId = 'a1';
const planned: AuditEvent = {
  type: 'AuditPlanned',
  data: {
    auditId,
    kind: 'surveillance',
    certifierName: 'Certif',
    plannedFrom: '2026-05-10',
    plannedTo: '2026-05-11',
  },
};
const held: AuditEvent = {
  type: 'AuditHeld',
  data: { auditId, heldFrom: '2026-05-10', heldTo: '2026-05-11' },
};

describe('audits: planned, held, report received', () => {
  it('refuses an audit whose last day is before its first', () => {
    audits
      .given([])
      .when({ ...planned.data, type: 'PlanAudit', plannedTo: '2026-05-09' } as never)
      .thenRejects('audit_dates_invalid', 400);
  });
  it('refuses to record as held an audit that has not taken place yet', () => {
    audits
      .given([planned])
      .when({ type: 'HoldAudit', heldFrom: '2026-05-10', heldTo: '2026-05-11', today: '2026-05-10' })
      .thenRejects('audit_date_in_future', 400);
  });
  it('receives a report only once the audit was held', () => {
    const receive = {
      type: 'ReceiveReport' as const,
      receivedOn: '2026-05-20',
      report: null,
      today: '2026-06-01',
    };
    audits.given([planned]).when(receive).thenRejects('audit_not_held', 409);
    audits
      .given([planned, held])
      .when(receive)
      .thenEmits([
        { type: 'AuditReportReceived', data: { auditId, receivedOn: '2026-05-20', report: null } },
      ]);
  });
  it('reschedules and cancels only a planned audit', () => {
    audits
      .given([planned, held])
      .when({ type: 'RescheduleAudit', plannedFrom: '2026-06-01', plannedTo: '2026-06-01' })
      .thenRejects('audit_not_planned', 409);
    audits
      .given([planned, held])
      .when({ type: 'CancelAudit', reason: 'other' })
      .thenRejects('audit_not_planned');
  });
});

const ncId = 'nc1';
const heldAudit = { auditId, kind: 'surveillance' as const, status: 'held' as const, heldFrom: '2026-05-10' };
const record = {
  type: 'RecordNonConformity' as const,
  nonConformityId: ncId,
  audit: heldAudit,
  indicator: 12,
  majorOnly: false,
  referentialVersion: '2019',
  grade: 'minor' as const,
  finding: 'Mesures d’abandon non appliquées',
  notifiedOn: '2026-05-15',
  recordedBy: 'u1',
  today: '2026-05-20',
};
const recorded: NonConformityEvent = {
  type: 'NonConformityRecorded',
  data: {
    nonConformityId: ncId,
    audit: { auditId, kind: 'surveillance' },
    indicator: 12,
    referentialVersion: '2019',
    grade: 'minor',
    finding: record.finding,
    notifiedOn: '2026-05-15',
    recordedBy: 'u1',
  },
};

describe('non-conformities: recorded from a held audit, requalified, closed with evidence', () => {
  it('records a minor on a graded indicator', () => {
    ncs.given([]).when(record).thenEmits([recorded]);
  });
  it('refuses a minor on a major-only indicator', () => {
    ncs
      .given([])
      .when({ ...record, indicator: 31, majorOnly: true })
      .thenRejects('minor_on_major_only_indicator', 400);
  });
  it('refuses a non-conformity from an audit not held yet', () => {
    ncs
      .given([])
      .when({ ...record, audit: { ...heldAudit, status: 'planned', heldFrom: null } })
      .thenRejects('audit_not_held', 409);
  });
  it('refuses a notification before the audit or after today', () => {
    ncs
      .given([])
      .when({ ...record, notifiedOn: '2026-05-09' })
      .thenRejects('notification_date_invalid');
    ncs
      .given([])
      .when({ ...record, notifiedOn: '2026-05-21' })
      .thenRejects('notification_date_invalid');
  });
  it('requalifies an open minor at the next audit, once; not a closed one', () => {
    const requalify = { type: 'Requalify' as const, atAuditId: 'a2', heldOn: '2027-01-10' };
    ncs
      .given([recorded])
      .when(requalify)
      .thenEmits([
        {
          type: 'NonConformityRequalified',
          data: { nonConformityId: ncId, indicator: 12, atAuditId: 'a2', requalifiedOn: '2027-01-10' },
        },
      ]);
    const requalified = ncs.given([recorded]).when(requalify).decided();
    ncs
      .given([recorded, ...requalified])
      .when(requalify)
      .thenNothing();
    const closed: NonConformityEvent = {
      type: 'NonConformityClosed',
      data: {
        nonConformityId: ncId,
        indicator: 12,
        closedOn: '2026-06-01',
        evidence: 'x',
        effective: false,
        closedBy: 'u1',
      },
    };
    ncs.given([recorded, closed]).when(requalify).thenNothing();
  });
  it('closes a major only when its corrective action is judged effective', () => {
    const major: NonConformityEvent = {
      ...recorded,
      data: { ...recorded.data, grade: 'major' },
    } as NonConformityEvent;
    const close = {
      type: 'CloseNonConformity' as const,
      closedOn: '2026-07-01',
      evidence: 'Procédure revue',
      effective: false,
      closedBy: 'u1',
      today: '2026-07-02',
    };
    ncs.given([major]).when(close).thenRejects('effectiveness_not_confirmed', 400);
    ncs
      .given([major])
      .when({ ...close, effective: true })
      .thenMatches([{ type: 'NonConformityClosed' }]);
    ncs
      .given([recorded])
      .when(close)
      .thenMatches([{ type: 'NonConformityClosed' }]);
  });
  it('refuses to close twice', () => {
    const closed: NonConformityEvent = {
      type: 'NonConformityClosed',
      data: {
        nonConformityId: ncId,
        indicator: 12,
        closedOn: '2026-06-01',
        evidence: 'x',
        effective: true,
        closedBy: 'u1',
      },
    };
    ncs
      .given([recorded, closed])
      .when({
        type: 'CloseNonConformity',
        closedOn: '2026-06-02',
        evidence: 'y',
        effective: true,
        closedBy: 'u1',
        today: '2026-06-03',
      })
      .thenRejects('non_conformity_closed', 409);
  });
});
