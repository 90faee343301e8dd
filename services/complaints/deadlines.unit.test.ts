import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors';
import { parisDate } from '../kernel/paris-time';
import {
  type ComplaintDates,
  type ComplaintDeadlineSettings,
  checkDeadlineSettings,
  complaintDates,
  deadlineStatistics,
  deadlineStatus,
  dueDates,
  isOverdue,
  median,
} from './deadlines';
import type { ComplaintEvent } from './events';

const settings: ComplaintDeadlineSettings = {
  acknowledgeWithinWorkingDays: 2,
  answerWithinWorkingDays: 10,
  calendar: 'metropolitan',
};

const dates = (overrides: Partial<ComplaintDates> = {}): ComplaintDates => ({
  receivedOn: '2026-04-30',
  acknowledgedOn: null,
  answeredOn: null,
  closedUnansweredOn: null,
  ...overrides,
});

describe('complaint due dates', () => {
  it.each([
    ['2026-04-30', '2026-05-05', '2026-05-19', 'across 1 May, 8 May, Ascension and weekends'],
    ['2026-12-18', '2026-12-22', '2027-01-05', 'across Christmas and New Year'],
    ['2026-05-15', '2026-05-19', '2026-06-01', 'across Whit Monday'],
    ['2026-12-05', '2026-12-08', '2026-12-18', 'received on a Saturday'],
  ])(
    'a complaint received on %s is to be acknowledged by %s and answered by %s (%s)',
    (receivedOn, ack, answer) => {
      expect(dueDates(receivedOn, settings)).toEqual({ acknowledgeBy: ack, answerBy: answer });
    },
  );

  it.each([
    ['2026-03-29T21:59:59Z', '2026-03-31', 'late on the Sunday of the spring change, summer time'],
    ['2026-03-29T22:00:00Z', '2026-04-01', 'the first instant of Monday in summer time'],
    ['2026-10-25T22:59:59Z', '2026-10-27', 'late on the Sunday of the autumn change, winter time'],
    ['2026-10-25T23:00:00Z', '2026-10-28', 'the first instant of Monday in winter time'],
  ])('a complaint filed at %s is to be acknowledged by %s (%s)', (instant, ack) => {
    expect(dueDates(parisDate(new Date(instant)), settings).acknowledgeBy).toBe(ack);
  });

  it('counts Alsace-Moselle’s Good Friday when the organisation is there', () => {
    const oneDay = { ...settings, acknowledgeWithinWorkingDays: 1 };
    expect(dueDates('2026-04-02', oneDay).acknowledgeBy).toBe('2026-04-03');
    expect(dueDates('2026-04-02', { ...oneDay, calendar: 'alsace_moselle' }).acknowledgeBy).toBe(
      '2026-04-07',
    );
  });
});

describe('complaint deadline status', () => {
  it('is pending on the due date itself and overdue the working day after', () => {
    expect(deadlineStatus(dates(), settings, '2026-05-05').acknowledgement.state).toBe('pending');
    expect(isOverdue(dates(), settings, '2026-05-05')).toBe(false);
    expect(deadlineStatus(dates(), settings, '2026-05-06').acknowledgement).toEqual({
      dueOn: '2026-05-05',
      doneOn: null,
      state: 'overdue',
      workingDays: null,
    });
    expect(isOverdue(dates(), settings, '2026-05-06')).toBe(true);
  });

  it('tells an acknowledgement in time from a late one, with the working days it took', () => {
    expect(
      deadlineStatus(dates({ acknowledgedOn: '2026-05-05' }), settings, '2026-05-20').acknowledgement,
    ).toEqual({
      dueOn: '2026-05-05',
      doneOn: '2026-05-05',
      state: 'in_time',
      workingDays: 2,
    });
    expect(
      deadlineStatus(dates({ acknowledgedOn: '2026-05-06' }), settings, '2026-05-20').acknowledgement,
    ).toMatchObject({ state: 'late', workingDays: 3 });
  });

  it('flags an acknowledged complaint whose answer is overdue', () => {
    const acknowledged = dates({ acknowledgedOn: '2026-05-04' });
    expect(isOverdue(acknowledged, settings, '2026-05-19')).toBe(false);
    expect(isOverdue(acknowledged, settings, '2026-05-20')).toBe(true);
    expect(isOverdue({ ...acknowledged, answeredOn: '2026-05-20' }, settings, '2026-05-21')).toBe(false);
  });

  it('owes nothing more on a complaint withdrawn before it was answered', () => {
    const withdrawn = dates({ acknowledgedOn: '2026-05-04', closedUnansweredOn: '2026-05-06' });
    const status = deadlineStatus(withdrawn, settings, '2026-06-30');
    expect(status.acknowledgement.state).toBe('in_time');
    expect(status.answer.state).toBe('not_required');
    expect(isOverdue(withdrawn, settings, '2026-06-30')).toBe(false);
  });
});

