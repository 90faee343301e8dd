import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../services/kernel/clock';
import { graphql, startTestApp, type TestApp } from './support/app';
import { openFeedbackLink } from './support/training-fixture';

const TIMELINE = `query ($indicator: Int!, $from: Date, $to: Date) {
  evidenceTimeline(indicator: $indicator, from: $from, to: $to, first: 10) {
    totalCount edges { node { kind title summary sourceType sourceId occurredAt } }
  }
}`;

describe('walking skeleton: a learner’s feedback becomes evidence for indicator 30', () => {
  const clock = fixedClock(new Date('2026-03-04T16:00:00Z'));
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ({ cookie } = await t.organisation('Formations Dupont'));
  });
  afterAll(() => t?.stop());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie, ...headers } });

  const openLinkForNewSession = async () => {
    const { sessionId, ...link } = await openFeedbackLink(t, cookie, { title: 'Excel avancé' });
    return { sessionId, link };
  };

  it('records the answer and shows it in the evidence timeline of indicator 30', async () => {
    const { sessionId, link } = await openLinkForNewSession();
    expect(link.url).toBe(`/f/${link.token}`);

    const form = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${link.token}` });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({
      organisationName: 'Formations Dupont',
      trainingTitle: 'Excel avancé',
      site: 'Lyon',
    });

    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/public/feedback/${link.token}`,
      payload: { submissionId: crypto.randomUUID(), rating: 5, comment: 'Formatrice très claire' },
    });
    expect(answer.statusCode).toBe(201);

    const head = { position: await t.lastPosition() };
    const result = await graphql(t.app, cookie, TIMELINE, { indicator: 30 }, head.position);
    const timeline = result.data?.evidenceTimeline as {
      totalCount: number;
      edges: { node: Record<string, string> }[];
    };
    const received = timeline.edges
      .map((edge) => edge.node)
      .find((node) => node.kind === 'feedback_received');
    expect(received).toMatchObject({
      sourceType: 'session',
      sourceId: sessionId,
      summary: 'Formatrice très claire',
    });
    expect(received!.title).toContain('5/5');
    expect(timeline.edges.some((edge) => edge.node.kind === 'solicitation')).toBe(true);
  });

  it('solicits any of the four stakeholder groups, and the evidence says which', async () => {
    const action = await post('/api/training-actions', { title: 'Gestion de projet', category: 'training' });
    const session = await post(`/api/training-actions/${action.json().id}/sessions`, {
      title: 'Session financeur',
      startsOn: '2026-03-03',
      endsOn: '2026-03-03',
      site: 'Paris',
    });
    const headers = { 'x-min-position': String(session.json().position) };
    const link = await post(
      `/api/sessions/${session.json().id}/feedback-links`,
      { audience: 'funder' },
      headers,
    );
    expect(link.statusCode).toBe(201);
    const form = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${link.json().token}` });
    expect(form.json().audience).toBe('funder');
    const invalid = await post(
      `/api/sessions/${session.json().id}/feedback-links`,
      { audience: 'everyone' },
      headers,
    );
    expect(invalid.statusCode).toBe(400);
    const result = await graphql(t.app, cookie, TIMELINE, { indicator: 30 }, await t.lastPosition());
    const titles = (result.data!.evidenceTimeline as { edges: { node: { title: string } }[] }).edges.map(
      (edge) => edge.node.title,
    );
    expect(titles).toContain(
      'Recueil des appréciations ouvert (financeurs) : Gestion de projet — Session financeur',
    );
  });

  it('filters the timeline by a period of Paris calendar dates', async () => {
    const head = { position: await t.lastPosition() };
    const inside = await graphql(
      t.app,
      cookie,
      TIMELINE,
      { indicator: 30, from: '2026-03-04', to: '2026-03-04' },
      head.position,
    );
    const before = await graphql(t.app, cookie, TIMELINE, { indicator: 30, to: '2026-03-03' });
    expect((inside.data!.evidenceTimeline as { totalCount: number }).totalCount).toBeGreaterThan(0);
    expect((before.data!.evidenceTimeline as { totalCount: number }).totalCount).toBe(0);
    const other = await graphql(t.app, cookie, TIMELINE, { indicator: 31 });
    expect((other.data!.evidenceTimeline as { totalCount: number }).totalCount).toBe(0);
  });

  it('stores a respondent’s retried answer once', async () => {
    const { sessionId, link } = await openLinkForNewSession();
    const payload = { submissionId: crypto.randomUUID(), rating: 3, comment: 'Salle trop petite' };
    const first = await t.app.inject({ method: 'POST', url: `/api/public/feedback/${link.token}`, payload });
    const retry = await t.app.inject({ method: 'POST', url: `/api/public/feedback/${link.token}`, payload });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    const head = { position: await t.lastPosition() };
    const result = await graphql(
      t.app,
      cookie,
      'query ($id: ID!) { trainingActions(first: 50) { edges { node { sessions { id feedbackCount } } } } trainingAction(id: $id) { id } }',
      { id: '00000000-0000-0000-0000-000000000000' },
      head.position,
    );
    const sessions = (
      result.data!.trainingActions as {
        edges: { node: { sessions: { id: string; feedbackCount: number }[] } }[];
      }
    ).edges.flatMap((edge) => edge.node.sessions);
    expect(sessions.find((session) => session.id === sessionId)?.feedbackCount).toBe(1);
  });

  it('answers an unknown or tampered token with 404 and writes nothing', async () => {
    const { link } = await openLinkForNewSession();
    const before = await t.lastPosition();
    const tampered = `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [tampered, 'not-a-token', 'x'.repeat(99)]) {
      const answer = await t.app.inject({
        method: 'POST',
        url: `/api/public/feedback/${token}`,
        payload: { submissionId: crypto.randomUUID(), rating: 4 },
      });
      expect(answer.statusCode).toBe(404);
      expect(answer.json().code).toBe('feedback_link_not_found');
    }
    expect(await t.lastPosition()).toBe(before);
  });

  it('rejects invalid answers with 400 and a code per field', async () => {
    const { link } = await openLinkForNewSession();
    const cases = [
      { submissionId: crypto.randomUUID(), rating: 6 },
      { submissionId: crypto.randomUUID(), rating: 2.5 },
      { submissionId: 'nope', rating: 3 },
      { submissionId: crypto.randomUUID(), rating: 3, comment: 'x'.repeat(2001) },
    ];
    for (const payload of cases) {
      const answer = await t.app.inject({
        method: 'POST',
        url: `/api/public/feedback/${link.token}`,
        payload,
      });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().code).toBe('validation_failed');
      expect(answer.json().details.issues.length).toBeGreaterThan(0);
    }
    const huge = await t.app.inject({
      method: 'POST',
      url: `/api/public/feedback/${link.token}`,
      payload: { submissionId: crypto.randomUUID(), rating: 3, comment: 'x'.repeat(20_000) },
    });
    expect(huge.statusCode).toBe(413);
  });

  it('refuses answers once the link has expired', async () => {
    const { link } = await openLinkForNewSession();
    clock.advance(31 * 86_400_000);
    try {
      const form = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${link.token}` });
      expect(form.statusCode).toBe(409);
      expect(form.json().code).toBe('feedback_link_expired');
      const answer = await t.app.inject({
        method: 'POST',
        url: `/api/public/feedback/${link.token}`,
        payload: { submissionId: crypto.randomUUID(), rating: 4 },
      });
      expect(answer.json().code).toBe('feedback_link_expired');
    } finally {
      clock.advance(-31 * 86_400_000);
    }
  });

  it('refuses a session that ends before it starts, and a date that does not exist', async () => {
    const action = await post('/api/training-actions', { title: 'Management', category: 'training' });
    const url = `/api/training-actions/${action.json().id}/sessions`;
    const backwards = await post(url, {
      title: 'S',
      startsOn: '2026-05-10',
      endsOn: '2026-05-01',
      site: 'Paris',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().code).toBe('session_ends_before_start');
    const impossible = await post(url, {
      title: 'S',
      startsOn: '2026-02-30',
      endsOn: '2026-03-01',
      site: 'Paris',
    });
    expect(impossible.statusCode).toBe(400);
  });

  it('answers 409 with the current revision when If-Match is stale', async () => {
    const action = await post('/api/training-actions', { title: 'Anglais', category: 'training' });
    const url = `/api/training-actions/${action.json().id}/sessions`;
    const session = { title: 'S1', startsOn: '2026-06-01', endsOn: '2026-06-02', site: 'Nantes' };
    const first = await post(url, session, { 'if-match': '0' });
    expect(first.statusCode).toBe(201);
    const stale = await post(url, { ...session, title: 'S2' }, { 'if-match': '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 1 } });
  });

  it('replays a command retried with the same Idempotency-Key instead of doing it twice', async () => {
    const key = crypto.randomUUID();
    const first = await post(
      '/api/training-actions',
      { title: 'Word', category: 'training' },
      { 'idempotency-key': key },
    );
    const again = await post(
      '/api/training-actions',
      { title: 'Word', category: 'training' },
      { 'idempotency-key': key },
    );
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await t.store.readStream(`trainingaction-${first.json().id}`)).toHaveLength(1);
  });
});

describe('calendar dates stay calendar dates', () => {
  let t: TestApp;
  afterAll(() => t?.stop());

  it('reads back a session’s dates as YYYY-MM-DD, and a link records them so', async () => {
    t = await startTestApp();
    const { cookie } = await t.organisation('Formations Dates');
    const link = await openFeedbackLink(t, cookie);
    const read = await graphql(
      t.app,
      cookie,
      'query ($id: ID!) { trainingAction(id: $id) { sessions { startsOn endsOn } } }',
      { id: link.actionId },
      link.position,
    );
    expect(read.data?.trainingAction).toEqual({
      sessions: [{ startsOn: '2026-03-02', endsOn: '2026-03-04' }],
    });
    const [opened] = await t.store.readStream(`feedbacklink-${link.linkId}`);
    expect(opened?.data).toMatchObject({ session: { startsOn: '2026-03-02', endsOn: '2026-03-04' } });
    const form = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${link.token}` });
    expect(form.json()).toMatchObject({ startsOn: '2026-03-02', endsOn: '2026-03-04' });
  });
});
