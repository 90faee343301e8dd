import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { focusFirstError } from '../../errorMessages';
import { formatDateTime } from '../../format';
import { type Draft, type DraftText, missingTexts, newQuestion, toContent, toDraft } from './draft';
import { QuestionEditor } from './QuestionEditor';
import { inLanguage, QuestionnairePreview } from './QuestionnairePreview';
import { useQuestionnaire } from './questionnaires';

type Questionnaire = NonNullable<ReturnType<typeof useQuestionnaire>['data']>;

/** `/questionnaires/:id`: edit a questionnaire (each save a new version), preview it, archive it. */
export function QuestionnairePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const questionnaire = useQuestionnaire(id);
  // Outside the editor, which starts again at each new revision: the confirmation outlives it.
  const [status, setStatus] = useState<string | null>(null);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/questionnaires">{t('questionnaire.back')}</Link>
      </p>
      {questionnaire.isPending && <Loading />}
      {questionnaire.isError && (
        <QueryError error={questionnaire.error} onRetry={() => void questionnaire.refetch()} />
      )}
      {questionnaire.data === null && <p>{t('questionnaire.notFound')}</p>}
      <StatusMessage>{status}</StatusMessage>
      {questionnaire.data && (
        // A new version (or another tab's) starts the form again from what the server holds.
        <QuestionnaireEditor
          key={questionnaire.data.revision}
          questionnaire={questionnaire.data}
          onStatus={setStatus}
        />
      )}
    </>
  );
}

