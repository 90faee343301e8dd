import { startOfNextParisDay, startOfParisDay } from '../kernel/paris-time';
import type { CampaignState } from './decider';
import type { CampaignSchedule, CampaignTarget, SendAnchor } from './events';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Messages go from 9 o'clock, Paris time, on their day: nobody is mailed at midnight. */
const SENDING_HOUR = 9;

/** A Paris calendar date moved by a number of days. */
export const addDays = (date: string, days: number): string => {
  const moved = new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS);
  return moved.toISOString().slice(0, 10);
};

/** The day invitations go: the anchor's date moved by the offset (a date anchor is taken as it is). */
export const sendDate = (
  target: CampaignTarget,
  anchor: SendAnchor,
  offsetDays: number,
  date: string | null,
): string | undefined => {
  if (anchor === 'date') return date ?? undefined;
  if (target.kind !== 'session') return undefined;
  return addDays(anchor === 'session_start' ? target.startsOn : target.endsOn, offsetDays);
};

const sendingTime = (day: string) => new Date(startOfParisDay(day).getTime() + SENDING_HOUR * 60 * 60 * 1000);

export interface DueMessage {
  respondentId: string;
  /** 0: the invitation; 1–3: a reminder. */
  reminder: number;
}

/**
 * What the campaign should send at `now`, given what it sent: the invitation to each respondent from the sending
 * day, then reminders to those who neither answered nor opted out, each at least the gap after the previous
 * message, while the campaign is open. `lastSentAt` answers when a respondent's last message was queued.
 */
export const dueMessages = (
  state: CampaignState,
  now: Date,
  lastSentAt: (respondentId: string) => Date | undefined,
): DueMessage[] => {
  const { schedule } = state;
  if (!schedule || state.status !== 'planned' || isPastClosing(schedule, now)) return [];
  if (now < sendingTime(schedule.sendOn)) return [];
  const due: DueMessage[] = [];
  for (const [respondentId, respondent] of state.respondents) {
    if (respondent.removed || respondent.answered || respondent.optedOut) continue;
    if (respondent.messages === 0) {
      due.push({ respondentId, reminder: 0 });
      continue;
    }
    if (respondent.messages > schedule.reminders) continue;
    const last = lastSentAt(respondentId);
    if (last && now.getTime() - last.getTime() >= schedule.reminderGapDays * DAY_MS) {
      due.push({ respondentId, reminder: respondent.messages });
    }
  }
  return due;
};

/** Whether the campaign's last day is over (Paris time): it should be closed. */
export const isPastClosing = (schedule: CampaignSchedule, now: Date): boolean =>
  now >= startOfNextParisDay(schedule.closesOn);
