import { describe, expect, it } from 'vitest';
import { nextSendingDay, type SendingFacts } from './next-sending';

const facts: SendingFacts = {
  status: 'planned',
  sendOn: '2027-03-10',
  closesOn: '2027-03-20',
  reminderGapDays: 3,
  notInvited: 2,
  oldestRemindable: null,
};
/** 10:00 in Paris (UTC+1 in March 2027 before the 28th). */
const at = (day: string) => new Date(`${day}T09:00:00Z`);

describe('the next sending day of a campaign', () => {
  it('is the sending day while people wait for their invitation, or today once it has come', () => {
    expect(nextSendingDay(facts, at('2027-03-01'))).toBe('2027-03-10');
    expect(nextSendingDay(facts, at('2027-03-12'))).toBe('2027-03-12');
  });

  it('is the gap after the oldest message still owed a reminder, counted in Paris days', () => {
    const invited = { ...facts, notInvited: 0, oldestRemindable: new Date('2027-03-10T08:00:00Z') };
    expect(nextSendingDay(invited, at('2027-03-11'))).toBe('2027-03-13');
    // Late at night in UTC is already the next day in Paris.
    const late = { ...invited, oldestRemindable: new Date('2027-03-10T23:30:00Z') };
    expect(nextSendingDay(late, at('2027-03-11'))).toBe('2027-03-14');
  });

  it('is none once nothing more is owed, past the closing day, or for a closed or cancelled campaign', () => {
    expect(nextSendingDay({ ...facts, notInvited: 0 }, at('2027-03-11'))).toBeNull();
    const lastReminder = { ...facts, notInvited: 0, oldestRemindable: new Date('2027-03-18T08:00:00Z') };
    expect(nextSendingDay(lastReminder, at('2027-03-18'))).toBeNull();
    expect(nextSendingDay(facts, at('2027-03-21'))).toBeNull();
    expect(nextSendingDay({ ...facts, status: 'closed' }, at('2027-03-01'))).toBeNull();
    expect(nextSendingDay({ ...facts, status: 'cancelled' }, at('2027-03-01'))).toBeNull();
  });
});
