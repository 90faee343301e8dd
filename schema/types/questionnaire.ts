import {
  findQuestionnaire,
  questionnairesOf,
  versionsOfQuestionnaire,
} from '../../projections/questionnaires/queries';
import type { QuestionnaireRow, QuestionnaireVersionRow } from '../../projections/questionnaires/tables';
import { CATALOGUE, type CatalogueTemplate, TEMPLATE_KEYS } from '../../services/questionnaire/catalogue';
import {
  type ChoiceOption,
  type Localised,
  QUESTION_KINDS,
  QUESTION_PURPOSES,
  type Question,
  type QuestionnaireContent,
} from '../../services/questionnaire/events';
import { builder, isUuid, organisationOf } from '../builder';
import { groupedBy, perRequest } from '../loader';
import { AudienceEnum } from './feedback';

const QuestionKindEnum = builder.enumType('QuestionKind', {
  description: 'rating 1–5, NPS 0–10, single or multiple choice, yes/no, free text',
  values: QUESTION_KINDS,
});
const QuestionPurposeEnum = builder.enumType('QuestionPurpose', {
  description:
    'What an answer evidences: satisfaction (indicator 30) or the assessment of learning (indicator 11)',
  values: QUESTION_PURPOSES,
});
const TemplateKeyEnum = builder.enumType('QuestionnaireTemplateKey', {
  description: 'The ready questionnaires an organisation can copy',
  values: TEMPLATE_KEYS,
});

const LocalisedRef = builder.objectRef<Localised>('LocalisedText').implement({
  description: 'A text in French, and in English when written (null: show the French)',
  fields: (t) => ({
    fr: t.exposeString('fr'),
    en: t.exposeString('en', { nullable: true }),
  }),
});

const ChoiceOptionRef = builder.objectRef<ChoiceOption>('ChoiceOption').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    label: t.expose('label', { type: LocalisedRef }),
  }),
});

const QuestionRef = builder.objectRef<Question>('Question').implement({
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Stable across versions: answers name the question by it' }),
    kind: t.field({ type: QuestionKindEnum, resolve: (question) => question.kind }),
    label: t.expose('label', { type: LocalisedRef }),
    help: t.expose('help', { type: LocalisedRef, nullable: true }),
    required: t.exposeBoolean('required'),
    purpose: t.field({ type: QuestionPurposeEnum, resolve: (question) => question.purpose }),
    // Read from the version's one JSON value: cheap, and at most 12.
    options: t.expose('options', { type: [ChoiceOptionRef], complexity: { field: 1, multiplier: 3 } }),
  }),
});

const QuestionnaireContentRef = builder.objectRef<QuestionnaireContent>('QuestionnaireContent').implement({
  description: 'What one version of a questionnaire asks',
  fields: (t) => ({
    title: t.expose('title', { type: LocalisedRef }),
    introduction: t.expose('introduction', { type: LocalisedRef, nullable: true }),
    audience: t.field({ type: AudienceEnum, resolve: (content) => content.audience }),
    questions: t.expose('questions', { type: [QuestionRef], complexity: { field: 1, multiplier: 8 } }),
  }),
});

const QuestionnaireTemplateRef = builder.objectRef<CatalogueTemplate>('QuestionnaireTemplate').implement({
  description: 'A ready questionnaire: copy it to make it the organisation’s own',
  fields: (t) => ({
    key: t.field({ type: TemplateKeyEnum, resolve: (template) => template.key }),
    when: t.expose('when', { type: LocalisedRef, description: 'When to send it (a suggestion)' }),
    content: t.expose('content', { type: QuestionnaireContentRef }),
  }),
});

const QuestionnaireVersionRef = builder.objectRef<QuestionnaireVersionRow>('QuestionnaireVersion').implement({
  fields: (t) => ({
    version: t.exposeInt('version'),
    savedAt: t.field({ type: 'DateTime', resolve: (row) => row.saved_at }),
    content: t.field({ type: QuestionnaireContentRef, resolve: (row) => row.content }),
  }),
});

const versionsById = perRequest<string, QuestionnaireVersionRow[]>(async (context, ids) =>
  groupedBy(
    (
      await Promise.all(ids.map((id) => versionsOfQuestionnaire(context.db, organisationOf(context), id)))
    ).flat(),
    (row) => row.questionnaire_id,
    ids,
  ),
);

const QuestionnaireRef = builder.objectRef<QuestionnaireRow>('Questionnaire').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.field({ type: LocalisedRef, resolve: (row) => ({ fr: row.title_fr, en: row.title_en }) }),
    audience: t.field({ type: AudienceEnum, resolve: (row) => row.audience }),
    version: t.exposeInt('version', {
      description: 'The current version (answers keep the one they were given)',
    }),
    questionCount: t.exposeInt('question_count'),
    fromTemplate: t.field({
      type: TemplateKeyEnum,
      nullable: true,
      resolve: (row) =>
        (TEMPLATE_KEYS as readonly string[]).includes(row.from_template ?? '')
          ? (row.from_template as CatalogueTemplate['key'])
          : null,
    }),
    archived: t.exposeBoolean('archived'),
    revision: t.exposeInt('revision', { description: 'Send it as If-Match to save a new version' }),
    updatedAt: t.field({ type: 'DateTime', resolve: (row) => row.updated_at }),
    current: t.field({
      type: QuestionnaireVersionRef,
      description: 'The current version',
      resolve: async (row, _args, context) => {
        const versions = await versionsById(context).load(row.id);
        const current = versions.find((version) => version.version === row.version);
        if (!current) throw new Error(`Questionnaire ${row.id} has no version ${row.version}`);
        return current;
      },
    }),
    versions: t.field({
      type: [QuestionnaireVersionRef],
      description: 'Every version, newest first',
      resolve: (row, _args, context) => versionsById(context).load(row.id),
    }),
  }),
});

builder.queryField('questionnaireTemplates', (t) =>
  t.field({
    type: [QuestionnaireTemplateRef],
    authScopes: { member: true },
    complexity: { field: 1, multiplier: CATALOGUE.length },
    description:
      'The ready questionnaires (learners at the end and weeks after, funders, companies, teaching team, skills assessments)',
    resolve: () => [...CATALOGUE],
  }),
);

builder.queryField('questionnaires', (t) =>
  t.field({
    type: [QuestionnaireRef],
    authScopes: { member: true },
    description: 'The organisation’s questionnaires, offered ones first, then by group and title',
    args: {
      audience: t.arg({ type: AudienceEnum, required: false }),
      includeArchived: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (_root, args, context) =>
      questionnairesOf(context.db, organisationOf(context), {
        audience: args.audience,
        includeArchived: args.includeArchived ?? false,
      }),
  }),
);

builder.queryField('questionnaire', (t) =>
  t.field({
    type: QuestionnaireRef,
    nullable: true,
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) return null;
      return (await findQuestionnaire(context.db, organisationOf(context), id)) ?? null;
    },
  }),
);