describe('complaint deadline statistics', () => {
  it('gives the share handled in time, overdue ones counting against it, and the median working days', () => {
    const complaints = [
      dates({ acknowledgedOn: '2026-05-04', answeredOn: '2026-05-12' }),
      dates({ acknowledgedOn: '2026-05-06', answeredOn: '2026-05-20' }),
      dates({ receivedOn: '2026-05-15' }),
      dates({ receivedOn: '2026-05-15', closedUnansweredOn: '2026-05-18' }),
    ];
    expect(deadlineStatistics(complaints, settings, '2026-05-20')).toEqual({
      complaints: 4,
      acknowledgement: {
        counted: 3,
        inTime: 1,
        late: 1,
        overdue: 1,
        pending: 0,
        shareInTime: 1 / 3,
        medianWorkingDays: 2,
      },
      answer: {
        counted: 2,
        inTime: 1,
        late: 1,
        overdue: 0,
        pending: 1,
        shareInTime: 0.5,
        medianWorkingDays: 8.5,
      },
    });
  });

  it('has no share and no median before anything is counted', () => {
    expect(deadlineStatistics([], settings, '2026-05-20').answer).toMatchObject({
      counted: 0,
      shareInTime: null,
      medianWorkingDays: null,
    });
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1])).toBe(2.5);
  });
});

describe('complaint deadline settings', () => {
  it('accepts the organisation’s whole numbers of working days', () => {
    expect(() => checkDeadlineSettings(settings)).not.toThrow();
    expect(() => checkDeadlineSettings({ ...settings, acknowledgeWithinWorkingDays: 0 })).not.toThrow();
  });

  it.each([
    [{ acknowledgeWithinWorkingDays: 1.5 }, 'invalid_deadline'],
    [{ acknowledgeWithinWorkingDays: -1 }, 'invalid_deadline'],
    [{ answerWithinWorkingDays: 91 }, 'invalid_deadline'],
    [{ acknowledgeWithinWorkingDays: 5, answerWithinWorkingDays: 3 }, 'answer_due_before_acknowledgement'],
  ])('refuses %o with %s', (overrides, code) => {
    let thrown: unknown;
    try {
      checkDeadlineSettings({ ...settings, ...overrides });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe(code);
    expect((thrown as AppError).status).toBe(400);
  });
});

describe('complaint dates read from the history', () => {
  const received = {
    type: 'ComplaintReceived',
    data: {
      complaintId: 'c1',
      channel: 'phone',
      group: 'learner',
      anonymous: true,
      name: null,
      email: null,
      phone: null,
      postalAddress: null,
      about: { trainingActionId: null, trainingTitle: null, sessionId: null, sessionTitle: null, site: null },
      receivedOn: '2026-04-30',
      text: 'Appel : salle trop petite.',
      attachments: [],
      ownerId: null,
    },
  } satisfies ComplaintEvent;
  const step = (type: ComplaintEvent['type'], data: Record<string, unknown>) =>
    ({ type, data: { complaintId: 'c1', ...data } }) as ComplaintEvent;

  it('has none before the receipt', () => {
    expect(complaintDates([])).toBeNull();
  });

  it('keeps the first acknowledgement and the first answer, whatever follows a reopening', () => {
    const history = [
      received,
      step('ComplaintAcknowledged', { acknowledgedOn: '2026-05-04', message: 'Reçu.', sentByEmail: false }),
      step('ComplaintAnalysed', { analysedOn: '2026-05-06', causes: 'Effectif mal estimé.' }),
      step('ComplaintAnswered', { answeredOn: '2026-05-12', answer: 'Salle changée.', sentByEmail: false }),
      step('ComplaintClosed', { closedOn: '2026-05-13', outcome: 'resolved', note: null }),
      step('ComplaintReopened', { reopenedOn: '2026-05-20', reason: 'Toujours trop petite.' }),
      step('ComplaintAnalysed', { analysedOn: '2026-05-21', causes: 'Autre salle indisponible.' }),
      step('ComplaintAnswered', { answeredOn: '2026-05-22', answer: 'Autre site.', sentByEmail: false }),
    ];
    expect(complaintDates(history)).toEqual({
      receivedOn: '2026-04-30',
      acknowledgedOn: '2026-05-04',
      answeredOn: '2026-05-12',
      closedUnansweredOn: null,
    });
  });

  it('counts a rejection as the answer, and a withdrawal before any answer as the end of what is due', () => {
    const acknowledged = step('ComplaintAcknowledged', {
      acknowledgedOn: '2026-05-04',
      message: 'Reçu.',
      sentByEmail: false,
    });
    expect(
      complaintDates([
        received,
        acknowledged,
        step('ComplaintRejected', { rejectedOn: '2026-05-05', reasons: 'Non fondée.', sentByEmail: false }),
      ])?.answeredOn,
    ).toBe('2026-05-05');
    expect(
      complaintDates([
        received,
        acknowledged,
        step('ComplaintClosed', { closedOn: '2026-05-06', outcome: 'withdrawn', note: null }),
      ])?.closedUnansweredOn,
    ).toBe('2026-05-06');
  });
});
