import { badRequest } from '../kernel/errors';
import { addWorkingDays, type HolidayCalendar, workingDaysBetween } from '../kernel/working-days';
import type { ComplaintEvent } from './events';

/** The organisation's own deadlines (the guide sets none), in working days after the day of receipt. */
export interface ComplaintDeadlineSettings {
  acknowledgeWithinWorkingDays: number;
  answerWithinWorkingDays: number;
  calendar: HolidayCalendar;
}

/** What the organisation starts with: acknowledge within 2 working days, answer within 15. */
export const DEFAULT_DEADLINE_SETTINGS: ComplaintDeadlineSettings = {
  acknowledgeWithinWorkingDays: 2,
  answerWithinWorkingDays: 15,
  calendar: 'metropolitan',
};

export const MAX_DEADLINE_WORKING_DAYS = 90;

/** Deadlines are whole numbers of working days, and the answer is not due before the acknowledgement. */
export const checkDeadlineSettings = (settings: ComplaintDeadlineSettings): void => {
  for (const [field, value] of [
    ['acknowledgeWithinWorkingDays', settings.acknowledgeWithinWorkingDays],
    ['answerWithinWorkingDays', settings.answerWithinWorkingDays],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > MAX_DEADLINE_WORKING_DAYS) {
      throw badRequest(
        'invalid_deadline',
        `A deadline is a whole number of working days from 0 to ${MAX_DEADLINE_WORKING_DAYS}`,
        { field, value },
      );
    }
  }
  if (settings.answerWithinWorkingDays < settings.acknowledgeWithinWorkingDays) {
    throw badRequest('answer_due_before_acknowledgement', 'The answer is not due before the acknowledgement');
  }
};

/** The Paris dates of a complaint's steps that deadlines look at. */
export interface ComplaintDates {
  receivedOn: string;
  acknowledgedOn: string | null;
  /** The first answer, or the rejection (its reasons are the answer). */
  answeredOn: string | null;
  /** Set when the complaint was closed before it was answered (withdrawn): nothing more is due. */
  closedUnansweredOn: string | null;
}

/**
 * The dates deadlines look at, read from a complaint's history (null before its receipt): the first
 * acknowledgement, the first answer or rejection; a reopening does not restart the clock.
 */
export const complaintDates = (history: readonly ComplaintEvent[]): ComplaintDates | null => {
  let dates: ComplaintDates | null = null;
  for (const event of history) {
    if (event.type === 'ComplaintReceived') {
      dates = {
        receivedOn: event.data.receivedOn,
        acknowledgedOn: null,
        answeredOn: null,
        closedUnansweredOn: null,
      };
    }
    if (!dates) continue;
    if (event.type === 'ComplaintAcknowledged') dates.acknowledgedOn ??= event.data.acknowledgedOn;
    if (event.type === 'ComplaintAnswered') dates.answeredOn ??= event.data.answeredOn;
    if (event.type === 'ComplaintRejected') dates.answeredOn ??= event.data.rejectedOn;
    if (event.type === 'ComplaintClosed' && dates.answeredOn === null)
      dates.closedUnansweredOn = event.data.closedOn;
    if (event.type === 'ComplaintReopened') dates.closedUnansweredOn = null;
  }
  return dates;
};

/** The acknowledgement's and the answer's due dates: N and M working days after the day of receipt. */
export const dueDates = (receivedOn: string, settings: ComplaintDeadlineSettings) => ({
  acknowledgeBy: addWorkingDays(receivedOn, settings.acknowledgeWithinWorkingDays, settings.calendar),
  answerBy: addWorkingDays(receivedOn, settings.answerWithinWorkingDays, settings.calendar),
});

/**
 * Where one step stands against its deadline: `pending` (not done, not yet due), `overdue` (not done, due date
 * passed), `in_time` or `late` (done on or before its due date, or after), `not_required` (withdrawn first).
 */
export type StepDeadlineState = 'pending' | 'overdue' | 'in_time' | 'late' | 'not_required';

export interface StepDeadline {
  dueOn: string;
  doneOn: string | null;
  state: StepDeadlineState;
  /** The working days it took from receipt, once done. */
  workingDays: number | null;
}

const stepDeadline = (
  receivedOn: string,
  dueOn: string,
  doneOn: string | null,
  stoppedOn: string | null,
  today: string,
  calendar: HolidayCalendar,
): StepDeadline => {
  if (doneOn !== null) {
    return {
      dueOn,
      doneOn,
      state: doneOn <= dueOn ? 'in_time' : 'late',
      workingDays: workingDaysBetween(receivedOn, doneOn, calendar),
    };
  }
  const state = stoppedOn !== null ? 'not_required' : today > dueOn ? 'overdue' : 'pending';
  return { dueOn, doneOn: null, state, workingDays: null };
};

/** A complaint's acknowledgement and answer against the organisation's deadlines, seen on `today` (Paris). */
export const deadlineStatus = (dates: ComplaintDates, settings: ComplaintDeadlineSettings, today: string) => {
  const { acknowledgeBy, answerBy } = dueDates(dates.receivedOn, settings);
  const stopped = dates.closedUnansweredOn;
  return {
    acknowledgement: stepDeadline(
      dates.receivedOn,
      acknowledgeBy,
      dates.acknowledgedOn,
      stopped,
      today,
      settings.calendar,
    ),
    answer: stepDeadline(dates.receivedOn, answerBy, dates.answeredOn, stopped, today, settings.calendar),
  };
};

/** Whether a complaint waits, on `today`, for an acknowledgement or an answer past its due date. */
export const isOverdue = (
  dates: ComplaintDates,
  settings: ComplaintDeadlineSettings,
  today: string,
): boolean => {
  const status = deadlineStatus(dates, settings, today);
  return status.acknowledgement.state === 'overdue' || status.answer.state === 'overdue';
};

/** The median of some numbers, or null for none. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export interface StepStatistics {
  /** Done in time, done late, or overdue: those whose timeliness is known. */
  counted: number;
  inTime: number;
  late: number;
  overdue: number;
  pending: number;
  /** inTime / counted, or null when nothing is counted yet. */
  shareInTime: number | null;
  /** The median working days from receipt, over the steps done. */
  medianWorkingDays: number | null;
}

const statisticsOf = (steps: readonly StepDeadline[]): StepStatistics => {
  const count = (state: StepDeadlineState) => steps.filter((step) => step.state === state).length;
  const inTime = count('in_time');
  const late = count('late');
  const overdue = count('overdue');
  const counted = inTime + late + overdue;
  return {
    counted,
    inTime,
    late,
    overdue,
    pending: count('pending'),
    shareInTime: counted === 0 ? null : inTime / counted,
    medianWorkingDays: median(steps.flatMap((step) => (step.workingDays === null ? [] : [step.workingDays]))),
  };
};

/**
 * Deadline statistics over complaints (those of a period, chosen by the caller): the share acknowledged and
 * answered in time, an overdue one counting as not in time, and the median working days each took.
 */
export const deadlineStatistics = (
  complaints: readonly ComplaintDates[],
  settings: ComplaintDeadlineSettings,
  today: string,
) => {
  const statuses = complaints.map((dates) => deadlineStatus(dates, settings, today));
  return {
    complaints: complaints.length,
    acknowledgement: statisticsOf(statuses.map((status) => status.acknowledgement)),
    answer: statisticsOf(statuses.map((status) => status.answer)),
  };
};
