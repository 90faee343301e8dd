import type { Decider } from '../kernel/command';
import { badRequest } from '../kernel/errors';
import {
  RETENTION_CATEGORIES,
  RETENTION_DEFAULTS,
  RETENTION_MAX_MONTHS,
  RETENTION_MIN_MONTHS,
  type RetentionCategory,
  type RetentionEvent,
} from './events';

export type RetentionCommand = {
  type: 'SetRetentionPeriods';
  periods: Partial<Record<RetentionCategory, number>>;
};

export interface RetentionState {
  periods: Record<RetentionCategory, number>;
}

const isCategory = (value: string): value is RetentionCategory =>
  (RETENTION_CATEGORIES as readonly string[]).includes(value);

/** An organisation's retention settings: each category's period, the default until one is set. */
export const retentionDecider: Decider<RetentionState, RetentionCommand, RetentionEvent> = {
  initialState: { periods: { ...RETENTION_DEFAULTS } },

  evolve(state, event) {
    switch (event.type) {
      case 'RetentionPeriodSet':
        return { periods: { ...state.periods, [event.data.category]: event.data.months } };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'SetRetentionPeriods': {
        const entries = Object.entries(command.periods);
        if (entries.length === 0) throw badRequest('no_retention_period', 'Give at least one period');
        const events: RetentionEvent[] = [];
        for (const [category, months] of entries) {
          if (!isCategory(category)) {
            throw badRequest('unknown_retention_category', `Unknown category ${category}`, { category });
          }
          if (
            months === undefined ||
            !Number.isInteger(months) ||
            months < RETENTION_MIN_MONTHS ||
            months > RETENTION_MAX_MONTHS
          ) {
            throw badRequest(
              'retention_period_out_of_bounds',
              `A retention period is a whole number of months from ${RETENTION_MIN_MONTHS} to ${RETENTION_MAX_MONTHS}`,
              { category, min: RETENTION_MIN_MONTHS, max: RETENTION_MAX_MONTHS },
            );
          }
          const previousMonths = state.periods[category];
          // Setting what is already in force changes nothing, and records nothing.
          if (months !== previousMonths) {
            events.push({ type: 'RetentionPeriodSet', data: { category, months, previousMonths } });
          }
        }
        return events;
      }
    }
  },
};