function QuestionnaireEditor({
  questionnaire,
  onStatus: setStatus,
}: {
  questionnaire: Questionnaire;
  onStatus(status: string | null): void;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => toDraft(questionnaire.current.content));
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [previewLanguage, setPreviewLanguage] = useState<'fr' | 'en'>(
    i18n.language.startsWith('en') ? 'en' : 'fr',
  );
  const title = inLanguage(questionnaire.current.content.title, i18n.language.startsWith('en') ? 'en' : 'fr');
  /** Question ids asked in some version: their kind and purpose stay. */
  const asked = useMemo(
    () => new Set(questionnaire.versions.flatMap((version) => version.content.questions.map((q) => q.id))),
    [questionnaire.versions],
  );

  const save = useMutation({
    mutationFn: (content: ReturnType<typeof toContent>) =>
      command<{ changed: boolean }>(
        `/api/questionnaires/${encodeURIComponent(questionnaire.id)}/revisions`,
        { content },
        { ifMatch: questionnaire.revision },
      ),
    onSuccess: ({ changed }) =>
      setStatus(
        changed
          ? t('questionnaire.saved', { version: questionnaire.version + 1 })
          : t('questionnaire.unchanged'),
      ),
  });
  const archive = useMutation({
    mutationFn: (verb: 'archive' | 'unarchive') =>
      command(
        `/api/questionnaires/${encodeURIComponent(questionnaire.id)}/${verb}`,
        {},
        {
          ifMatch: questionnaire.revision,
        },
      ),
    onSuccess: (_answer, verb) =>
      setStatus(verb === 'archive' ? t('questionnaire.archived') : t('questionnaire.unarchivedDone')),
  });

  const setText = (field: 'title' | 'introduction', language: keyof DraftText, value: string) =>
    setDraft({ ...draft, [field]: { ...draft[field], [language]: value } });
  const setQuestions = (questions: Draft['questions']) => setDraft({ ...draft, questions });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const found = missingTexts(draft);
    setMissing(new Set(found));
    if (found.length > 0) {
      focusFirstError(found.map((inputId) => ({ id: inputId, hasError: true })));
      return;
    }
    save.mutate(toContent(draft));
  };

  return (
    <>
      <PageTitle page={title} />
      <h1>{title}</h1>
      <p className="card-meta">
        <span className="badge">{t(`audiences.${questionnaire.audience}`)}</span>
        <span>{t('questionnaires.versionBadge', { version: questionnaire.version })}</span>
        {questionnaire.archived && (
          <span className="badge badge-warning">{t('questionnaires.archivedBadge')}</span>
        )}
      </p>
      <div className="questionnaire-workspace">
        <section aria-labelledby="questionnaire-edit">
          <h2 id="questionnaire-edit">{t('questionnaire.editTitle')}</h2>
          {questionnaire.archived ? (
            <p className="status-note">{t('questionnaire.archivedNote')}</p>
          ) : (
            <form className="form" noValidate onSubmit={onSubmit}>
              <ErrorAlert error={save.error} />
              <TextField
                id="questionnaire-title-fr"
                label={t('questionnaire.titleFr')}
                required
                maxLength={200}
                value={draft.title.fr}
                error={missing.has('questionnaire-title-fr') ? t('validation.required') : undefined}
                onChange={(event) => setText('title', 'fr', event.target.value)}
              />
              <TextField
                id="questionnaire-title-en"
                label={t('questionnaire.titleEn')}
                hint={t('questionnaire.optionalHint')}
                maxLength={200}
                lang="en"
                value={draft.title.en}
                onChange={(event) => setText('title', 'en', event.target.value)}
              />
              <TextField
                id="questionnaire-intro-fr"
                label={t('questionnaire.introFr')}
                hint={t('questionnaire.optionalHint')}
                maxLength={1000}
                value={draft.introduction.fr}
                onChange={(event) => setText('introduction', 'fr', event.target.value)}
              />
              <TextField
                id="questionnaire-intro-en"
                label={t('questionnaire.introEn')}
                maxLength={1000}
                lang="en"
                value={draft.introduction.en}
                onChange={(event) => setText('introduction', 'en', event.target.value)}
              />
              <h3>{t('questionnaire.questionsTitle')}</h3>
              {draft.questions.map((question, index) => (
                <QuestionEditor
                  key={question.id}
                  question={question}
                  index={index}
                  count={draft.questions.length}
                  locked={asked.has(question.id)}
                  missing={missing}
                  onChange={(changed) =>
                    setQuestions(draft.questions.map((candidate, i) => (i === index ? changed : candidate)))
                  }
                  onMove={(offset) => {
                    const questions = [...draft.questions];
                    const [moved] = questions.splice(index, 1);
                    questions.splice(index + offset, 0, moved!);
                    setQuestions(questions);
                  }}
                  onRemove={() => setQuestions(draft.questions.filter((_, i) => i !== index))}
                />
              ))}
              <div className="button-row">
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={draft.questions.length >= 40}
                  onClick={() => setQuestions([...draft.questions, newQuestion()])}
                >
                  {t('questionnaire.addQuestion')}
                </button>
                <SubmitButton pending={save.isPending}>{t('questionnaire.save')}</SubmitButton>
              </div>
            </form>
          )}
        </section>

        <section aria-labelledby="questionnaire-preview">
          <h2 id="questionnaire-preview">{t('questionnaire.previewTitle')}</h2>
          <fieldset className="inline-form">
            <legend>{t('questionnaire.previewLanguage')}</legend>
            {(['fr', 'en'] as const).map((language) => (
              <span key={language} className="field field-checkbox">
                <input
                  id={`preview-language-${language}`}
                  type="radio"
                  name="preview-language"
                  checked={previewLanguage === language}
                  onChange={() => setPreviewLanguage(language)}
                />
                <label htmlFor={`preview-language-${language}`}>
                  {language === 'fr' ? 'Français' : 'English'}
                </label>
              </span>
            ))}
          </fieldset>
          <QuestionnairePreview content={toContent(draft)} language={previewLanguage} idPrefix="preview" />
        </section>
      </div>

      <section aria-labelledby="questionnaire-versions">
        <h2 id="questionnaire-versions">{t('questionnaire.versionsTitle')}</h2>
        <ul className="plain-list">
          {questionnaire.versions.map((version) => (
            <li key={version.version}>
              {t('questionnaire.versionLine', {
                version: version.version,
                date: formatDateTime(version.savedAt, i18n.language),
                count: version.content.questions.length,
              })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="questionnaire-archive">
        <h2 id="questionnaire-archive">{t('questionnaire.archiveTitle')}</h2>
        <p>{t('questionnaire.archiveHint')}</p>
        <ErrorAlert error={archive.error} />
        <button
          type="button"
          className={`button button-secondary${questionnaire.archived ? '' : ' button-danger'}`}
          aria-disabled={archive.isPending || undefined}
          onClick={() => {
            if (!archive.isPending) archive.mutate(questionnaire.archived ? 'unarchive' : 'archive');
          }}
        >
          {questionnaire.archived ? t('questionnaire.unarchive') : t('questionnaire.archive')}
        </button>
      </section>
    </>
  );
}
