import type { Decider } from '../kernel/command';
import { badRequest, conflict } from '../kernel/errors';
import { isStorableText } from '../kernel/validation';
import type { Question, QuestionPurpose } from '../questionnaire/events';
import type { AnswerValue, CampaignAnswerSubmitted } from './answer-events';

/** Longest free-text answer, in characters. */
export const MAX_COMMENT_LENGTH = 2000;

type Given = Record<string, unknown>;

const invalid = (questionId: string, message: string) =>
  badRequest('invalid_answer', message, { questionId });

const checkOne = (question: Question, value: unknown): AnswerValue | string => {
  const optionIds = new Set(question.options.map((option) => option.id));
  switch (question.kind) {
    case 'rating':
    case 'nps': {
      const [min, max] = question.kind === 'rating' ? [1, 5] : [0, 10];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw invalid(question.id, `Answer a whole number from ${min} to ${max}`);
      }
      return value;
    }
    case 'yes_no':
      if (typeof value !== 'boolean') throw invalid(question.id, 'Answer yes or no');
      return value;
    case 'single_choice':
      if (typeof value !== 'string' || !optionIds.has(value)) throw invalid(question.id, 'Choose one option');
      return value;
    case 'multiple_choice': {
      if (!Array.isArray(value) || value.length === 0 || value.length > optionIds.size) {
        throw invalid(question.id, 'Choose one option or more');
      }
      const chosen = new Set<string>();
      for (const id of value) {
        if (typeof id !== 'string' || !optionIds.has(id) || chosen.has(id)) {
          throw invalid(question.id, 'Choose among the options, each once');
        }
        chosen.add(id);
      }
      return [...chosen];
    }
    case 'free_text': {
      if (typeof value !== 'string') throw invalid(question.id, 'Answer with text');
      const text = value.normalize('NFC').trim();
      if (text.length > MAX_COMMENT_LENGTH || !isStorableText(text)) {
        throw invalid(question.id, `Write at most ${MAX_COMMENT_LENGTH} characters of plain text`);
      }
      return text;
    }
  }
};

const blank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * Checks what a respondent sent against the questionnaire version they were shown: every id is a question of
 * it, every value fits its question, every required question is answered. Free text is set apart (it is
 * personal data, sealed by the vault); the purposes say what the answer evidences.
 */
export const checkAnswers = (
  questions: readonly Question[],
  given: Given,
): Pick<CampaignAnswerSubmitted['data'], 'answers' | 'comments' | 'commentedQuestionIds' | 'purposes'> => {
  const byId = new Map(questions.map((question) => [question.id, question]));
  for (const questionId of Object.keys(given)) {
    if (!byId.has(questionId)) {
      throw badRequest('unknown_question', 'This questionnaire has no such question', { questionId });
    }
  }
  const answers: Record<string, AnswerValue> = {};
  const comments: Record<string, string> = {};
  const purposes = new Set<QuestionPurpose>();
  for (const question of questions) {
    const value = given[question.id];
    if (blank(value)) {
      if (question.required) {
        throw badRequest('answer_required', 'This question needs an answer', { questionId: question.id });
      }
      continue;
    }
    const checked = checkOne(question, value);
    if (question.kind === 'free_text') comments[question.id] = checked as string;
    else answers[question.id] = checked;
    purposes.add(question.purpose);
  }
  if (purposes.size === 0) throw badRequest('empty_answer', 'Answer at least one question');
  return {
    answers,
    comments: Object.keys(comments).length > 0 ? comments : null,
    commentedQuestionIds: Object.keys(comments),
    purposes: [...purposes].sort(),
  };
};

/** The campaign as an answer sees it (from the read model, checked again by the campaign's own stream). */
export interface AnsweredCampaign {
  status: 'planned' | 'closed' | 'cancelled';
  /** The instant answers stop (the end of the closing day, Paris time). */
  closesAt: Date;
}

export const assertCampaignTakesAnswers = (campaign: AnsweredCampaign, now: Date) => {
  if (campaign.status === 'cancelled') throw conflict('campaign_cancelled', 'This survey was cancelled');
  if (campaign.status === 'closed' || now >= campaign.closesAt) {
    throw conflict('campaign_closed', 'This survey is closed: it takes no more answers');
  }
};

export interface SubmitCampaignAnswer {
  type: 'SubmitCampaignAnswer';
  campaign: AnsweredCampaign;
  now: Date;
  /** The answer as decided from the respondent's input (checkAnswers) and the campaign. */
  answer: CampaignAnswerSubmitted['data'];
  /** Answers the shared link had received (from the read model: a cap, not a count); 0 for personal links. */
  sharedLinkAnswers: number;
  /** Most answers a shared link accepts (SHARED_LINK_MAX_ANSWERS); beyond it the link is being abused. */
  sharedLinkMaxAnswers: number;
}

/** One answer per stream: a retry finds it there and appends nothing. */
export const campaignAnswerDecider: Decider<
  { answered: boolean },
  SubmitCampaignAnswer,
  CampaignAnswerSubmitted
> = {
  initialState: { answered: false },
  evolve: () => ({ answered: true }),
  decide(command, state) {
    if (state.answered) return [];
    assertCampaignTakesAnswers(command.campaign, command.now);
    if (command.answer.channel === 'shared' && command.sharedLinkAnswers >= command.sharedLinkMaxAnswers) {
      throw conflict('shared_link_full', 'This link has received all the answers it accepts');
    }
    return [{ type: 'CampaignAnswerSubmitted', data: command.answer }];
  },
};
