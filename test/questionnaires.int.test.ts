import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueTemplate } from '../services/questionnaire/catalogue';
import type { QuestionnaireContent } from '../services/questionnaire/events';
import { graphql, startTestApp, type TestApp } from './support/app';

const DETAIL = `query ($id: ID!) { questionnaire(id: $id) {
  id version revision archived fromTemplate questionCount audience title { fr en }
  current { version content { questions { id kind purpose required options { id } } } }
  versions { version content { title { fr } questions { id } } }
} }`;

interface Detail {
  version: number;
  revision: number;
  archived: boolean;
  fromTemplate: string | null;
  questionCount: number;
  title: { fr: string; en: string | null };
  current: { version: number; content: { questions: { id: string; kind: string; purpose: string }[] } };
  versions: { version: number; content: { title: { fr: string }; questions: { id: string }[] } }[];
}

describe('questionnaires: ready templates, versions, archive', () => {
  let t: TestApp;
  let cookie: string;

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
  const detail = async (id: string) => {
    const result = await graphql(t.app, cookie, DETAIL, { id }, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!.questionnaire as Detail;
  };
  const learnerContent = (): QuestionnaireContent =>
    structuredClone(catalogueTemplate('learner_end_of_session')!.content);

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie } = await t.organisation('Questionnaires'));
  });
  afterAll(() => t?.stop());

  it('lists the ready questionnaires for every stakeholder group', async () => {
    const result = await graphql(t.app, cookie, '{ questionnaireTemplates { key content { audience } } }');
    expect(result.errors).toBeUndefined();
    const templates = result.data!.questionnaireTemplates as { key: string; content: { audience: string } }[];
    expect(templates.map((template) => template.key)).toContain('learner_end_of_session');
    expect(new Set(templates.map((template) => template.content.audience))).toEqual(
      new Set(['learner', 'funder', 'trainer', 'company']),
    );
  });

  it('copies a ready questionnaire as version 1, then saves versions that keep the earlier ones', async () => {
    const createdResponse = await post('/api/questionnaires', { fromTemplate: 'learner_end_of_session' });
    expect(createdResponse.statusCode).toBe(201);
    const { id, revision } = createdResponse.json();
    const first = await detail(id);
    expect(first).toMatchObject({ version: 1, fromTemplate: 'learner_end_of_session', archived: false });
    expect(first.current.content.questions.map((question) => question.id)).toContain('skills');
    expect(first.current.content.questions.find((question) => question.id === 'skills')?.purpose).toBe(
      'learning_assessment',
    );

    const content = learnerContent();
    content.title.fr = 'Fin de session (courte)';
    content.questions = content.questions.filter((question) => ['overall', 'improve'].includes(question.id));
    const revised = await post(
      `/api/questionnaires/${id}/revisions`,
      { content },
      { 'if-match': String(revision) },
    );
    expect(revised.statusCode).toBe(200);
    expect(revised.json()).toMatchObject({ changed: true, revision: revision + 1 });

    const second = await detail(id);
    expect(second).toMatchObject({ version: 2, questionCount: 2, title: { fr: 'Fin de session (courte)' } });
    expect(second.versions.map((version) => version.version)).toEqual([2, 1]);
    expect(second.versions[1]!.content.questions.length).toBe(first.current.content.questions.length);

    // Saving the same content again makes no version.
    const same = await post(
      `/api/questionnaires/${id}/revisions`,
      { content },
      { 'if-match': String(revision + 1) },
    );
    expect(same.json()).toMatchObject({ changed: false, revision: revision + 1 });
  });

  it('answers 409 with the current revision to a save on a stale revision, and writes nothing', async () => {
    const { id } = (await post('/api/questionnaires', { fromTemplate: 'funder' })).json();
    const content = structuredClone(catalogueTemplate('funder')!.content);
    content.title.fr = 'Financeurs 2027';
    const first = await post(`/api/questionnaires/${id}/revisions`, { content }, { 'if-match': '0' });
    expect(first.statusCode).toBe(200);
    const before = await t.lastPosition();
    content.title.fr = 'Financeurs (autre onglet)';
    const stale = await post(`/api/questionnaires/${id}/revisions`, { content }, { 'if-match': '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 1 } });
    expect(await t.lastPosition()).toBe(before);
  });

  it.each([
    ['an unknown ready questionnaire', { fromTemplate: 'nope' }, 'validation_failed'],
    ['both a template and content', { fromTemplate: 'funder', content: {} }, 'validation_failed'],
    [
      'a question id that is not a slug',
      (() => {
        const content = structuredClone(catalogueTemplate('funder')!.content);
        content.questions[0]!.id = 'Une question ?';
        return { content };
      })(),
      'validation_failed',
    ],
    [
      'a choice question with a single option',
      (() => {
        const content = structuredClone(catalogueTemplate('learner_end_of_session')!.content);
        const pace = content.questions.find((question) => question.id === 'pace')!;
        pace.options = pace.options.slice(0, 1);
        return { content };
      })(),
      'choice_options_count',
    ],
    [
      'an NPS marked as learning assessment',
      (() => {
        const content = structuredClone(catalogueTemplate('company')!.content);
        content.questions.find((question) => question.kind === 'nps')!.purpose = 'learning_assessment';
        return { content };
      })(),
      'nps_not_learning',
    ],
    [
      'no question at all',
      { content: { ...catalogueTemplate('funder')!.content, questions: [] } },
      'questionnaire_empty',
    ],
  ])('refuses %s with a 400 and writes nothing', async (_, payload, code) => {
    const before = await t.lastPosition();
    const response = await post('/api/questionnaires', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
    expect(await t.lastPosition()).toBe(before);
  });

  it('refuses to change a question’s kind under the same id (results follow a question across versions)', async () => {
    const { id } = (await post('/api/questionnaires', { fromTemplate: 'learner_end_of_session' })).json();
    const content = learnerContent();
    content.questions.find((question) => question.id === 'overall')!.kind = 'yes_no';
    const response = await post(`/api/questionnaires/${id}/revisions`, { content });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'question_kind_changed',
      details: { questionId: 'overall' },
    });
  });

  it('archives a questionnaire: no longer listed, not editable until unarchived', async () => {
    const { id } = (await post('/api/questionnaires', { fromTemplate: 'teaching_team' })).json();
    expect((await post(`/api/questionnaires/${id}/archive`, {})).json()).toMatchObject({ changed: true });
    const listed = async (includeArchived: boolean) => {
      const result = await graphql(
        t.app,
        cookie,
        'query ($all: Boolean) { questionnaires(includeArchived: $all) { id } }',
        { all: includeArchived },
        await t.lastPosition(),
      );
      return (result.data!.questionnaires as { id: string }[]).map((row) => row.id);
    };
    expect(await listed(false)).not.toContain(id);
    expect(await listed(true)).toContain(id);
    const content = structuredClone(catalogueTemplate('teaching_team')!.content);
    content.title.fr = 'Autre';
    const refused = await post(`/api/questionnaires/${id}/revisions`, { content });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('questionnaire_archived');
    expect((await post(`/api/questionnaires/${id}/unarchive`, {})).json()).toMatchObject({ changed: true });
    expect(await listed(false)).toContain(id);
  });
});
