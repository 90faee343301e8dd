import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import {
  type FeedbackLink,
  feedbackLinkDecider,
  feedbackResponseDecider,
  linkStatus,
  MAX_RESPONSES_PER_LINK,
  type SubmitFeedback,
} from './decider';
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
const link: FeedbackLink = {
  linkId: 'l1',
  audience: 'learner',
  secretHash: 'h',
  expiresAt: '2026-04-01T00:00:00.000Z',
  session,
  closed: false,
};
const { closed: _closed, ...openedData } = link;
const opened: FeedbackEvent = { type: 'FeedbackLinkOpened', data: openedData };
const closed: FeedbackEvent = { type: 'FeedbackLinkClosed', data: { linkId: 'l1' } };

const links = deciderSpec(feedbackLinkDecider);
const responses = deciderSpec(feedbackResponseDecider);

const submit = (overrides: Partial<SubmitFeedback> = {}): SubmitFeedback => ({
  type: 'SubmitFeedback',
  responseId: 'r1',
  rating: 4,
  comment: 'Bien',
  link,
  sessionCancelled: false,
  answersSoFar: 0,
  now: new Date('2026-03-03T17:00:00Z'),
  ...overrides,
});

describe('feedback link decider', () => {
  it('opens a link once', () => {
    const open = { type: 'OpenFeedbackLink', link: openedData, sessionCancelled: false } as const;
    links.given([]).when(open).thenEmits([opened]);
    links.given([opened]).when(open).thenRejects('feedback_link_exists', 409);
  });

  it('refuses a new link on a cancelled session', () => {
    links
      .given([])
      .when({ type: 'OpenFeedbackLink', link: openedData, sessionCancelled: true })
      .thenRejects('session_cancelled', 409);
  });

  it('closes an open link, and closing it again changes nothing', () => {
    links.given([opened]).when({ type: 'CloseFeedbackLink' }).thenEmits([closed]);
    links.given([opened, closed]).when({ type: 'CloseFeedbackLink' }).thenNothing();
  });

  it('refuses to close a link that was never opened', () => {
    links.given([]).when({ type: 'CloseFeedbackLink' }).thenRejects('feedback_link_not_found', 404);
  });
});

describe('feedback response decider', () => {
  it('refuses an answer once the session was cancelled, naming the organisation', () => {
    const error = responses
      .given([])
      .when(submit({ sessionCancelled: true }))
      .thenRejects('session_cancelled', 409);
    expect(error.details).toEqual({ organisationName: 'Org' });
  });

  it('records an answer with the session it belongs to', () => {
    responses
      .given([])
      .when(submit())
      .thenMatches([
        {
          type: 'FeedbackSubmitted',
          data: {
            responseId: 'r1',
            linkId: 'l1',
            sessionId: 's1',
            trainingActionId: 'a1',
            rating: 4,
            audience: 'learner',
          },
        },
      ]);
  });

  it('answers a retried submission with no new event, even after the link closed', () => {
    const [first] = responses.given([]).when(submit()).decided();
    responses.given([first!]).when(submit()).thenNothing();
    responses
      .given([first!])
      .when(submit({ link: { ...link, closed: true } }))
      .thenNothing();
  });

  it('rejects answers after the link expired, naming the organisation', () => {
    const error = responses
      .given([])
      .when(submit({ now: new Date('2026-04-01T00:00:00Z') }))
      .thenRejects('feedback_link_expired', 409);
    expect(error.details).toEqual({ organisationName: 'Org' });
  });

  it('rejects answers after the link was closed', () => {
    responses
      .given([])
      .when(submit({ link: { ...link, closed: true } }))
      .thenRejects('feedback_link_closed', 409);
  });

  it('rejects answers once the link has received as many as it accepts', () => {
    responses
      .given([])
      .when(submit({ answersSoFar: MAX_RESPONSES_PER_LINK }))
      .thenRejects('feedback_link_full', 409);
    responses
      .given([])
      .when(submit({ answersSoFar: MAX_RESPONSES_PER_LINK - 1 }))
      .thenMatches([{ type: 'FeedbackSubmitted' }]);
  });
});

describe('link status', () => {
  it('is closed once closed, expired from its expiry instant, open before', () => {
    const now = new Date('2026-03-03T00:00:00Z');
    expect(linkStatus({ closed: true, expiresAt: '2026-04-01T00:00:00Z' }, now)).toBe('closed');
    expect(linkStatus({ closed: false, expiresAt: now }, now)).toBe('expired');
    expect(linkStatus({ closed: false, expiresAt: '2026-03-03T00:00:01Z' }, now)).toBe('open');
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
