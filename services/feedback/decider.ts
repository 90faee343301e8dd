import type { Decider } from '../kernel/command';
import { conflict, notFound } from '../kernel/errors';
import type { Audience, FeedbackEvent, FeedbackSubmitted, SessionContext } from './events';

export type LinkStatus = 'open' | 'expired' | 'closed';
export const LINK_STATUSES: readonly LinkStatus[] = ['open', 'expired', 'closed'];

/** The one rule for a link's status, used by the deciders, the public routes and the GraphQL type. */
export const linkStatus = (link: { closed: boolean; expiresAt: Date | string }, now: Date): LinkStatus => {
  if (link.closed) return 'closed';
  return new Date(link.expiresAt).getTime() <= now.getTime() ? 'expired' : 'open';
};

export interface FeedbackLink {
  linkId: string;
  audience: Audience;
  secretHash: string;
  expiresAt: string;
  session: SessionContext;
  closed: boolean;
}

/** Refuses a link that no longer takes answers, naming the organisation so the respondent knows whom to ask. */
export const assertLinkOpen = (link: FeedbackLink, now: Date) => {
  const status = linkStatus(link, now);
  const details = { organisationName: link.session.organisationName };
  if (status === 'closed') throw conflict('feedback_link_closed', 'This feedback link is closed', details);
  if (status === 'expired')
    throw conflict('feedback_link_expired', 'This feedback link has expired', details);
};

/** Refuses a link whose session was cancelled since it was opened (the training slice says so). */
export const assertSessionNotCancelled = (link: FeedbackLink, sessionCancelled: boolean) => {
  if (sessionCancelled) {
    throw conflict('session_cancelled', 'This session was cancelled; it takes no feedback', {
      organisationName: link.session.organisationName,
    });
  }
};

// --- The link: opened, then closed. Answers live in their own streams (see feedbackResponseStream).

export type FeedbackLinkCommand =
  | { type: 'OpenFeedbackLink'; link: Omit<FeedbackLink, 'closed'>; sessionCancelled: boolean }
  | { type: 'CloseFeedbackLink' };

export interface FeedbackLinkState {
  link?: FeedbackLink;
}

export const feedbackLinkDecider: Decider<FeedbackLinkState, FeedbackLinkCommand, FeedbackEvent> = {
  initialState: {},

  evolve(state, event) {
    switch (event.type) {
      case 'FeedbackLinkOpened':
        return { link: { ...event.data, closed: false } };
      case 'FeedbackLinkClosed':
        return state.link ? { link: { ...state.link, closed: true } } : state;
      case 'FeedbackSubmitted':
        // Older answers were recorded in the link's stream; they do not change the link.
        return state;
    }
  },

  decide(command, state) {
    if (command.type === 'OpenFeedbackLink') {
      if (state.link) throw conflict('feedback_link_exists', 'This feedback link already exists');
      if (command.sessionCancelled) {
        throw conflict('session_cancelled', 'This session was cancelled; it takes no feedback');
      }
      return [{ type: 'FeedbackLinkOpened', data: command.link }];
    }
    if (!state.link) throw notFound('feedback_link_not_found', 'No such feedback link');
    return state.link.closed ? [] : [{ type: 'FeedbackLinkClosed', data: { linkId: state.link.linkId } }];
  },
};

// --- One answer: its stream holds one event; a retry finds it there and appends nothing.

/** Most answers one link accepts: a session's group with room; beyond it the link is being abused. */
export const MAX_RESPONSES_PER_LINK = 500;

export interface SubmitFeedback {
  type: 'SubmitFeedback';
  responseId: string;
  rating: number;
  comment: string | null;
  link: FeedbackLink;
  /** Whether the session was cancelled since the link was opened (from the read model). */
  sessionCancelled: boolean;
  /** Answers the link had received when the command was made (from the read model: a cap, not a count). */
  answersSoFar: number;
  now: Date;
}

export const feedbackResponseDecider: Decider<{ answered: boolean }, SubmitFeedback, FeedbackSubmitted> = {
  initialState: { answered: false },
  evolve: () => ({ answered: true }),
  decide(command, state) {
    // A respondent's retry is answered like the first attempt, even if the link closed in between.
    if (state.answered) return [];
    const { link } = command;
    assertLinkOpen(link, command.now);
    assertSessionNotCancelled(link, command.sessionCancelled);
    if (command.answersSoFar >= MAX_RESPONSES_PER_LINK) {
      throw conflict('feedback_link_full', 'This feedback link has received all the answers it accepts', {
        organisationName: link.session.organisationName,
      });
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
