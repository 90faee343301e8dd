import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { ERASED } from '../services/privacy/declarations';
import { answerReviewStream } from '../services/results/events';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import {
  appendCampaignAnswer,
  appendLegacyAnswer,
  type ResultsCampaign,
  resultsCampaign,
} from './support/results-fixture';

const FIGURES = `query ($filter: ResultsFilter) {
  results(filter: $filter) {
    answerCount personalAnswerCount askedCount responseRate lowScoreCount toReviewCount
    threshold { ratingAtMost npsAtMost isDefault revision }
    satisfaction { answerCount questions { ...q } }
    learningAssessment { answerCount questions { ...q } }
    trend { month ratingAnswerCount ratingAverage npsAnswerCount npsScore }
  }
}
fragment q on QuestionResult {
  questionnaireId questionId kind purpose answerCount average
  label { fr } distribution { value count label { fr } } nps { promoters passives detractors score }
}`;
const COMMENTS = `query ($filter: ResultsFilter, $purpose: ResultsPurpose, $first: Int, $after: String) {
  results(filter: $filter) {
    comments(purpose: $purpose, first: $first, after: $after) {
      edges { node { answerId questionId purpose text answeredOn lowScore reviewedAt followUps { kind title } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

type Question = {
  questionnaireId: string | null;
  questionId: string;
  kind: string;
  answerCount: number;
  average: number | null;
  distribution: { value: string; count: number }[];
  nps: { promoters: number; passives: number; detractors: number; score: number | null } | null;
};
type Figures = {
  answerCount: number;
  personalAnswerCount: number;
  askedCount: number;
  responseRate: number | null;
  lowScoreCount: number;
  toReviewCount: number;
  threshold: { ratingAtMost: number; npsAtMost: number; isDefault: boolean; revision: number };
  satisfaction: { answerCount: number; questions: Question[] };
  learningAssessment: { answerCount: number; questions: Question[] };
  trend: {
    month: string;
    ratingAnswerCount: number;
    ratingAverage: number;
    npsAnswerCount: number;
    npsScore: number;
  }[];
};
type Comment = {
  answerId: string;
  questionId: string;
  purpose: string;
  text: string;
  answeredOn: string;
  lowScore: boolean;
  reviewedAt: string | null;
  followUps: { kind: string; title: string }[];
};

const counts = (question: Question | undefined) =>
  Object.fromEntries(
    (question?.distribution ?? []).filter((item) => item.count > 0).map((item) => [item.value, item.count]),
  );

describe('results: figures, trends, comments review and export', () => {
  let t: TestApp;
  let cookie: string;
  let organisationId: string;
  let campaign: ResultsCampaign;
  const answers = { named1: '', named2: '', anonymous: '', legacy: '' };

  const read = async (query: string, variables: Record<string, unknown> = {}, as = cookie) =>
    graphql(t.app, as, query, variables, await t.lastPosition());
  const figures = async (filter: Record<string, unknown> = {}) => {
    const response = await read(FIGURES, { filter });
    expect(response.errors).toBeUndefined();
    return response.data!.results as Figures;
  };
  const comments = async (variables: Record<string, unknown> = {}, as = cookie) => {
    const response = await read(COMMENTS, variables, as);
    expect(response.errors).toBeUndefined();
    const connection = (response.data!.results as { comments: { edges: { node: Comment }[] } }).comments;
    return connection.edges.map((edge) => edge.node);
  };
  const send = async (
    method: 'POST',
    url: string,
    payload: object = {},
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      payload,
      headers: { cookie, 'x-min-position': String(await t.lastPosition()), ...headers },
    });
  const exportAs = async (format: 'csv' | 'xlsx', query = '', as = cookie) =>
    t.app.inject({
      method: 'GET',
      url: `/api/results/export?format=${format}${query}`,
      headers: { cookie: as, 'x-min-position': String(await t.lastPosition()) },
    });

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie, organisationId } = await t.organisation('Résultats'));
    campaign = await resultsCampaign(t, cookie, organisationId, { respondents: 4 });
    const [first, second] = campaign.respondentIds;
    answers.named1 = (
      await appendCampaignAnswer(t, campaign, {
        answeredOn: '2027-03-05',
        respondentId: first,
        given: {
          overall: 5,
          recommend: 10,
          format: 'room',
          topics: ['a', 'b'],
          again: true,
          skills: 4,
          comment: 'Très bien',
          learnt: 'Les tableaux croisés',
        },
      })
    ).answerId;
    answers.named2 = (
      await appendCampaignAnswer(t, campaign, {
        answeredOn: '2027-03-06',
        respondentId: second,
        given: {
          overall: 2,
          recommend: 6,
          format: 'remote',
          topics: ['a'],
          again: false,
          skills: 2,
          comment: 'Salle trop froide',
        },
      })
    ).answerId;
    answers.anonymous = (
      await appendCampaignAnswer(t, campaign, {
        answeredOn: '2027-04-02',
        given: { overall: 4, recommend: 9, format: 'room', topics: ['c'], again: true },
      })
    ).answerId;
    // 23:30 UTC on 10 March is 00:30 on 11 March in Paris.
    answers.legacy = (
      await appendLegacyAnswer(t, organisationId, {
        at: '2027-03-10T23:30:00Z',
        rating: 1,
        comment: 'Formateur absent',
        site: 'Paris',
      })
    ).responseId;
  });
  afterAll(() => t?.stop());

  it('counts every answer, legacy ones included, and the response rate of those asked by name', async () => {
    const result = await figures();
    expect(result).toMatchObject({
      answerCount: 4,
      personalAnswerCount: 2,
      askedCount: 4,
      responseRate: 0.5,
      // Answer 2 (rating 2, NPS 6) and the legacy answer (rating 1), under the default threshold.
      lowScoreCount: 2,
      toReviewCount: 2,
      threshold: { ratingAtMost: 2, npsAtMost: 6, isDefault: true },
    });
  });

  it('computes each question’s average, distribution and NPS exactly, satisfaction and learning apart', async () => {
    const { satisfaction, learningAssessment } = await figures();
    const of = (list: Question[], id: string, questionnaireId: string | null = campaign.questionnaireId) =>
      list.find((question) => question.questionId === id && question.questionnaireId === questionnaireId);
    expect(satisfaction.answerCount).toBe(4);
    expect(learningAssessment.answerCount).toBe(2);

    const overall = of(satisfaction.questions, 'overall');
    expect(overall).toMatchObject({ kind: 'rating', answerCount: 3 });
    expect(overall!.average).toBeCloseTo(11 / 3, 10);
    expect(counts(overall)).toEqual({ 2: 1, 4: 1, 5: 1 });

    const recommend = of(satisfaction.questions, 'recommend');
    // 10 and 9 promote, 6 detracts: (2 − 1) / 3 = 33 %.
    expect(recommend!.nps).toEqual({ promoters: 2, passives: 0, detractors: 1, score: 33 });
    expect(recommend!.average).toBeCloseTo(25 / 3, 10);

    expect(counts(of(satisfaction.questions, 'format'))).toEqual({ room: 2, remote: 1 });
    const topics = of(satisfaction.questions, 'topics');
    expect(topics!.answerCount).toBe(3);
    expect(counts(topics)).toEqual({ a: 2, b: 1, c: 1 });
    expect(counts(of(satisfaction.questions, 'again'))).toEqual({ yes: 2, no: 1 });
    expect(of(satisfaction.questions, 'comment')).toMatchObject({ kind: 'free_text', answerCount: 2 });

    // The legacy answer reads as the built-in questionnaire's rating and comment.
    const legacy = of(satisfaction.questions, 'rating', null);
    expect(legacy).toMatchObject({ kind: 'rating', answerCount: 1, average: 1 });
    expect(of(satisfaction.questions, 'comment', null)).toMatchObject({ answerCount: 1 });

    expect(learningAssessment.questions.map((question) => question.questionId).sort()).toEqual([
      'learnt',
      'skills',
    ]);
    expect(of(learningAssessment.questions, 'skills')).toMatchObject({ average: 3, answerCount: 2 });
    expect(satisfaction.questions.some((question) => question.questionId === 'skills')).toBe(false);
  });

  it('draws the monthly satisfaction trend from ratings and NPS only, by Paris month', async () => {
    const { trend } = await figures();
    // March: ratings 5, 2 and the legacy 1 (its Paris day is 11 March); the learning ratings are not mixed in.
    expect(trend).toHaveLength(2);
    expect(trend[0]).toMatchObject({
      month: '2027-03',
      ratingAnswerCount: 3,
      npsAnswerCount: 2,
      npsScore: 0,
    });
    expect(trend[0]!.ratingAverage).toBeCloseTo(8 / 3, 10);
    expect(trend[1]).toEqual({
      month: '2027-04',
      ratingAnswerCount: 1,
      ratingAverage: 4,
      npsAnswerCount: 1,
      npsScore: 100,
    });
  });

  it('narrows by period, site, campaign and group', async () => {
    expect((await figures({ from: '2027-04-01' })).answerCount).toBe(1);
    expect((await figures({ from: '2027-03-11', to: '2027-03-11' })).answerCount).toBe(1);
    const paris = await figures({ site: 'Paris' });
    expect(paris).toMatchObject({ answerCount: 1, askedCount: 0, responseRate: null });
    const byCampaign = await figures({ campaignId: campaign.campaignId });
    expect(byCampaign).toMatchObject({ answerCount: 3, askedCount: 4, responseRate: 0.5 });
    expect((await figures({ sessionId: campaign.sessionId })).answerCount).toBe(3);
    expect((await figures({ trainingActionId: campaign.trainingActionId })).answerCount).toBe(3);
    expect((await figures({ audience: 'funder' })).answerCount).toBe(0);
    const bad = await read(FIGURES, { filter: { campaignId: 'not-an-id' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists comments newest first, paged, one purpose when asked', async () => {
    const all = await comments();
    expect(all).toHaveLength(4);
    // The legacy answer (11 March), answer 2 (6 March), then answer 1's two comments (5 March).
    expect(all.slice(0, 2).map((comment) => comment.text)).toEqual(['Formateur absent', 'Salle trop froide']);
    expect(
      all
        .slice(2)
        .map((comment) => comment.text)
        .sort(),
    ).toEqual(['Les tableaux croisés', 'Très bien']);
    expect(all[0]).toMatchObject({ answeredOn: '2027-03-11', lowScore: true, questionId: 'comment' });
    const learning = await comments({ purpose: 'learning_assessment' });
    expect(learning.map((comment) => comment.text)).toEqual(['Les tableaux croisés']);
    const firstPage = await read(COMMENTS, { first: 2 });
    const page = (
      firstPage.data!.results as { comments: { pageInfo: { hasNextPage: boolean; endCursor: string } } }
    ).comments.pageInfo;
    expect(page.hasNextPage).toBe(true);
    const rest = await comments({ first: 2, after: page.endCursor });
    expect(rest).toHaveLength(2);
  });

  it('moves low-score flags when the threshold changes, answering 409 with the revision on a stale If-Match', async () => {
    const set = await send('POST', '/api/results/threshold', { ratingAtMost: 4, npsAtMost: 6 });
    expect(set.statusCode).toBe(200);
    // Now the anonymous answer's 4 is low too.
    expect(await figures()).toMatchObject({
      lowScoreCount: 3,
      threshold: { ratingAtMost: 4, isDefault: false },
    });
    const stale = await send(
      'POST',
      '/api/results/threshold',
      { ratingAtMost: 3, npsAtMost: 6 },
      { 'if-match': '5' },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 0 } });
    const invalid = await send('POST', '/api/results/threshold', { ratingAtMost: 5, npsAtMost: 6 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('invalid_threshold');
    const back = await send(
      'POST',
      '/api/results/threshold',
      { ratingAtMost: 2, npsAtMost: 6 },
      { 'if-match': '0' },
    );
    expect(back.statusCode).toBe(200);
    expect((await figures()).lowScoreCount).toBe(2);
  });

  it('marks an answer reviewed once, and records follow-ups from a comment, retry-safe', async () => {
    const review = await send('POST', `/api/results/answers/${answers.named2}/review`);
    expect(review.json()).toMatchObject({ changed: true });
    expect((await send('POST', `/api/results/answers/${answers.named2}/review`)).json()).toMatchObject({
      changed: false,
    });
    expect((await figures()).toReviewCount).toBe(1);

    const body = { kind: 'improvement_action', title: 'Chauffer la salle' };
    const key = { 'idempotency-key': `follow-up-${answers.named2}` };
    const first = await send('POST', `/api/results/answers/${answers.named2}/follow-ups`, body, key);
    const retry = await send('POST', `/api/results/answers/${answers.named2}/follow-ups`, body, key);
    expect(first.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    const again = await send('POST', `/api/results/answers/${answers.named2}/follow-ups`, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('follow_up_already_requested');
    const events = await t.store.readStream(answerReviewStream(answers.named2));
    expect(events.map((event) => event.type)).toEqual(['AnswerReviewed', 'AnswerFollowUpRequested']);

    const comment = (await comments()).find((each) => each.answerId === answers.named2)!;
    expect(comment.reviewedAt).not.toBeNull();
    expect(comment.followUps).toEqual([{ kind: 'improvement_action', title: 'Chauffer la salle' }]);

    const evidence = await read(
      '{ evidenceTimeline(indicator: 32, first: 10) { edges { node { kind title } } } }',
    );
    expect(evidence.errors).toBeUndefined();
    expect(JSON.stringify(evidence.data)).toContain('improvement_source');
    expect(JSON.stringify(evidence.data)).toContain('Chauffer la salle');
  });

  it('refuses bad input and unknown answers, writing nothing', async () => {
    // The follow-up above is planned by the actions slice: let it be, before counting.
    await t.actionReactor.pickUpThrough(await t.lastPosition());
    const before = await t.lastPosition();
    const unknown = await send('POST', `/api/results/answers/${crypto.randomUUID()}/review`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('answer_not_found');
    const badKind = await send('POST', `/api/results/answers/${answers.named1}/follow-ups`, {
      kind: 'x',
      title: 'T',
    });
    expect(badKind.statusCode).toBe(400);
    const noTitle = await send('POST', `/api/results/answers/${answers.named1}/follow-ups`, {
      kind: 'incident',
      title: ' ',
    });
    expect(noTitle.statusCode).toBe(400);
    expect((await send('POST', '/api/results/answers/not-a-uuid/review')).statusCode).toBe(400);
    expect(await t.lastPosition()).toBe(before);
  });

  it('exports a CSV French spreadsheets open, comments only for those who may read them', async () => {
    const response = await exportAs('csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const body = response.rawPayload;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trimEnd().split('\r\n');
    const rows = lines.map((line) => line.split(';'));
    expect(rows[0]).toContain('Date de réponse');
    expect(rows[0]).toContain('Réponse');
    // 6 + 6 + 5 closed answers and 1 legacy rating; 2 + 1 comments and 1 legacy comment.
    expect(rows.length - 1).toBe(22);
    const answerColumn = rows[0]!.indexOf('Réponse');
    expect(rows.some((row) => row[answerColumn] === 'Salle trop froide')).toBe(true);
    expect(rows.some((row) => row[answerColumn] === 'Option room')).toBe(true);
    expect(rows.some((row) => row[0] === '11/03/2027' && row[answerColumn] === '1')).toBe(true);

    const email = `contrib.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
      { organisationId, email, displayName: 'Formateur', role: 'contributor', password: PASSWORD },
    );
    const contributor = await t.login(email, PASSWORD);
    const limited = await exportAs('csv', '', contributor);
    expect(limited.statusCode).toBe(200);
    const limitedRows = limited.rawPayload.toString('utf8').trimEnd().split('\r\n');
    expect(limitedRows.length - 1).toBe(18);
    expect(limited.rawPayload.toString('utf8')).not.toContain('Salle trop froide');
    const forbidden = await read(COMMENTS, {}, contributor);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const invalid = await exportAs('csv', '&from=2027-13-01');
    expect(invalid.statusCode).toBe(400);
    expect((await exportAs('pdf' as 'csv')).statusCode).toBe(400);
  });

  it('exports the same rows as an XLSX workbook, filtered', async () => {
    const response = await exportAs('xlsx', `&campaignId=${campaign.campaignId}&purpose=learning_assessment`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Réponses')!;
    // Skills of answers 1 and 2, and the learning comment of answer 1.
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(1).value).toBe('Date de réponse');
    const values = sheet.getRows(2, 3)!.map((row) => row.getCell(14).value);
    expect(values).toEqual(expect.arrayContaining([4, 2, 'Les tableaux croisés']));
  });

  it('shows an erased comment as erased, its scores kept', async () => {
    const erase = await send('POST', `/api/privacy/subjects/respondent:${campaign.respondentIds[1]}/erase`, {
      reason: 'subject_request',
    });
    expect(erase.statusCode).toBe(200);
    const erased = (await comments()).find((comment) => comment.answerId === answers.named2)!;
    expect(erased.text).toBe(ERASED);
    expect((await figures()).answerCount).toBe(4);
    const csv = (await exportAs('csv')).rawPayload.toString('utf8');
    expect(csv).not.toContain('Salle trop froide');
    expect(csv).toContain(ERASED);
  });
});
