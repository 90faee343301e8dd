import { parisDate } from '../../services/kernel/paris-time';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The later of two Paris dates (YYYY-MM-DD sorts as it reads). */
const laterDay = (a: string, b: string) => [a, b].sort()[1]!;

/** What a campaign's next sending depends on: its plan, and where its respondents stand. */
export interface SendingFacts {
  status: 'planned' | 'closed' | 'cancelled';
  /** Paris dates, YYYY-MM-DD. */
  sendOn: string;
  closesOn: string;
  reminderGapDays: number;
  /** Respondents never written to who still may be (not removed, answered, opted out nor erased). */
  notInvited: number;
  /** The oldest last message among respondents still owed a reminder (null: none is). */
  oldestRemindable: Date | null;
}

/**
 * The Paris day the campaign next sends something (invitations from its sending day, a reminder a gap after the
 * previous message), or null when it will send nothing more. The reactor sends from 9:00 Paris time that day.
 */
export const nextSendingDay = (facts: SendingFacts, now: Date): string | null => {
  if (facts.status !== 'planned') return null;
  const today = parisDate(now);
  if (facts.closesOn < today) return null;
  const days: string[] = [];
  if (facts.notInvited > 0) days.push(laterDay(facts.sendOn, today));
  if (facts.oldestRemindable) {
    const due = parisDate(new Date(facts.oldestRemindable.getTime() + facts.reminderGapDays * DAY_MS));
    days.push(laterDay(due, today));
  }
  const next = days.sort()[0];
  return next !== undefined && next <= facts.closesOn ? next : null;
};
