import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import {
  addCalendarDays,
  addWorkingDays,
  easterSunday,
  isWorkingDay,
  publicHolidayOn,
  publicHolidays,
  workingDaysBetween,
} from './working-days';

describe('Easter Sunday', () => {
  it.each([
    [1818, '1818-03-22'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('falls in %i on %s', (year, day) => {
    expect(easterSunday(year)).toBe(day);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year += 1) {
      const day = easterSunday(year);
      expect(new Date(`${day}T00:00:00Z`).getUTCDay(), day).toBe(0);
      expect(day.slice(5) >= '03-22' && day.slice(5) <= '04-25', day).toBe(true);
    }
  });

  it('refuses a year outside the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(AppError);
    expect(() => easterSunday(2026.5)).toThrow(AppError);
  });
});

describe('French public holidays', () => {
  it('lists the eleven holidays of metropolitan France in 2026, in date order', () => {
    expect(publicHolidays(2026).map(({ day }) => day)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it.each([
    ['2025-04-21', 'Lundi de Pâques'],
    ['2025-05-29', 'Ascension'],
    ['2025-06-09', 'Lundi de Pentecôte'],
    ['2027-03-29', 'Lundi de Pâques'],
    ['2027-05-06', 'Ascension'],
    ['2027-05-17', 'Lundi de Pentecôte'],
    ['2027-11-11', 'Armistice 1918'],
  ])('names %s %s', (day, name) => {
    expect(publicHolidayOn(day)?.name).toBe(name);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle only', () => {
    expect(publicHolidayOn('2026-04-03')).toBeNull();
    expect(publicHolidayOn('2026-04-03', 'alsace_moselle')?.name).toBe('Vendredi saint');
    expect(publicHolidayOn('2025-12-26')).toBeNull();
    expect(publicHolidayOn('2025-12-26', 'alsace_moselle')?.name).toBe('Saint-Étienne');
    expect(publicHolidays(2026, 'alsace_moselle')).toHaveLength(13);
  });
});

describe('working days', () => {
  it.each([
    ['2026-12-04', true, 'a Friday'],
    ['2026-12-05', false, 'a Saturday'],
    ['2026-12-06', false, 'a Sunday'],
    ['2026-05-01', false, 'Labour Day on a Friday'],
    ['2026-05-14', false, 'Ascension Thursday'],
    ['2026-08-14', true, 'the Friday before Assumption'],
    ['2026-08-15', false, 'Assumption on a Saturday'],
  ])('%s is worked: %s (%s)', (day, worked) => {
    expect(isWorkingDay(day)).toBe(worked);
  });

  it.each([
    ['2026-12-04', 0, '2026-12-04', 'zero days: the day itself'],
    ['2026-12-04', 2, '2026-12-08', 'a Friday plus two: over the weekend'],
    ['2026-12-05', 1, '2026-12-07', 'from a Saturday: the Monday'],
    ['2026-04-30', 2, '2026-05-05', 'across 1 May on a Friday and the weekend'],
    ['2025-04-30', 3, '2025-05-06', 'across 1 May on a Thursday'],
    ['2026-05-07', 1, '2026-05-11', 'across 8 May on a Friday'],
    ['2026-04-03', 1, '2026-04-07', 'across Easter Monday'],
    ['2027-05-05', 1, '2027-05-07', 'across Ascension 2027'],
    ['2026-05-22', 1, '2026-05-26', 'across Whit Monday'],
    ['2026-12-31', 1, '2027-01-04', 'across New Year’s Day into the next year'],
    ['2026-12-18', 10, '2027-01-05', 'ten days across Christmas and New Year'],
    ['2026-03-27', 1, '2026-03-30', 'across the spring change of hour'],
    ['2026-10-23', 1, '2026-10-26', 'across the autumn change of hour'],
    ['2026-05-05', -2, '2026-04-30', 'counting back across 1 May'],
  ])('%s plus %i working days is %s (%s)', (from, n, due) => {
    expect(addWorkingDays(from, n)).toBe(due);
  });

  it('counts Alsace-Moselle’s extra holidays when asked', () => {
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-03');
    expect(addWorkingDays('2026-04-02', 1, 'alsace_moselle')).toBe('2026-04-07');
    expect(addWorkingDays('2025-12-24', 1)).toBe('2025-12-26');
    expect(addWorkingDays('2025-12-24', 1, 'alsace_moselle')).toBe('2025-12-29');
  });

  it.each([
    ['2026-04-30', '2026-05-05', 2],
    ['2026-04-30', '2026-04-30', 0],
    ['2026-12-05', '2026-12-06', 0],
    ['2026-12-04', '2026-12-07', 1],
    ['2025-12-31', '2026-12-31', 252],
    ['2026-05-05', '2026-04-30', -2],
    ['2026-12-06', '2026-12-05', 0],
  ])('counts the working days after %s up to %s: %i', (from, to, count) => {
    expect(workingDaysBetween(from, to)).toBe(count);
  });

  it('counts back what it added, from every day of a year', () => {
    for (let offset = 0; offset < 366; offset += 1) {
      const from = addCalendarDays('2026-01-01', offset);
      for (const n of [0, 1, 2, 5, 15]) {
        expect(workingDaysBetween(from, addWorkingDays(from, n)), `${from} + ${n}`).toBe(n);
      }
    }
  });

  it('refuses a malformed or impossible date', () => {
    for (const day of ['2026-02-30', '2026-2-3', '03/12/2026', '']) {
      expect(() => isWorkingDay(day), day).toThrow(AppError);
    }
    expect(() => addWorkingDays('2026-12-04', 1.5)).toThrow(AppError);
  });
});
