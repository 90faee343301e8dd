import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsProjection } from '../projections/results/projection';
import { retentionProjection } from '../projections/retention/projection';
import { rebuildProjection } from '../projections/runner/rebuild';
import { campaignAnswerStream } from '../services/campaign/answer-events';
import { campaignStream } from '../services/campaign/events';
import { execute } from '../services/db/database';
import { fixedClock } from '../services/kernel/clock';
import { ERASED } from '../services/privacy/declarations';
import { privacySubjectStream } from '../services/privacy/events';
import { PASSWORD, startTestApp, type TestApp } from './support/app';
import { appendCampaignAnswer, type ResultsCampaign, resultsCampaign } from './support/results-fixture';

const SETUP = new Date('2027-02-20T09:00:00Z');
/** When the campaign is closed by its manager: 10:00 in Paris. */
const CLOSED = new Date('2027-03-20T09:00:00Z');
/** When a respondent is removed: 11:00 in Paris. */
const REMOVED = new Date('2027-03-02T10:00:00Z');

/**
 * Defaults: comments 24 months from the answer, respondents 24 months from the campaign's closing (or their
 * removal). A named answer is taken at 10:00 Paris time, an anonymous one at its day's midnight.
 */
describe('campaign retention: respondents from the closing, answers’ free text from the answer', () => {
  const clock = fixedClock(SETUP);
  const setClock = (at: string) => clock.advance(new Date(at).getTime() - clock.now().getTime());
  let t: TestApp;
  let closed: ResultsCampaign;
  let open: ResultsCampaign;
  const answers = {} as Record<'commented' | 'uncommented' | 'anonymous', string>;

  const settled = async () => {
    expect(await t.runner.waitForPosition(await t.lastPosition(), 30_000)).toBe(true);
  };
  /** A respondent's address and name as the log reads them now. */
  const person = async (campaign: ResultsCampaign, respondentId: string) => {
    const added = (await t.store.readStream(campaignStream(campaign.campaignId))).find(
      (event) =>
        event.type === 'CampaignRespondentAdded' &&
        (event.data as { respondentId: string }).respondentId === respondentId,
    );
    const { email, lastName } = added!.data as { email: string; lastName: string };
    return { email, lastName };
  };
  const answer = async (answerId: string) =>
    (await t.store.readStream(campaignAnswerStream(answerId)))[0]!.data as {
      answers: Record<string, unknown>;
      comments: unknown;
    };
  const readModelComments = async (answerId: string) =>
    (
      await execute<{ text: string }>(
        t.database.db,
        'SELECT text FROM results_comments WHERE answer_id = $1 ORDER BY question_id',
        [answerId],
      )
    ).map((row) => row.text);
  const readModelScore = async (answerId: string) =>
    (
      await execute<{ score: number }>(
        t.database.db,
        "SELECT score FROM results_values WHERE answer_id = $1 AND question_id = 'overall'",
        [answerId],
      )
    )[0]?.score;
  const sweepAt = async (at: string) => {
    setClock(at);
    const { erased } = await t.retentionReactor.sweep();
    await settled();
    return erased.toSorted();
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { RETENTION_SWEEP_MINUTES: '0', CAMPAIGN_SWEEP_MINUTES: '0' } });
    const { cookie: first, organisationId, email } = await t.organisation('Organisme Campagnes');
    let cookie = first;
    closed = await resultsCampaign(t, cookie, organisationId, { respondents: 4 });
    open = await resultsCampaign(t, cookie, organisationId, { respondents: 1 });
    const [commented, uncommented, removed] = closed.respondentIds;

    clock.advance(REMOVED.getTime() - clock.now().getTime());
    cookie = await t.login(email, PASSWORD);
    const removal = await t.app.inject({
      method: 'POST',
      url: `/api/campaigns/${closed.campaignId}/respondents/${removed}/remove`,
      payload: {},
      headers: { cookie },
    });
    expect(removal.statusCode, removal.body).toBe(200);

    answers.commented = (
      await appendCampaignAnswer(t, closed, {
        answeredOn: '2027-03-06',
        respondentId: commented!,
        given: { overall: 4, comment: 'Merci à Julie, formatrice patiente' },
      })
    ).answerId;
    answers.uncommented = (
      await appendCampaignAnswer(t, closed, {
        answeredOn: '2027-03-06',
        respondentId: uncommented!,
        given: { overall: 2 },
      })
    ).answerId;
    answers.anonymous = (
      await appendCampaignAnswer(t, closed, {
        answeredOn: '2027-03-07',
        given: { overall: 5, learnt: 'Les tableaux croisés' },
      })
    ).answerId;

    clock.advance(CLOSED.getTime() - clock.now().getTime());
    cookie = await t.login(email, PASSWORD);
    const close = await t.app.inject({
      method: 'POST',
      url: `/api/campaigns/${closed.campaignId}/close`,
      payload: {},
      headers: { cookie },
    });
    expect(close.statusCode, close.body).toBe(200);
    await settled();
  }, 120_000);
  afterAll(() => t?.stop());

  it('holds respondents from the closing (or their removal) and free text from its answer', async () => {
    const [commented, uncommented, removed, silent] = closed.respondentIds;
    const rows = await execute<{ subject_id: string; category: string; starts_at: Date }>(
      t.database.db,
      'SELECT subject_id, category, starts_at FROM retention_subjects ORDER BY subject_id, category',
    );
    const held = rows.map((row) => ({ ...row, starts_at: new Date(row.starts_at).toISOString() }));
    expect(held).toEqual(
      [
        { subject_id: `respondent:${commented}`, category: 'campaign_respondents', starts_at: CLOSED },
        // 10:00 in Paris on the day of the answer.
        {
          subject_id: `respondent:${commented}`,
          category: 'feedback_comments',
          starts_at: new Date('2027-03-06T09:00:00Z'),
        },
        { subject_id: `respondent:${uncommented}`, category: 'campaign_respondents', starts_at: CLOSED },
        { subject_id: `respondent:${removed}`, category: 'campaign_respondents', starts_at: REMOVED },
        { subject_id: `respondent:${silent}`, category: 'campaign_respondents', starts_at: CLOSED },
        // The still open campaign: from the end of its closing day (4 May 2027, 60 days after sending).
        {
          subject_id: `respondent:${open.respondentIds[0]}`,
          category: 'campaign_respondents',
          starts_at: new Date('2027-05-04T22:00:00Z'),
        },
        // An anonymous answer is its own subject, from its day's midnight in Paris.
        {
          subject_id: `respondent:${answers.anonymous}`,
          category: 'feedback_comments',
          starts_at: new Date('2027-03-06T23:00:00Z'),
        },
      ]
        .map((row) => ({ ...row, starts_at: row.starts_at.toISOString() }))
        .toSorted((a, b) => `${a.subject_id}/${a.category}`.localeCompare(`${b.subject_id}/${b.category}`)),
    );
  });

  it('erases nothing before a period ends', async () => {
    expect(await sweepAt('2029-03-01T12:00:00Z')).toEqual([]);
    const [commented] = closed.respondentIds;
    expect(await person(closed, commented!)).not.toEqual({ email: ERASED, lastName: ERASED });
    expect((await answer(answers.commented)).comments).toEqual({
      comment: 'Merci à Julie, formatrice patiente',
    });
    expect((await answer(answers.anonymous)).comments).toEqual({ learnt: 'Les tableaux croisés' });
  });

  it('erases a removed respondent 24 months after their removal', async () => {
    const removed = closed.respondentIds[2]!;
    // 11:00 in Paris on 2 March 2029.
    expect(await sweepAt('2029-03-02T09:59:00Z')).toEqual([]);
    expect(await sweepAt('2029-03-02T10:00:00Z')).toEqual([`respondent:${removed}`]);
    expect(await person(closed, removed)).toEqual({ email: ERASED, lastName: ERASED });
  });

  it('erases a named answer’s comment with its author when the first of their periods ends; the rating stays', async () => {
    const commented = closed.respondentIds[0]!;
    expect(await sweepAt('2029-03-06T08:59:00Z')).toEqual([]);
    expect(await sweepAt('2029-03-06T09:00:00Z')).toEqual([`respondent:${commented}`]);
    const stored = await answer(answers.commented);
    expect(stored.comments).toBe(ERASED);
    expect(stored.answers.overall).toBe(4);
    expect(await person(closed, commented)).toEqual({ email: ERASED, lastName: ERASED });
    expect(await readModelComments(answers.commented)).toEqual([ERASED]);
    expect(await readModelScore(answers.commented)).toBe(4);
    const records = await t.store.readStream(privacySubjectStream(`respondent:${commented}`));
    expect(records.map((record) => record.data)).toEqual([
      { subjectId: `respondent:${commented}`, reason: 'retention_expired', erasedBy: 'system' },
    ]);
  });

  it('erases an anonymous answer’s free text from its day; the rating stays', async () => {
    expect(await sweepAt('2029-03-06T22:59:00Z')).toEqual([]);
    expect(await sweepAt('2029-03-06T23:00:00Z')).toEqual([`respondent:${answers.anonymous}`]);
    const stored = await answer(answers.anonymous);
    expect(stored.comments).toBe(ERASED);
    expect(stored.answers.overall).toBe(5);
    expect(await readModelComments(answers.anonymous)).toEqual([ERASED]);
    expect(await readModelScore(answers.anonymous)).toBe(5);
  });

  it('erases the other respondents 24 months after the closing, the open campaign’s after its closing day', async () => {
    const [, uncommented, , silent] = closed.respondentIds;
    expect(await sweepAt('2029-03-20T08:59:00Z')).toEqual([]);
    expect(await sweepAt('2029-03-20T09:00:00Z')).toEqual(
      [`respondent:${uncommented}`, `respondent:${silent}`].toSorted(),
    );
    expect(await person(closed, uncommented!)).toEqual({ email: ERASED, lastName: ERASED });
    expect(await readModelScore(answers.uncommented)).toBe(2);
    expect(await person(open, open.respondentIds[0]!)).not.toEqual({ email: ERASED, lastName: ERASED });
    expect(await sweepAt('2029-05-04T21:59:00Z')).toEqual([]);
    expect(await sweepAt('2029-05-04T22:00:00Z')).toEqual([`respondent:${open.respondentIds[0]}`]);
    expect(await sweepAt('2029-06-01T00:00:00Z')).toEqual([]);
  });

  it('rebuilds the retention and results read models from the log into the same rows', async () => {
    const snapshot = async (tables: readonly string[]) => {
      const rows: Record<string, unknown[]> = {};
      for (const table of tables) {
        rows[table] = await execute(t.database.db, `SELECT * FROM ${table} t ORDER BY t::text`);
      }
      return rows;
    };
    for (const projection of [retentionProjection, resultsProjection]) {
      const before = await snapshot(projection.tables);
      if (projection === resultsProjection) {
        // The erased comments stay where they were, as erased.
        expect(before.results_comments!.map((row) => (row as { text: string }).text)).toEqual([
          ERASED,
          ERASED,
        ]);
      }
      await rebuildProjection(t.database, t.store, projection);
      expect(await snapshot(projection.tables), projection.name).toEqual(before);
    }
  });
});
