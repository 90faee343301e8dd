import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestApp, type TestApp } from './support/app';
import {
  appendCampaignAnswer,
  appendLegacyAnswer,
  type ResultsCampaign,
  resultsCampaign,
} from './support/results-fixture';

const DRAFT = `query ($from: Date!, $to: Date!, $trainingActionId: ID) {
  publicationDraft(from: $from, to: $to, trainingActionId: $trainingActionId) {
    periodFrom periodTo trainingActionId trainingActionTitle
    respondents trainees responseRate ratedRespondents satisfactionAverage satisfiedShare
  }
}`;

describe('publication draft: figures to publish, drawn from learners’ answers over a period', () => {
  let t: TestApp;
  let cookie: string;
  let campaign: ResultsCampaign;
  let other: { cookie: string; campaign: ResultsCampaign };

  const draft = async (variables: Record<string, unknown>, as = cookie) =>
    graphql(t.app, as, DRAFT, variables, await t.lastPosition());
  const figures = async (variables: Record<string, unknown>, as = cookie) => {
    const response = await draft(variables, as);
    expect(response.errors).toBeUndefined();
    return response.data!.publicationDraft as Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const mine = await t.organisation('Brouillon');
    cookie = mine.cookie;
    // Four learners asked by name, in a campaign sent on 5 March 2027 (the session's last day).
    campaign = await resultsCampaign(t, cookie, mine.organisationId, { respondents: 4 });
    const [first, second] = campaign.respondentIds;
    // The learning-assessment rating (`skills`) never counts as satisfaction.
    await appendCampaignAnswer(t, campaign, {
      answeredOn: '2027-03-05',
      respondentId: first,
      given: { overall: 5, skills: 1 },
    });
    await appendCampaignAnswer(t, campaign, {
      answeredOn: '2027-03-06',
      respondentId: second,
      given: { overall: 2, skills: 5 },
    });
    await appendCampaignAnswer(t, campaign, { answeredOn: '2027-03-20', given: { overall: 4 } });
    // An answer without any rating is a respondent, not a rated one.
    await appendCampaignAnswer(t, campaign, { answeredOn: '2027-03-21', given: { again: true } });
    await appendCampaignAnswer(t, campaign, { answeredOn: '2027-04-02', given: { overall: 1 } });
    // A learner's answer to the first one-question form, about another action.
    await appendLegacyAnswer(t, mine.organisationId, {
      at: '2027-03-10T09:00:00Z',
      rating: 1,
      comment: null,
      site: 'Paris',
    });

    const theirs = await t.organisation('Autre organisme');
    const theirCampaign = await resultsCampaign(t, theirs.cookie, theirs.organisationId, { respondents: 2 });
    await appendCampaignAnswer(t, theirCampaign, {
      answeredOn: '2027-03-07',
      respondentId: theirCampaign.respondentIds[0],
      given: { overall: 5 },
    });
    other = { cookie: theirs.cookie, campaign: theirCampaign };
  });
  afterAll(() => t?.stop());

  it('counts every learner’s answer of the period, the learners asked by name, and the satisfaction figures', async () => {
    // March: 5 answers (4 to the campaign, 1 legacy); ratings 5, 2, 4 and 1 from 4 rated respondents.
    expect(await figures({ from: '2027-03-01', to: '2027-03-31' })).toEqual({
      periodFrom: '2027-03-01',
      periodTo: '2027-03-31',
      trainingActionId: null,
      trainingActionTitle: null,
      respondents: 5,
      trainees: 4,
      // More respondents than people asked by name (shared and legacy links): no rate to offer.
      responseRate: null,
      ratedRespondents: 4,
      satisfactionAverage: 3,
      // Satisfied: a mean rating of 4 or more (5 and 4), among the 4 rated respondents.
      satisfiedShare: 50,
    });
  });

  it('narrows to one training action, with its title', async () => {
    // The action's 4 campaign answers in March; ratings 5, 2, 4 → 3.67; 2 of 3 satisfied.
    expect(
      await figures({ from: '2027-03-01', to: '2027-03-31', trainingActionId: campaign.trainingActionId }),
    ).toMatchObject({
      trainingActionId: campaign.trainingActionId,
      trainingActionTitle: 'Excel avancé',
      respondents: 4,
      trainees: 4,
      responseRate: 100,
      ratedRespondents: 3,
      satisfactionAverage: 3.7,
      satisfiedShare: 66.7,
    });
    expect(
      await figures({ from: '2027-03-06', to: '2027-03-06', trainingActionId: campaign.trainingActionId }),
    ).toMatchObject({ respondents: 1, trainees: null, responseRate: null, satisfactionAverage: 2 });
  });

  it('leaves the trainees unknown when nobody was asked by name in the period', async () => {
    expect(await figures({ from: '2027-04-01', to: '2027-04-30' })).toMatchObject({
      respondents: 1,
      trainees: null,
      responseRate: null,
      ratedRespondents: 1,
      satisfactionAverage: 1,
      satisfiedShare: 0,
    });
  });

  it('offers no satisfaction figure for a period without answers', async () => {
    expect(await figures({ from: '2026-01-01', to: '2026-12-31' })).toMatchObject({
      respondents: 0,
      trainees: null,
      ratedRespondents: 0,
      satisfactionAverage: null,
      satisfiedShare: null,
    });
  });

  it('refuses a reversed period and an id that is not one', async () => {
    const reversed = await draft({ from: '2027-03-31', to: '2027-03-01' });
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const malformed = await draft({ from: '2027-03-01', to: '2027-03-31', trainingActionId: 'nope' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('never counts another organisation’s answers, and answers its action like a missing one', async () => {
    const theirs = await figures({ from: '2027-03-01', to: '2027-03-31' }, other.cookie);
    expect(theirs).toMatchObject({ respondents: 1, trainees: 2, responseRate: 50, satisfactionAverage: 5 });

    const foreign = await draft({
      from: '2027-03-01',
      to: '2027-03-31',
      trainingActionId: other.campaign.trainingActionId,
    });
    const missing = await draft({
      from: '2027-03-01',
      to: '2027-03-31',
      trainingActionId: crypto.randomUUID(),
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    expect(foreign.data).toEqual(missing.data);
    expect(JSON.stringify(foreign)).not.toContain('Excel');
  });

  it('answers nobody signed out', async () => {
    const response = await graphql(t.app, undefined, DRAFT, { from: '2027-03-01', to: '2027-03-31' });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data?.publicationDraft ?? null).toBeNull();
  });
});
