import { describe, expect, it } from 'vitest';
import { parisDate } from '../kernel/paris-time';
import {
  addMonths,
  certificationCycle,
  deadlineState,
  minorsCountAsMajor,
  ncDeadline,
  ncWarnings,
  requalifiedAtAudit,
  withinSurveillanceWindow,
} from './cycle';

describe('months after a day: the same day of the month, or the last day of a shorter month', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-04-30', 1, '2026-05-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-05-31', -3, '2026-02-28'],
    ['2026-01-10', -1, '2025-12-10'],
    ['2026-03-29', 6, '2026-09-29'],
  ])('%s + %i months = %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-01', '01/02/2026', ''])('refuses %j as a day', (day) => {
    expect(() => addMonths(day, 1)).toThrow(expect.objectContaining({ code: 'invalid_date', status: 400 }));
  });
});

describe('the certification cycle: surveillance from month 14 to month 22, renewal before month 36', () => {
  it.each([
    // issued, window opens, window closes, renewal deadline, book by
    ['2025-03-10', '2026-05-10', '2027-01-10', '2028-03-09', '2027-07-10'],
    ['2025-01-31', '2026-03-31', '2026-11-30', '2028-01-30', '2027-05-31'],
    ['2024-02-29', '2025-04-29', '2025-12-29', '2027-02-27', '2026-06-28'],
    ['2025-12-31', '2027-02-28', '2027-10-31', '2028-12-30', '2028-04-30'],
    ['2025-06-30', '2026-08-30', '2027-04-30', '2028-06-29', '2027-10-30'],
  ])(
    'issued %s: window %s–%s, renewal by %s, book by %s',
    (issuedOn, from, to, renewalDeadline, renewalBookBy) => {
      expect(certificationCycle(issuedOn)).toEqual({
        issuedOn,
        surveillanceWindow: { from, to },
        renewalDeadline,
        renewalBookBy,
      });
    },
  );

  it.each([
    ['2026-05-10', '2026-05-11', true],
    ['2027-01-09', '2027-01-10', true],
    ['2026-05-09', '2026-05-10', false],
    ['2027-01-10', '2027-01-11', false],
  ])(
    'an audit from %s to %s within the window of a certificate issued 2025-03-10: %s',
    (from, to, inside) => {
      expect(withinSurveillanceWindow(certificationCycle('2025-03-10'), from, to)).toBe(inside);
    },
  );
});

describe('non-conformity deadlines from the notification: major 3 months, minor 6 months', () => {
  it.each([
    ['major', '2026-03-15', '2026-06-15'],
    ['minor', '2026-03-15', '2026-09-15'],
    ['major', '2026-11-30', '2027-02-28'],
    ['major', '2027-11-30', '2028-02-29'],
    ['minor', '2026-08-31', '2027-02-28'],
    ['minor', '2027-08-31', '2028-02-29'],
    ['major', '2028-02-29', '2028-05-29'],
    // Notified on the days the hour changes in Paris: deadlines are days, nothing shifts.
    ['major', '2026-03-29', '2026-06-29'],
    ['minor', '2026-10-25', '2027-04-25'],
  ] as const)('a %s notified %s is due %s', (grade, notifiedOn, deadline) => {
    expect(ncDeadline(grade, notifiedOn)).toBe(deadline);
  });
});

describe('where a deadline stands: near from 14 days before, past the day after', () => {
  it.each([
    ['2026-06-15', '2026-05-31', 'on_track'],
    ['2026-06-15', '2026-06-01', 'near'],
    ['2026-06-15', '2026-06-15', 'near'],
    ['2026-06-15', '2026-06-16', 'past'],
    ['2026-03-01', '2026-02-15', 'near'],
    ['2028-03-01', '2028-02-16', 'near'],
    ['2028-03-01', '2028-02-15', 'on_track'],
  ] as const)('deadline %s on %s: %s', (deadline, today, state) => {
    expect(deadlineState(deadline, today)).toBe(state);
  });

  it('takes today as the Paris day, across the change of hour', () => {
    // 23:30 UTC on 28 March 2026 is 00:30 on 29 March in Paris (winter time, UTC+1): the deadline of the 28th is past.
    expect(deadlineState('2026-03-28', parisDate(new Date('2026-03-28T23:30:00Z')))).toBe('past');
    // 22:30 UTC on 24 October 2026 is 00:30 on 25 October in Paris (summer time, UTC+2).
    expect(deadlineState('2026-10-24', parisDate(new Date('2026-10-24T22:30:00Z')))).toBe('past');
    // 21:30 UTC on 24 October 2026 is still the 24th in Paris: the deadline is today, near.
    expect(deadlineState('2026-10-24', parisDate(new Date('2026-10-24T21:30:00Z')))).toBe('near');
  });
});

describe('five or more open minors count as a major', () => {
  it.each([
    [0, false],
    [4, false],
    [5, true],
    [6, true],
  ])('%i open minors: %s', (count, major) => {
    expect(minorsCountAsMajor(count)).toBe(major);
  });

  const minor = (deadline = '2027-12-01') => ({
    grade: 'minor' as const,
    open: true,
    notifiedOn: '2026-06-01',
    deadline,
  });

  it('warns at five open minors, not at four, and never counts closed ones', () => {
    const today = '2026-07-01';
    expect(
      ncWarnings(
        [1, 2, 3, 4].map(() => minor()),
        null,
        today,
      ),
    ).toEqual([]);
    expect(
      ncWarnings(
        [1, 2, 3, 4, 5].map(() => minor()),
        null,
        today,
      ),
    ).toEqual([{ code: 'minors_count_as_major', openMinors: 5 }]);
    const fiveWithOneClosed = [...[1, 2, 3, 4].map(() => minor()), { ...minor(), open: false }];
    expect(ncWarnings(fiveWithOneClosed, null, today)).toEqual([]);
  });

  it('warns of open minors when the next audit is within 60 days, of deadlines near and past', () => {
    const ncs = [
      minor('2026-07-10'),
      { grade: 'major' as const, open: true, notifiedOn: '2026-03-01', deadline: '2026-06-01' },
      { grade: 'major' as const, open: false, notifiedOn: '2026-03-01', deadline: '2026-06-01' },
    ];
    expect(ncWarnings(ncs, '2026-08-30', '2026-07-01')).toEqual([
      { code: 'minor_open_at_next_audit', openMinors: 1, nextAuditOn: '2026-08-30' },
      { code: 'deadline_near', count: 1 },
      { code: 'deadline_past', count: 1 },
    ]);
    expect(ncWarnings(ncs, '2026-08-31', '2026-07-01').map((warning) => warning.code)).toEqual([
      'deadline_near',
      'deadline_past',
    ]);
  });
});

describe('a minor still open at the next audit becomes major', () => {
  it.each([
    [{ grade: 'minor', open: true, notifiedOn: '2026-03-01' }, '2027-01-10', true],
    [{ grade: 'minor', open: false, notifiedOn: '2026-03-01' }, '2027-01-10', false],
    [{ grade: 'major', open: true, notifiedOn: '2026-03-01' }, '2027-01-10', false],
    // Notified at the audit itself: not "still open at the next audit".
    [{ grade: 'minor', open: true, notifiedOn: '2027-01-10' }, '2027-01-10', false],
  ] as const)('%j at an audit held %s: %s', (nc, heldOn, requalified) => {
    expect(requalifiedAtAudit(nc, heldOn)).toBe(requalified);
  });
});
