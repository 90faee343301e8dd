import type { AnswerValue, CampaignAnswerSubmitted } from '../../services/campaign/answer-events';
import { campaignAnswerStream } from '../../services/campaign/answer-events';
import { campaignAnswerDecider, checkAnswers } from '../../services/campaign/answers';
import type { FeedbackLinkOpened, FeedbackSubmitted } from '../../services/feedback/events';
import { feedbackLinkStream } from '../../services/feedback/events';
import { runCommand } from '../../services/kernel/command';
import { newId } from '../../services/kernel/ids';
import { startOfParisDay } from '../../services/kernel/paris-time';
import type { Question } from '../../services/questionnaire/events';
import type { TestApp } from './app';

const question = (
  id: string,
  kind: Question['kind'],
  purpose: Question['purpose'] = 'satisfaction',
  options: string[] = [],
): Question => ({
  id,
  kind,
  label: { fr: `Question ${id}`, en: `Question ${id} (en)` },
  help: null,
  required: false,
  purpose,
  options: options.map((option) => ({ id: option, label: { fr: `Option ${option}`, en: null } })),
});

/** Every kind of question, satisfaction and learning assessment side by side. */
export const RESULTS_QUESTIONS: Question[] = [
  question('overall', 'rating'),
  question('recommend', 'nps'),
  question('format', 'single_choice', 'satisfaction', ['room', 'remote']),
  question('topics', 'multiple_choice', 'satisfaction', ['a', 'b', 'c']),
  question('again', 'yes_no'),
  question('skills', 'rating', 'learning_assessment'),
  question('comment', 'free_text'),
  question('learnt', 'free_text', 'learning_assessment'),
];

export interface ResultsCampaign {
  organisationId: string;
  questionnaireId: string;
  campaignId: string;
  sessionId: string;
  trainingActionId: string;
  respondentIds: string[];
}

/**
 * Through the HTTP routes: a training session in `site`, a questionnaire asking RESULTS_QUESTIONS, a campaign
 * about the session and `respondents` people asked by name.
 */
export const resultsCampaign = async (
  t: TestApp,
  cookie: string,
  organisationId: string,
  options: { site?: string; respondents?: number } = {},
): Promise<ResultsCampaign> => {
  const post = async (url: string, payload: object) => {
    const response = await t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie, 'x-min-position': String(await t.lastPosition()) },
    });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const action = await post('/api/training-actions', { title: 'Excel avancé', category: 'training' });
  const session = await post(`/api/training-actions/${action.id}/sessions`, {
    title: 'Mars',
    startsOn: '2027-03-01',
    endsOn: '2027-03-05',
    site: options.site ?? 'Lyon',
  });
  const questionnaire = await post('/api/questionnaires', {
    content: {
      title: { fr: 'Fin de session', en: 'End of session' },
      introduction: null,
      audience: 'learner',
      questions: RESULTS_QUESTIONS,
    },
  });
  const campaign = await post('/api/campaigns', {
    questionnaireId: questionnaire.id,
    audience: 'learner',
    target: { sessionId: session.id },
    send: { anchor: 'session_end', offsetDays: 0 },
    reminders: 1,
    reminderGapDays: 3,
    openDays: 60,
  });
  const respondents = options.respondents ?? 4;
  const respondentIds: string[] = [];
  if (respondents > 0) {
    await post(`/api/campaigns/${campaign.id}/respondents`, {
      respondents: Array.from({ length: respondents }, (_, index) => ({
        email: `personne${index}.${campaign.id.slice(0, 8)}@example.fr`,
        lastName: `Personne ${index}`,
      })),
    });
    const added = (await t.store.readStream(`campaign-${campaign.id}`)).filter(
      (event) => event.type === 'CampaignRespondentAdded',
    );
    respondentIds.push(...added.map((event) => (event.data as { respondentId: string }).respondentId));
  }
  return {
    organisationId,
    questionnaireId: questionnaire.id,
    campaignId: campaign.id,
    sessionId: session.id,
    trainingActionId: action.id,
    respondentIds,
  };
};

/**
 * One answer to the campaign, appended the way the public form will: checked against the questionnaire, decided
 * by campaignAnswerDecider, in its own stream. A named answer happens at 10:00 Paris time; an anonymous one
 * carries only its day (its time is the day's midnight).
 */
export const appendCampaignAnswer = async (
  t: TestApp,
  campaign: ResultsCampaign,
  options: { answeredOn: string; given: Record<string, AnswerValue | string>; respondentId?: string | null },
) => {
  const answerId = newId();
  const respondentId = options.respondentId ?? null;
  const midnight = startOfParisDay(options.answeredOn);
  const now = respondentId ? new Date(midnight.getTime() + 10 * 3600_000) : midnight;
  const checked = checkAnswers(RESULTS_QUESTIONS, options.given);
  const answer: CampaignAnswerSubmitted['data'] = {
    answerId,
    campaignId: campaign.campaignId,
    questionnaireId: campaign.questionnaireId,
    questionnaireVersion: 1,
    audience: 'learner',
    sessionId: campaign.sessionId,
    trainingActionId: campaign.trainingActionId,
    site: 'Lyon',
    targetLabel: 'Excel avancé — Mars',
    respondentId,
    channel: respondentId ? 'personal' : 'shared',
    sharedLinkId: null,
    answeredOn: options.answeredOn,
    ...checked,
  };
  const result = await runCommand(
    {
      store: t.store,
      clock: { now: () => now },
      organisationId: campaign.organisationId,
      actor: { type: 'public' },
    },
    campaignAnswerDecider,
    campaignAnswerStream(answerId),
    {
      type: 'SubmitCampaignAnswer',
      campaign: { status: 'planned', closesAt: new Date('2030-01-01T00:00:00Z') },
      now,
      answer,
      sharedLinkAnswers: 0,
      sharedLinkMaxAnswers: 500,
    },
  );
  return { answerId, position: result.position };
};

/** A walking-skeleton answer (FeedbackSubmitted) through its own link, at an instant, in a site. */
export const appendLegacyAnswer = async (
  t: TestApp,
  organisationId: string,
  options: { at: string; rating: number; comment: string | null; site: string },
) => {
  const linkId = newId();
  const responseId = newId();
  const session = {
    sessionId: newId(),
    trainingActionId: newId(),
    organisationName: 'Organisme',
    trainingTitle: 'Ancienne formation',
    sessionTitle: 'Ancienne session',
    startsOn: '2027-03-01',
    endsOn: '2027-03-02',
    site: options.site,
  };
  const opened: FeedbackLinkOpened['data'] = {
    linkId,
    audience: 'learner',
    secretHash: '0'.repeat(64),
    expiresAt: '2028-01-01T00:00:00Z',
    session,
  };
  const submitted: FeedbackSubmitted['data'] = {
    responseId,
    linkId,
    sessionId: session.sessionId,
    trainingActionId: session.trainingActionId,
    audience: 'learner',
    rating: options.rating,
    comment: options.comment,
    sessionTitle: session.sessionTitle,
    trainingTitle: session.trainingTitle,
  };
  const metadata = {
    organisationId,
    actor: { type: 'system' as const },
    occurredAt: options.at,
    schemaVersion: 1,
  };
  const result = await t.store.append(
    feedbackLinkStream(linkId),
    [
      { id: newId(), type: 'FeedbackLinkOpened', data: opened, metadata },
      { id: newId(), type: 'FeedbackSubmitted', data: submitted, metadata },
    ],
    { expectedRevision: 'no_stream' },
  );
  return { responseId, position: result.position, sessionId: session.sessionId };
};
