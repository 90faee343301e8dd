import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { answerReviewDecider, thresholdDecider } from './decider';
import type { AnswerFollowUpRequested, AnswerReviewed } from './events';

const thresholds = deciderSpec(thresholdDecider);
const reviews = deciderSpec(answerReviewDecider);

const reviewed: AnswerReviewed = { type: 'AnswerReviewed', data: { answerId: 'a1', reviewedBy: 'u1' } };
const improvement: AnswerFollowUpRequested = {
  type: 'AnswerFollowUpRequested',
  data: { answerId: 'a1', followUpId: 'f1', kind: 'improvement_action', title: 'Salle', requestedBy: 'u1' },
};
const requestFollowUp = (overrides: object = {}) => ({
  type: 'RequestFollowUp' as const,
  answerId: 'a1',
  answerExists: true,
  followUpId: 'f1',
  kind: 'improvement_action' as const,
  title: 'Salle',
  requestedBy: 'u1',
  ...overrides,
});

describe('low-score threshold decider', () => {
  it('records a new threshold', () => {
    thresholds
      .given([])
      .when({ type: 'SetLowScoreThreshold', threshold: { ratingAtMost: 3, npsAtMost: 5 } })
      .thenEmits([{ type: 'LowScoreThresholdSet', data: { ratingAtMost: 3, npsAtMost: 5 } }]);
  });

  it('records nothing when the threshold is the one in force (the defaults included)', () => {
    thresholds
      .given([])
      .when({ type: 'SetLowScoreThreshold', threshold: { ratingAtMost: 2, npsAtMost: 6 } })
      .thenNothing();
  });

  it.each([
    [{ ratingAtMost: 5, npsAtMost: 6 }],
    [{ ratingAtMost: 0, npsAtMost: 6 }],
    [{ ratingAtMost: 2, npsAtMost: 10 }],
    [{ ratingAtMost: 2, npsAtMost: -1 }],
  ])('refuses a threshold that flags everything or nothing (%o)', (threshold) => {
    thresholds
      .given([])
      .when({ type: 'SetLowScoreThreshold', threshold })
      .thenRejects('invalid_threshold', 400);
  });
});

describe('answer review decider', () => {
  it('marks an answer reviewed once; marking it again records nothing', () => {
    const mark = {
      type: 'MarkAnswerReviewed' as const,
      answerId: 'a1',
      answerExists: true,
      reviewedBy: 'u1',
    };
    reviews.given([]).when(mark).thenEmits([reviewed]);
    reviews.given([reviewed]).when(mark).thenNothing();
  });

  it('refuses to review or follow up an answer the organisation never received', () => {
    reviews
      .given([])
      .when({ type: 'MarkAnswerReviewed', answerId: 'a1', answerExists: false, reviewedBy: 'u1' })
      .thenRejects('answer_not_found', 404);
    reviews
      .given([])
      .when(requestFollowUp({ answerExists: false }))
      .thenRejects('answer_not_found', 404);
  });

  it('records a follow-up request, and a retry of it (same id) records nothing', () => {
    reviews.given([]).when(requestFollowUp()).thenEmits([improvement]);
    reviews.given([improvement]).when(requestFollowUp()).thenNothing();
  });

  it('refuses a second follow-up of the same kind from one answer, but takes the other kind', () => {
    reviews
      .given([improvement])
      .when(requestFollowUp({ followUpId: 'f2' }))
      .thenRejects('follow_up_already_requested', 409);
    reviews
      .given([improvement])
      .when(requestFollowUp({ followUpId: 'f2', kind: 'incident', title: 'Retard' }))
      .thenMatches([{ type: 'AnswerFollowUpRequested', data: { followUpId: 'f2', kind: 'incident' } }]);
  });
});
