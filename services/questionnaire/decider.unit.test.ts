import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { CATALOGUE, catalogueTemplate } from './catalogue';
import { checkContent, MAX_QUESTIONS, questionnaireDecider } from './decider';
import type { Question, QuestionnaireContent, QuestionnaireEvent } from './events';

const spec = deciderSpec(questionnaireDecider);

const rating = (id: string, overrides: Partial<Question> = {}): Question => ({
  id,
  kind: 'rating',
  label: { fr: `Question ${id}`, en: null },
  help: null,
  required: true,
  purpose: 'satisfaction',
  options: [],
  ...overrides,
});
const content = (questions: Question[] = [rating('overall')]): QuestionnaireContent => ({
  title: { fr: 'Fin de session', en: 'End of session' },
  introduction: null,
  audience: 'learner',
  questions,
});
const created = (questions?: Question[]): QuestionnaireEvent => ({
  type: 'QuestionnaireCreated',
  data: { questionnaireId: 'q1', fromTemplate: null, ...content(questions) },
});
const revise = (questions: Question[], overrides: Partial<QuestionnaireContent> = {}) => ({
  type: 'ReviseQuestionnaire' as const,
  content: { ...content(questions), ...overrides },
});
const choice = (id: string, optionIds: string[], kind: Question['kind'] = 'single_choice'): Question =>
  rating(id, {
    kind,
    options: optionIds.map((option) => ({ id: option, label: { fr: option, en: null } })),
  });

describe('questionnaire decider', () => {
  it('creates version 1 from the content given', () => {
    spec
      .given([])
      .when({ type: 'CreateQuestionnaire', questionnaireId: 'q1', content: content(), fromTemplate: null })
      .thenEmits([created()]);
  });

  it('refuses to create the same questionnaire twice', () => {
    spec
      .given([created()])
      .when({ type: 'CreateQuestionnaire', questionnaireId: 'q1', content: content(), fromTemplate: null })
      .thenRejects('questionnaire_exists', 409);
  });

  it('numbers each revision after the last one', () => {
    const first = spec
      .given([created()])
      .when(revise([rating('overall'), rating('trainer')]))
      .decided();
    expect(first).toMatchObject([{ type: 'QuestionnaireRevised', data: { version: 2 } }]);
    spec
      .given([created(), ...first])
      .when(revise([rating('trainer')]))
      .thenMatches([{ type: 'QuestionnaireRevised', data: { version: 3, questions: [{ id: 'trainer' }] } }]);
  });

  it('makes no version when the content is saved unchanged, whatever the order of its keys', () => {
    const reordered = JSON.parse(JSON.stringify(content())) as QuestionnaireContent;
    const [question] = reordered.questions;
    reordered.questions = [
      {
        purpose: question!.purpose,
        options: [],
        required: true,
        help: null,
        label: question!.label,
        kind: 'rating',
        id: 'overall',
      },
    ];
    spec.given([created()]).when({ type: 'ReviseQuestionnaire', content: reordered }).thenNothing();
  });

  it('keeps a question id to one kind and purpose across versions, even after it was dropped', () => {
    const dropped: QuestionnaireEvent = {
      type: 'QuestionnaireRevised',
      data: { questionnaireId: 'q1', version: 2, ...content([rating('trainer')]) },
    };
    spec
      .given([created(), dropped])
      .when(revise([rating('overall', { kind: 'free_text' })]))
      .thenRejects('question_kind_changed', 400);
    spec
      .given([created()])
      .when(revise([rating('overall', { purpose: 'learning_assessment' })]))
      .thenRejects('question_kind_changed', 400);
  });

  it('keeps the audience: asking another group is another questionnaire', () => {
    spec
      .given([created()])
      .when(revise([rating('overall')], { audience: 'funder' }))
      .thenRejects('questionnaire_audience_fixed', 400);
  });

  it('refuses to revise an archived questionnaire, and archiving twice changes nothing', () => {
    const archived: QuestionnaireEvent = { type: 'QuestionnaireArchived', data: { questionnaireId: 'q1' } };
    spec
      .given([created(), archived])
      .when(revise([rating('x')]))
      .thenRejects('questionnaire_archived', 409);
    spec.given([created(), archived]).when({ type: 'ArchiveQuestionnaire' }).thenNothing();
    spec
      .given([created(), archived])
      .when({ type: 'UnarchiveQuestionnaire' })
      .thenEmits([{ type: 'QuestionnaireUnarchived', data: { questionnaireId: 'q1' } }]);
  });

  it('answers not found for a questionnaire that does not exist', () => {
    spec
      .given([])
      .when(revise([rating('x')]))
      .thenRejects('questionnaire_not_found', 404);
    spec.given([]).when({ type: 'ArchiveQuestionnaire' }).thenRejects('questionnaire_not_found', 404);
  });
});

