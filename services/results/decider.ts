import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import type { AnswerFollowUpRequested, AnswerReviewed, FollowUpKind, LowScoreThreshold } from './events';
import { DEFAULT_THRESHOLD, type LowScoreThresholdSet } from './events';

export type SetThreshold = { type: 'SetLowScoreThreshold'; threshold: LowScoreThreshold };

/** The threshold's stream: setting the same values again records nothing. */
export const thresholdDecider: Decider<LowScoreThreshold, SetThreshold, LowScoreThresholdSet> = {
  initialState: DEFAULT_THRESHOLD,
  evolve: (_state, event) => event.data,
  decide(command, state) {
    const { ratingAtMost, npsAtMost } = command.threshold;
    if (!Number.isInteger(ratingAtMost) || ratingAtMost < 1 || ratingAtMost > 4) {
      throw badRequest('invalid_threshold', 'The rating threshold is a whole number from 1 to 4');
    }
    if (!Number.isInteger(npsAtMost) || npsAtMost < 0 || npsAtMost > 9) {
      throw badRequest('invalid_threshold', 'The NPS threshold is a whole number from 0 to 9');
    }
    if (state.ratingAtMost === ratingAtMost && state.npsAtMost === npsAtMost) return [];
    return [{ type: 'LowScoreThresholdSet', data: { ratingAtMost, npsAtMost } }];
  },
};

export type AnswerReviewCommand =
  | { type: 'MarkAnswerReviewed'; answerId: string; answerExists: boolean; reviewedBy: string }
  | {
      type: 'RequestFollowUp';
      answerId: string;
      answerExists: boolean;
      followUpId: string;
      kind: FollowUpKind;
      title: string;
      requestedBy: string;
    };

export interface AnswerReviewState {
  reviewed: boolean;
  followUps: ReadonlyMap<string, FollowUpKind>;
  /** One follow-up of each kind per answer is enough (a second is most likely a double click). */
  kinds: ReadonlySet<FollowUpKind>;
}

/** What is done about one answer: reviewed once; at most one improvement action and one incident from it. */
export const answerReviewDecider: Decider<
  AnswerReviewState,
  AnswerReviewCommand,
  AnswerReviewed | AnswerFollowUpRequested
> = {
  initialState: { reviewed: false, followUps: new Map(), kinds: new Set() },
  evolve(state, event) {
    switch (event.type) {
      case 'AnswerReviewed':
        return { ...state, reviewed: true };
      case 'AnswerFollowUpRequested':
        return {
          ...state,
          followUps: new Map(state.followUps).set(event.data.followUpId, event.data.kind),
          kinds: new Set(state.kinds).add(event.data.kind),
        };
    }
  },
  decide(command, state) {
    if (!command.answerExists) throw notFound('answer_not_found', 'No such answer');
    switch (command.type) {
      case 'MarkAnswerReviewed':
        if (state.reviewed) return [];
        return [
          { type: 'AnswerReviewed', data: { answerId: command.answerId, reviewedBy: command.reviewedBy } },
        ];
      case 'RequestFollowUp': {
        if (state.followUps.has(command.followUpId)) return [];
        if (state.kinds.has(command.kind)) {
          throw conflict(
            'follow_up_already_requested',
            'This answer already started a follow-up of this kind',
            {
              kind: command.kind,
            },
          );
        }
        return [
          {
            type: 'AnswerFollowUpRequested',
            data: {
              answerId: command.answerId,
              followUpId: command.followUpId,
              kind: command.kind,
              title: command.title,
              requestedBy: command.requestedBy,
            },
          },
        ];
      }
    }
  },
};
