import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { type PublicationCommand, publicationDecider, responseRate } from './decider';
import type { PublicationEvent, ResultsFigures, ResultsScope } from './events';

const spec = deciderSpec(publicationDecider);
const TODAY = '2026-07-15';
const action: ResultsScope = {
  kind: 'training_action',
  trainingActionId: 'a1',
  trainingActionTitle: 'Excel avancé',
};

const figures = (overrides: Partial<ResultsFigures> = {}): ResultsFigures => ({
  trainees: 40,
  respondents: 30,
  satisfactionAverage: 4.4,
  satisfiedShare: 92,
  completionRate: 95,
  dropOutRate: 5,
  successRate: null,
  ...overrides,
});

const publish = (
  snapshotId: string,
  overrides: { figures?: Partial<ResultsFigures>; scope?: ResultsScope; from?: string; to?: string } = {},
): Extract<PublicationCommand, { type: 'PublishResultsSnapshot' }> => ({
  type: 'PublishResultsSnapshot',
  snapshot: {
    snapshotId,
    label: 'Premier semestre 2026',
    periodFrom: overrides.from ?? '2026-01-01',
    periodTo: overrides.to ?? '2026-06-30',
    scope: overrides.scope ?? { kind: 'organisation' },
    figures: figures(overrides.figures),
    note: null,
  },
  today: TODAY,
  newPublicId: 'public-id',
});

const published = (
  snapshotId: string,
  supersedes: string | null = null,
  scope: ResultsScope = { kind: 'organisation' },
): PublicationEvent => ({
  type: 'ResultsSnapshotPublished',
  data: {
    ...publish(snapshotId, { scope }).snapshot,
    figures: { ...figures(), responseRate: 75 },
    publishedOn: TODAY,
    supersedes,
  },
});
const opened: PublicationEvent = { type: 'PublicResultsPageOpened', data: { publicId: 'public-id' } };
const withdrawn = (snapshotId: string): PublicationEvent => ({
  type: 'ResultsSnapshotWithdrawn',
  data: { snapshotId, reason: 'Chiffres erronés' },
});

describe('publication decider', () => {
  it('opens the public page with the first snapshot, dated today, its response rate computed', () => {
    spec
      .given([])
      .when(publish('s1'))
      .thenEmits([opened, published('s1')]);
  });

  it('keeps the public page it has when publishing again', () => {
    spec
      .given([opened, published('s1')])
      .when(publish('s2'))
      .thenMatches([{ type: 'ResultsSnapshotPublished', data: { snapshotId: 's2' } }]);
    expect(
      spec
        .given([opened, published('s1')])
        .when(publish('s2'))
        .decided(),
    ).toHaveLength(1);
  });

  it('supersedes the current snapshot of the same scope only', () => {
    spec
      .given([opened, published('s1'), published('a1', null, action)])
      .when(publish('s2'))
      .thenMatches([{ data: { snapshotId: 's2', supersedes: 's1' } }]);
    spec
      .given([opened, published('s1'), published('a1', null, action)])
      .when(publish('a2', { scope: action }))
      .thenMatches([{ data: { snapshotId: 'a2', supersedes: 'a1' } }]);
  });

  it('supersedes the previous snapshot again once the newer one was withdrawn', () => {
    spec
      .given([opened, published('s1'), published('s2', 's1'), withdrawn('s2')])
      .when(publish('s3'))
      .thenMatches([{ data: { snapshotId: 's3', supersedes: 's1' } }]);
  });

  it('computes the response rate from respondents and trainees, to one decimal', () => {
    expect(responseRate(1, 3)).toBe(33.3);
    expect(responseRate(30, 40)).toBe(75);
    const [, event] = spec
      .given([])
      .when(publish('s1', { figures: { respondents: 2, trainees: 3 } }))
      .decided();
    expect(event).toMatchObject({ data: { figures: { responseRate: 66.7 } } });
  });

  it.each([
    ['a period ending after today', { to: '2026-07-16' }, 'period_in_future'],
    ['a period that ends before it starts', { from: '2026-06-01', to: '2026-05-31' }, 'period_reversed'],
    ['no trainee', { figures: { trainees: 0, respondents: 0 } }, 'trainees_missing'],
    ['more respondents than trainees', { figures: { respondents: 41 } }, 'respondents_exceed_trainees'],
    ['a share satisfied over 100 %', { figures: { satisfiedShare: 100.5 } }, 'percentage_out_of_range'],
    ['a negative completion rate', { figures: { completionRate: -1 } }, 'percentage_out_of_range'],
    ['a success rate over 100 %', { figures: { successRate: 120 } }, 'percentage_out_of_range'],
    ['an average over 5', { figures: { satisfactionAverage: 5.5 } }, 'satisfaction_out_of_range'],
    [
      'no satisfaction figure although people answered',
      { figures: { satisfactionAverage: null, satisfiedShare: null } },
      'satisfaction_missing',
    ],
    [
      'a satisfaction figure without respondents',
      { figures: { respondents: 0 } },
      'satisfaction_without_respondents',
    ],
    [
      'completions and drop-outs over 100 %',
      { figures: { completionRate: 90, dropOutRate: 20 } },
      'rates_exceed_total',
    ],
  ] as const)('refuses %s', (_, overrides, code) => {
    spec.given([]).when(publish('s1', overrides)).thenRejects(code, 400);
  });

  it('names the field of a rate out of range', () => {
    const error = spec
      .given([])
      .when(publish('s1', { figures: { dropOutRate: 101, completionRate: 0 } }))
      .thenRejects('percentage_out_of_range');
    expect(error.details).toEqual({ field: 'dropOutRate' });
  });

  it('accepts a period ending today, and the average or the share alone', () => {
    spec
      .given([])
      .when(publish('s1', { to: TODAY, figures: { satisfiedShare: null } }))
      .decided();
    spec
      .given([])
      .when(publish('s1', { figures: { satisfactionAverage: null } }))
      .decided();
    spec
      .given([])
      .when(publish('s1', { figures: { respondents: 0, satisfactionAverage: null, satisfiedShare: null } }))
      .decided();
  });

  it('refuses to publish the same snapshot twice', () => {
    spec
      .given([opened, published('s1')])
      .when(publish('s1'))
      .thenRejects('snapshot_exists', 409);
  });

  it('withdraws a snapshot with its reason, once', () => {
    spec
      .given([opened, published('s1')])
      .when({ type: 'WithdrawResultsSnapshot', snapshotId: 's1', reason: 'Chiffres erronés' })
      .thenEmits([withdrawn('s1')]);
    spec
      .given([opened, published('s1'), withdrawn('s1')])
      .when({ type: 'WithdrawResultsSnapshot', snapshotId: 's1', reason: 'Encore' })
      .thenRejects('snapshot_already_withdrawn', 409);
    spec
      .given([opened, published('s1')])
      .when({ type: 'WithdrawResultsSnapshot', snapshotId: 'nope', reason: 'Erreur' })
      .thenRejects('snapshot_not_found', 404);
  });
});
