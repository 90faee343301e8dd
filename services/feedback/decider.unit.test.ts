import { describe, expect, it } from 'vitest';
import type { AppError } from '../kernel/errors';
import { type FeedbackCommand, feedbackLinkDecider, linkStatus } from './decider';
import type { FeedbackEvent } from './events';
import { newLinkToken, parseLinkToken, secretMatches } from './link-token';

const session = {
  sessionId: 's1',
  trainingActionId: 'a1',
  organisationName: 'Org',
  trainingTitle: 'Excel',
  sessionTitle: 'Mars',
  startsOn: '2026-03-02',
  endsOn: '2026-03-03',
  site: 'Lyon',
};
const opened: FeedbackEvent = {
  type: 'FeedbackLinkOpened',
  data: {
    linkId: 'l1',
    audience: 'learner',
    secretHash: 'h',
    expiresAt: '2026-04-01T00:00:00.000Z',
    session,
  },
};
const given = (events: FeedbackEvent[]) =>
  events.reduce(feedbackLinkDecider.evolve, feedbackLinkDecider.initialState);
const submit = (responseId: string, now = new Date('2026-03-03T17:00:00Z')): FeedbackCommand => ({
  type: 'SubmitFeedback',
  responseId,
  rating: 4,
  comment: 'Bien',
  now,
});
const rejection = (events: FeedbackEvent[], command: FeedbackCommand) => {
  try {
    feedbackLinkDecider.decide(command, given(events));
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a rejection');
};

describe('feedback link decider', () => {
  it('records an answer with the session it belongs to', () => {
    const [event] = feedbackLinkDecider.decide(submit('r1'), given([opened]));
    expect(event).toMatchObject({
      type: 'FeedbackSubmitted',
      data: {
        responseId: 'r1',
        linkId: 'l1',
        sessionId: 's1',
        trainingActionId: 'a1',
        rating: 4,
        audience: 'learner',
      },
    });
  });

  it('answers a retried submission with no new event', () => {
    const [first] = feedbackLinkDecider.decide(submit('r1'), given([opened]));
    expect(feedbackLinkDecider.decide(submit('r1'), given([opened, first!]))).toEqual([]);
  });

  it('rejects answers after the link expired or was closed', () => {
    expect(rejection([opened], submit('r1', new Date('2026-04-01T00:00:00Z'))).code).toBe(
      'feedback_link_expired',
    );
    const closed: FeedbackEvent = { type: 'FeedbackLinkClosed', data: { linkId: 'l1' } };
    expect(rejection([opened, closed], submit('r2')).code).toBe('feedback_link_closed');
    expect(linkStatus(given([opened, closed]), new Date('2026-03-03T00:00:00Z'))).toBe('closed');
  });

  it('rejects an answer to a link that was never opened', () => {
    expect(rejection([], submit('r1')).code).toBe('feedback_link_not_found');
  });
});

describe('feedback link tokens', () => {
  it('carry the link id and a secret only its hash can verify', () => {
    const linkId = '01a21f2e-a311-757d-87da-f1d7e7a9a303';
    const { token, secretHash } = newLinkToken(linkId);
    const parsed = parseLinkToken(token);
    expect(parsed?.linkId).toBe(linkId);
    expect(secretMatches(parsed!.secret, secretHash)).toBe(true);
    expect(secretMatches(`${parsed!.secret.slice(0, -1)}x`, secretHash)).toBe(false);
    expect(token).not.toContain(secretHash);
  });

  it('rejects malformed tokens', () => {
    for (const token of [
      '',
      'abc',
      'a.b',
      `${'A'.repeat(22)}.${'B'.repeat(42)}`,
      `${'A'.repeat(22)}.${'B'.repeat(43)}.x`,
    ]) {
      expect(parseLinkToken(token)).toBeUndefined();
    }
  });
});
