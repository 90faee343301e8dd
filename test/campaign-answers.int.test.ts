import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignAnswerStream } from '../services/campaign/answer-events';
import { campaignStream } from '../services/campaign/events';
import { CAMPAIGN_LINK_KEY_PURPOSE, campaignLinkToken } from '../services/campaign/links';
import { fixedClock } from '../services/kernel/clock';
import { startTestApp, type TestApp } from './support/app';

/** A full answer to the "à chaud" template (learner_end_of_session). */
const FULL = {
  overall: 5,
  objectives: 4,
  content_fit: 4,
  trainer: 5,
  organisation: 3,
  pace: 'right',
  skills: 4,
  recommend: 9,
  liked: 'Les exercices pratiques',
};

describe('campaign answers: personal and shared links, anonymous mode', () => {
  const clock = fixedClock(new Date('2027-03-05T15:00:00Z'));
  let t: TestApp;
  let cookie: string;
  let other: string;
  let sessionId: string;
  let questionnaireId: string;

  /** A command after our earlier ones, as the dashboard sends it (`X-Min-Position`: it sees what they wrote). */
  const post = async (url: string, payload: object, as = cookie) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: as, ...(await fresh()) } });
  const fresh = async () => ({ 'x-min-position': String(await t.lastPosition()) });
  const key = () => t.vault.derivedKey(CAMPAIGN_LINK_KEY_PURPOSE);
  const personal = (respondentId: string) => campaignLinkToken(key(), 'personal', respondentId);
  const form = async (token: string) =>
    t.app.inject({ method: 'GET', url: `/api/public/answers/${token}`, headers: await fresh() });
  const send = async (token: string, answers: object, submissionId: string = crypto.randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/answers/${token}`,
      payload: { submissionId, answers },
      headers: await fresh(),
    });
  /** The answers stored for a campaign, read from the log. */
  const answersOf = async (campaignId: string) => {
    const rows = await sql<{ stream_id: string }>`
      SELECT stream_id FROM es_events WHERE type = 'CampaignAnswerSubmitted' AND data->>'campaignId' = ${campaignId}
    `.execute(t.database.db);
    return Promise.all(rows.rows.map(async (row) => (await t.store.readStream(row.stream_id))[0]!));
  };

  /** A campaign for the session with two respondents; their ids. */
  const campaignWith = async (options: { anonymous?: boolean } = {}) => {
    const planned = await post('/api/campaigns', {
      questionnaireId,
      audience: 'learner',
      target: { sessionId },
      send: { anchor: 'session_end', offsetDays: 0 },
      reminders: 1,
      reminderGapDays: 3,
      openDays: 14,
      anonymous: options.anonymous ?? false,
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const campaignId: string = planned.json().id;
    const added = await post(`/api/campaigns/${campaignId}/respondents`, {
      respondents: [
        { email: 'alice@example.fr', firstName: 'Alice', lastName: 'Durand' },
        { email: 'bruno@example.fr', firstName: 'Bruno', lastName: 'Petit' },
      ],
    });
    expect(added.statusCode).toBe(200);
    const respondents = (await t.store.readStream(campaignStream(campaignId)))
      .filter((event) => event.type === 'CampaignRespondentAdded')
      .map((event) => (event.data as { respondentId: string }).respondentId);
    return { campaignId, respondents };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ({ cookie } = await t.organisation('Formations Lumière'));
    ({ cookie: other } = await t.organisation('Autre organisme'));
    const action = await post('/api/training-actions', { title: 'Bureautique', category: 'training' });
    const session = await post(`/api/training-actions/${action.json().id}/sessions`, {
      title: 'Mars',
      startsOn: '2027-03-01',
      endsOn: '2027-03-05',
      site: 'Lyon',
    });
    sessionId = session.json().id;
    questionnaireId = (await post('/api/questionnaires', { fromTemplate: 'learner_end_of_session' })).json()
      .id;
  }, 120_000);
  afterAll(() => t?.stop());

  it('shows the questionnaire version of the campaign to a personal link, in French and English', async () => {
    const { respondents } = await campaignWith();
    const response = await form(personal(respondents[0]!));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      link: 'personal',
      anonymous: false,
      audience: 'learner',
      targetLabel: 'Mars',
      closesOn: '2027-03-19',
      organisation: { name: 'Formations Lumière' },
    });
    expect(body.questionnaire.questions.map((question: { id: string }) => question.id)).toContain('overall');
    expect(body.questionnaire.title.en).toBeTruthy();
  });

  it('stores a named answer once: a retry is the same answer, a second answer is refused kindly', async () => {
    const { campaignId, respondents } = await campaignWith();
    const token = personal(respondents[0]!);
    const submissionId = crypto.randomUUID();
    expect((await send(token, FULL, submissionId)).statusCode).toBe(201);
    expect((await send(token, FULL, submissionId)).statusCode).toBe(201);
    const second = await send(token, { ...FULL, overall: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('already_answered');
    const reopened = await form(token);
    expect(reopened.statusCode).toBe(409);
    expect(reopened.json()).toMatchObject({
      code: 'already_answered',
      details: { organisation: { name: 'Formations Lumière' } },
    });

    const stored = await answersOf(campaignId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.data).toMatchObject({
      campaignId,
      respondentId: respondents[0],
      channel: 'personal',
      sessionId,
      site: 'Lyon',
      answeredOn: '2027-03-05',
      answers: { overall: 5, pace: 'right', recommend: 9 },
      comments: { liked: 'Les exercices pratiques' },
      purposes: ['learning_assessment', 'satisfaction'],
    });
    const marks = (await t.store.readStream(campaignStream(campaignId))).filter(
      (event) => event.type === 'CampaignRespondentAnswered',
    );
    expect(marks).toHaveLength(1);
  });

  it.each([
    ['an unknown question id', { ...FULL, colour: 'blue' }, 400, 'unknown_question'],
    ['a required question left blank', { ...FULL, overall: undefined }, 400, 'answer_required'],
    ['a rating out of range', { ...FULL, overall: 6 }, 400, 'invalid_answer'],
    ['an option that does not exist', { ...FULL, pace: 'sideways' }, 400, 'invalid_answer'],
    ['a comment longer than 2,000 characters', { ...FULL, liked: 'a'.repeat(2001) }, 400, 'invalid_answer'],
  ])('refuses %s and stores nothing', async (_, answers, status, code) => {
    const { campaignId, respondents } = await campaignWith();
    const before = await t.lastPosition();
    const response = await send(personal(respondents[0]!), answers);
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
    expect(await t.lastPosition()).toBe(before);
    expect(await answersOf(campaignId)).toHaveLength(0);
  });

  it('refuses an oversized answer with 413 and stores nothing', async () => {
    const { respondents } = await campaignWith();
    const before = await t.lastPosition();
    const response = await send(personal(respondents[0]!), { ...FULL, liked: 'a'.repeat(70_000) });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('payload_too_large');
    expect(await t.lastPosition()).toBe(before);
  });

  it('answers a wrong, altered or removed link like a missing one', async () => {
    const { campaignId, respondents } = await campaignWith();
    const token = personal(respondents[0]!);
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of ['nonsense', altered, personal(crypto.randomUUID())]) {
      const response = await form(bad);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('answer_link_not_found');
    }
    await post(`/api/campaigns/${campaignId}/respondents/${respondents[1]}/remove`, {});
    expect((await send(personal(respondents[1]!), FULL)).statusCode).toBe(404);
  });

  it('refuses answers once the campaign is past its closing day, or closed', async () => {
    const { campaignId, respondents } = await campaignWith();
    const closed = await post(`/api/campaigns/${campaignId}/close`, {});
    expect(closed.statusCode).toBe(200);
    const refused = await send(personal(respondents[0]!), FULL);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('campaign_closed');

    const late = await campaignWith();
    clock.advance(15 * 24 * 60 * 60 * 1000);
    try {
      const expired = await send(personal(late.respondents[0]!), FULL);
      expect(expired.statusCode).toBe(409);
      expect(expired.json().code).toBe('campaign_closed');
      expect(await answersOf(late.campaignId)).toHaveLength(0);
    } finally {
      clock.advance(-15 * 24 * 60 * 60 * 1000);
    }
  });

  it('keeps an anonymous answer free of identity, token, link and exact time, yet marks who answered', async () => {
    const { campaignId, respondents } = await campaignWith({ anonymous: true });
    const token = personal(respondents[0]!);
    expect((await send(token, FULL)).statusCode).toBe(201);

    const rows = await sql<{ data: unknown; metadata: unknown; stream_id: string }>`
      SELECT data, metadata, stream_id FROM es_events
      WHERE type = 'CampaignAnswerSubmitted' AND data->>'campaignId' = ${campaignId}
    `.execute(t.database.db);
    expect(rows.rows).toHaveLength(1);
    const stored = JSON.stringify(rows.rows[0]);
    for (const secret of [respondents[0]!, token, token.split('.')[1]!, token.split('.')[2]!]) {
      expect(stored).not.toContain(secret);
    }
    const row = rows.rows[0]! as { data: Record<string, unknown>; metadata: Record<string, unknown> };
    expect(row.data).toMatchObject({ respondentId: null, sharedLinkId: null, answeredOn: '2027-03-05' });
    // The time is the Paris day's midnight; no correlation id ties it to the request that marked the respondent.
    expect(row.metadata.occurredAt).toBe('2027-03-04T23:00:00.000Z');
    expect(row.metadata.correlationId).toBeUndefined();

    // The campaign still knows who answered (no reminder, no second answer), without saying which answer.
    const mark = (await t.store.readStream(campaignStream(campaignId))).find(
      (event) => event.type === 'CampaignRespondentAnswered',
    )!;
    expect(mark.data).toMatchObject({ respondentId: respondents[0] });
    expect(JSON.stringify(mark)).not.toContain((row.data as { answerId: string }).answerId);
    expect(mark.metadata.correlationId).toBeUndefined();
    expect((await send(token, FULL)).json().code).toBe('already_answered');

    // The read model's rows about the campaign's answers hold no respondent either.
    const readRows = await sql`SELECT * FROM campaign_counts WHERE campaign_id = ${campaignId}`.execute(
      t.database.db,
    );
    expect(JSON.stringify(readRows.rows)).not.toContain(respondents[0]!);
  });

  it('lets a room answer a shared link, counts it, and stops when the link is closed', async () => {
    const { campaignId } = await campaignWith();
    const opened = await post(`/api/campaigns/${campaignId}/shared-links`, { label: 'Salle 2' });
    expect(opened.statusCode).toBe(201);
    const { token, url, id: linkId } = opened.json();
    expect(url).toBe(`/a/${token}`);
    expect((await form(token)).json()).toMatchObject({ link: 'shared' });

    const results = await Promise.all(Array.from({ length: 12 }, () => send(token, FULL)));
    expect(results.map((response) => response.statusCode)).toEqual(results.map(() => 201));
    const stored = await answersOf(campaignId);
    expect(stored).toHaveLength(12);
    expect(stored.every((event) => (event.data as { respondentId: unknown }).respondentId === null)).toBe(
      true,
    );

    await t.runner.waitForPosition(await t.lastPosition(), 5000);
    const counts = await sql<{ answers: number }>`
      SELECT answers FROM campaign_shared_links WHERE id = ${linkId}
    `.execute(t.database.db);
    expect(counts.rows[0]!.answers).toBe(12);

    expect((await post(`/api/campaigns/${campaignId}/shared-links/${linkId}/close`, {})).statusCode).toBe(
      200,
    );
    const refused = await send(token, FULL);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('shared_link_closed');
    expect(await answersOf(campaignId)).toHaveLength(12);
    // The answers' streams are theirs alone: each answer has its own.
    expect(new Set(stored.map((event) => event.streamId)).size).toBe(12);
    expect(stored[0]!.streamId).toBe(
      campaignAnswerStream((stored[0]!.data as { answerId: string }).answerId),
    );
  });

  it('opens and closes shared links for managers of the campaign’s organisation only', async () => {
    const { campaignId } = await campaignWith();
    const foreign = await post(`/api/campaigns/${campaignId}/shared-links`, { label: 'Intrus' }, other);
    expect(foreign.statusCode).toBe(404);
    const unnamed = await post(`/api/campaigns/${campaignId}/shared-links`, { label: '' });
    expect(unnamed.statusCode).toBe(400);
    const opened = (await post(`/api/campaigns/${campaignId}/shared-links`, { label: 'Salle 1' })).json();
    const closeForeign = await post(
      `/api/campaigns/${campaignId}/shared-links/${opened.id}/close`,
      {},
      other,
    );
    expect(closeForeign.statusCode).toBe(404);
  });
});
