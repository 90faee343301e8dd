import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { retentionDecider } from './decider';

const spec = deciderSpec(retentionDecider);
const set = (periods: Record<string, number>) => ({ type: 'SetRetentionPeriods' as const, periods });
const periodSet = (
  category: 'feedback_comments' | 'contact_logs',
  months: number,
  previousMonths: number,
) => ({
  type: 'RetentionPeriodSet' as const,
  data: { category, months, previousMonths },
});

describe('retention settings of an organisation', () => {
  it('records each changed period with the one it replaces (the default at first)', () => {
    spec
      .given([])
      .when(set({ feedback_comments: 36, contact_logs: 6 }))
      .thenEmits([periodSet('feedback_comments', 36, 24), periodSet('contact_logs', 6, 12)]);
  });

  it('records nothing for a period already in force, default or set', () => {
    spec
      .given([])
      .when(set({ feedback_comments: 24 }))
      .thenNothing();
    spec
      .given([periodSet('contact_logs', 6, 12)])
      .when(set({ contact_logs: 6, feedback_comments: 30 }))
      .thenEmits([periodSet('feedback_comments', 30, 24)]);
  });

  it('replaces a period set before', () => {
    spec
      .given([periodSet('contact_logs', 6, 12)])
      .when(set({ contact_logs: 12 }))
      .thenEmits([periodSet('contact_logs', 12, 6)]);
  });

  it.each([
    ['zero months', 0],
    ['a negative period', -3],
    ['more than ten years', 121],
    ['a fraction of a month', 1.5],
  ])('refuses %s', (_, months) => {
    spec
      .given([])
      .when(set({ complaints: months }))
      .thenRejects('retention_period_out_of_bounds', 400);
  });

  it('accepts the bounds themselves: one month and ten years', () => {
    spec
      .given([])
      .when(set({ departed_accounts: 1, complaints: 120 }))
      .thenMatches([{ data: { category: 'departed_accounts', months: 1 } }, { data: { months: 120 } }]);
  });

  it('refuses an unknown category and an empty change', () => {
    spec
      .given([])
      .when(set({ browsing_history: 12 }))
      .thenRejects('unknown_retention_category', 400);
    spec.given([]).when(set({})).thenRejects('no_retention_period', 400);
  });
});