describe('questionnaire content rules', () => {
  const refused = (questions: Question[], code: string) =>
    spec
      .given([])
      .when({
        type: 'CreateQuestionnaire',
        questionnaireId: 'q1',
        content: content(questions),
        fromTemplate: null,
      })
      .thenRejects(code, 400);

  it.each([
    ['no question', [], 'questionnaire_empty'],
    [
      'too many questions',
      Array.from({ length: MAX_QUESTIONS + 1 }, (_, i) => rating(`q${i}`)),
      'too_many_questions',
    ],
    ['a question id twice', [rating('a'), rating('a')], 'duplicate_question_id'],
    ['a choice with one option', [choice('pace', ['only'])], 'choice_options_count'],
    [
      'a choice with thirteen options',
      [
        choice(
          'pace',
          Array.from({ length: 13 }, (_, i) => `o${i}`),
        ),
      ],
      'choice_options_count',
    ],
    ['an option id twice', [choice('pace', ['a', 'a'], 'multiple_choice')], 'duplicate_option_id'],
    [
      'options on a rating',
      [rating('overall', { options: [{ id: 'a', label: { fr: 'a', en: null } }] })],
      'options_not_allowed',
    ],
    [
      'an NPS measuring learning',
      [rating('nps', { kind: 'nps', purpose: 'learning_assessment' })],
      'nps_not_learning',
    ],
  ] as const)('refuses %s', (_, questions, code) => {
    refused([...questions], code);
  });

  it('accepts every kind of question', () => {
    expect(() =>
      checkContent(
        content([
          rating('r'),
          rating('n', { kind: 'nps' }),
          choice('s', ['a', 'b']),
          choice('m', ['a', 'b', 'c'], 'multiple_choice'),
          rating('y', { kind: 'yes_no', purpose: 'learning_assessment' }),
          rating('f', { kind: 'free_text', required: false }),
        ]),
      ),
    ).not.toThrow();
  });
});

describe('ready questionnaires', () => {
  it.each(CATALOGUE.map((template) => [template.key, template] as const))(
    '%s keeps the content rules',
    (_, template) => {
      expect(() => checkContent(template.content)).not.toThrow();
    },
  );

  it.each(CATALOGUE.map((template) => [template.key, template] as const))(
    '%s lets people express themselves freely and speaks English too',
    (_, template) => {
      const { questions, title } = template.content;
      expect(questions.some((question) => question.kind === 'free_text' && !question.required)).toBe(true);
      expect(title.en).toBeTruthy();
      for (const question of questions) {
        expect(question.label.en, question.id).toBeTruthy();
        for (const option of question.options)
          expect(option.label.en, `${question.id}.${option.id}`).toBeTruthy();
      }
    },
  );

  it('covers the four stakeholder groups, and both moments of a learner’s training', () => {
    expect(new Set(CATALOGUE.map((template) => template.content.audience))).toEqual(
      new Set(['learner', 'funder', 'trainer', 'company']),
    );
    expect(catalogueTemplate('learner_end_of_session')).toBeDefined();
    expect(catalogueTemplate('learner_follow_up')).toBeDefined();
    expect(catalogueTemplate('nope')).toBeUndefined();
  });

  it('keeps satisfaction and learning assessment apart in the learner questionnaires', () => {
    const purposes = (key: string) =>
      new Set(catalogueTemplate(key)!.content.questions.map((question) => question.purpose));
    expect(purposes('learner_end_of_session')).toEqual(new Set(['satisfaction', 'learning_assessment']));
    expect(purposes('learner_follow_up')).toEqual(new Set(['satisfaction', 'learning_assessment']));
  });
});
