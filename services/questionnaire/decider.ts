import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { sameFacts } from '../kernel/facts';
import type {
  Question,
  QuestionKind,
  QuestionnaireContent,
  QuestionnaireEvent,
  QuestionPurpose,
} from './events';

export type QuestionnaireCommand =
  | {
      type: 'CreateQuestionnaire';
      questionnaireId: string;
      content: QuestionnaireContent;
      fromTemplate: string | null;
    }
  | { type: 'ReviseQuestionnaire'; content: QuestionnaireContent }
  | { type: 'ArchiveQuestionnaire' }
  | { type: 'UnarchiveQuestionnaire' };

export interface QuestionnaireState {
  questionnaireId: string | null;
  version: number;
  content: QuestionnaireContent | null;
  archived: boolean;
  /** Every question id any version used, with its kind and purpose: an id keeps them for good. */
  questionsEver: ReadonlyMap<string, { kind: QuestionKind; purpose: QuestionPurpose }>;
}

export const MAX_QUESTIONS = 40;
export const MAX_OPTIONS = 12;

const CHOICE_KINDS: readonly QuestionKind[] = ['single_choice', 'multiple_choice'];

/**
 * The rules a questionnaire's content keeps whatever the form sent (the route's schema checks shapes and
 * lengths): questions and options named once, choices where a choice is asked and only there, and an NPS
 * measures satisfaction, never learning.
 */
export const checkContent = (content: QuestionnaireContent): void => {
  const { questions } = content;
  if (questions.length === 0) {
    throw badRequest('questionnaire_empty', 'A questionnaire asks at least one question');
  }
  if (questions.length > MAX_QUESTIONS) {
    throw badRequest('too_many_questions', `A questionnaire asks at most ${MAX_QUESTIONS} questions`);
  }
  const seen = new Set<string>();
  for (const question of questions) {
    if (seen.has(question.id)) {
      throw badRequest('duplicate_question_id', 'Two questions have the same id', {
        questionId: question.id,
      });
    }
    seen.add(question.id);
    checkOptions(question);
    if (question.kind === 'nps' && question.purpose !== 'satisfaction') {
      throw badRequest('nps_not_learning', 'A recommendation score measures satisfaction, not learning', {
        questionId: question.id,
      });
    }
  }
};

const checkOptions = (question: Question) => {
  const { options } = question;
  if (!CHOICE_KINDS.includes(question.kind)) {
    if (options.length > 0) {
      throw badRequest('options_not_allowed', 'Only choice questions have options', {
        questionId: question.id,
      });
    }
    return;
  }
  if (options.length < 2 || options.length > MAX_OPTIONS) {
    throw badRequest('choice_options_count', `A choice question offers 2 to ${MAX_OPTIONS} options`, {
      questionId: question.id,
    });
  }
  if (new Set(options.map((option) => option.id)).size !== options.length) {
    throw badRequest('duplicate_option_id', 'Two options of a question have the same id', {
      questionId: question.id,
    });
  }
};

/** An id answered once as a rating must not come back as a free text: results follow a question across versions. */
const checkContinuity = (state: QuestionnaireState, content: QuestionnaireContent) => {
  for (const question of content.questions) {
    const before = state.questionsEver.get(question.id);
    if (before && (before.kind !== question.kind || before.purpose !== question.purpose)) {
      throw badRequest(
        'question_kind_changed',
        'A question keeps its kind and purpose across versions; ask the new question under a new id',
        { questionId: question.id },
      );
    }
  }
};

const remembered = (state: QuestionnaireState, content: QuestionnaireContent) => {
  const questionsEver = new Map(state.questionsEver);
  for (const { id, kind, purpose } of content.questions) questionsEver.set(id, { kind, purpose });
  return questionsEver;
};

const existing = (state: QuestionnaireState) => {
  if (!state.questionnaireId || !state.content) {
    throw notFound('questionnaire_not_found', 'No such questionnaire');
  }
  return { questionnaireId: state.questionnaireId, content: state.content };
};

/** One stream per questionnaire: its versions, and whether it is offered for new campaigns. */
export const questionnaireDecider: Decider<QuestionnaireState, QuestionnaireCommand, QuestionnaireEvent> = {
  initialState: {
    questionnaireId: null,
    version: 0,
    content: null,
    archived: false,
    questionsEver: new Map(),
  },

  evolve(state, event) {
    switch (event.type) {
      case 'QuestionnaireCreated': {
        const { questionnaireId, fromTemplate: _, ...content } = event.data;
        return { ...state, questionnaireId, version: 1, content, questionsEver: remembered(state, content) };
      }
      case 'QuestionnaireRevised': {
        const { questionnaireId: _, version, ...content } = event.data;
        return { ...state, version, content, questionsEver: remembered(state, content) };
      }
      case 'QuestionnaireArchived':
        return { ...state, archived: true };
      case 'QuestionnaireUnarchived':
        return { ...state, archived: false };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'CreateQuestionnaire': {
        if (state.questionnaireId) {
          throw conflict('questionnaire_exists', 'This questionnaire already exists');
        }
        checkContent(command.content);
        const { questionnaireId, content, fromTemplate } = command;
        return [{ type: 'QuestionnaireCreated', data: { questionnaireId, fromTemplate, ...content } }];
      }
      case 'ReviseQuestionnaire': {
        const { questionnaireId, content } = existing(state);
        if (state.archived) {
          throw conflict('questionnaire_archived', 'This questionnaire is archived; unarchive it first');
        }
        checkContent(command.content);
        if (command.content.audience !== content.audience) {
          throw badRequest(
            'questionnaire_audience_fixed',
            'A questionnaire keeps its audience; copy it to ask another group',
          );
        }
        checkContinuity(state, command.content);
        // Saving what is already there makes no new version.
        if (sameFacts(command.content, content)) return [];
        return [
          {
            type: 'QuestionnaireRevised',
            data: { questionnaireId, version: state.version + 1, ...command.content },
          },
        ];
      }
      case 'ArchiveQuestionnaire': {
        const { questionnaireId } = existing(state);
        return state.archived ? [] : [{ type: 'QuestionnaireArchived', data: { questionnaireId } }];
      }
      case 'UnarchiveQuestionnaire': {
        const { questionnaireId } = existing(state);
        return state.archived ? [{ type: 'QuestionnaireUnarchived', data: { questionnaireId } }] : [];
      }
    }
  },
};
