import type { Decider } from '../kernel/command';
import { conflict, notFound } from '../kernel/errors';
import type { Audience, FeedbackEvent, SessionContext } from './events';

export type FeedbackCommand =
  | {
      type: 'OpenFeedbackLink';
      linkId: string;
      audience: Audience;
      secretHash: string;
      expiresAt: string;
      session: SessionContext;
    }
  | { type: 'SubmitFeedback'; responseId: string; rating: number; comment: string | null; now: Date }
  | { type: 'CloseFeedbackLink' };

export interface FeedbackLinkState {
  link?: {
    linkId: string;
    audience: Audience;
    secretHash: string;
    expiresAt: string;
    session: SessionContext;
  };
  closed: boolean;
  responseIds: ReadonlySet<string>;
}

export type LinkStatus = 'open' | 'expired' | 'closed';

export const linkStatus = (state: FeedbackLinkState, now: Date): LinkStatus | undefined => {
  if (!state.link) return undefined;
  if (state.closed) return 'closed';
  return new Date(state.link.expiresAt).getTime() <= now.getTime() ? 'expired' : 'open';
};

/** Most responses one link accepts: a session's group, with room; beyond it the link is being abused. */
export const MAX_RESPONSES_PER_LINK = 500;

export const feedbackLinkDecider: Decider<FeedbackLinkState, FeedbackCommand, FeedbackEvent> = {
  initialState: { closed: false, responseIds: new Set() },

  evolve(state, event) {
    switch (event.type) {
      case 'FeedbackLinkOpened': {
        const { linkId, audience, secretHash, expiresAt, session } = event.data;
        return { ...state, link: { linkId, audience, secretHash, expiresAt, session } };
      }
      case 'FeedbackSubmitted':
        return { ...state, responseIds: new Set([...state.responseIds, event.data.responseId]) };
      case 'FeedbackLinkClosed':
        return { ...state, closed: true };
    }
  },

  decide(command, state) {
    if (command.type === 'OpenFeedbackLink') {
      if (state.link) throw conflict('feedback_link_exists', 'This feedback link already exists');
      const { linkId, audience, secretHash, expiresAt, session } = command;
      return [{ type: 'FeedbackLinkOpened', data: { linkId, audience, secretHash, expiresAt, session } }];
    }
    const link = state.link;
    if (!link) throw notFound('feedback_link_not_found', 'No such feedback link');
    if (command.type === 'CloseFeedbackLink') {
      return state.closed ? [] : [{ type: 'FeedbackLinkClosed', data: { linkId: link.linkId } }];
    }
    // A respondent's retry is answered like the first attempt, even if the link closed in between.
    if (state.responseIds.has(command.responseId)) return [];
    const status = linkStatus(state, command.now);
    if (status === 'closed') throw conflict('feedback_link_closed', 'This feedback link is closed');
    if (status === 'expired') throw conflict('feedback_link_expired', 'This feedback link has expired');
    if (state.responseIds.size >= MAX_RESPONSES_PER_LINK) {
      throw conflict('feedback_link_full', 'This feedback link has received all the answers it accepts');
    }
    return [
      {
        type: 'FeedbackSubmitted',
        data: {
          responseId: command.responseId,
          linkId: link.linkId,
          sessionId: link.session.sessionId,
          trainingActionId: link.session.trainingActionId,
          audience: link.audience,
          rating: command.rating,
          comment: command.comment,
          sessionTitle: link.session.sessionTitle,
          trainingTitle: link.session.trainingTitle,
        },
      },
    ];
  },
};
