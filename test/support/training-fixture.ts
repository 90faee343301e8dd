import { expect } from 'vitest';
import type { TestApp } from './app';

export interface OpenedLink {
  actionId: string;
  sessionId: string;
  linkId: string;
  token: string;
  /** The form's address, as the command answered it. */
  url: string;
  position: number;
}

/** Creates a training action and a session through the commands, then opens a feedback link on it. */
export const openFeedbackLink = async (
  t: TestApp,
  cookie: string,
  options: { title?: string; sessionTitle?: string; audience?: string } = {},
): Promise<OpenedLink> => {
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
  const action = await post('/api/training-actions', {
    title: options.title ?? 'Excel avancé',
    category: 'training',
  });
  expect(action.statusCode).toBe(201);
  const session = await post(`/api/training-actions/${action.json().id}/sessions`, {
    title: options.sessionTitle ?? 'Session de mars',
    startsOn: '2026-03-02',
    endsOn: '2026-03-04',
    site: 'Lyon',
  });
  expect(session.statusCode).toBe(201);
  const link = await post(
    `/api/sessions/${session.json().id}/feedback-links`,
    { audience: options.audience ?? 'learner' },
    { 'x-min-position': String(session.json().position) },
  );
  expect(link.statusCode).toBe(201);
  return {
    actionId: action.json().id,
    sessionId: session.json().id,
    linkId: link.json().id,
    token: link.json().token,
    url: link.json().url,
    position: link.json().position,
  };
};

/** A learner's answer to a public link, as the form sends it. */
export const answer = (t: TestApp, token: string, body: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/public/feedback/${token}`,
    payload: { submissionId: crypto.randomUUID(), rating: 4, comment: 'Bien', ...body },
  });
