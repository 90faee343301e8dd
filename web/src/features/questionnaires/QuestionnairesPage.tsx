import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import type { QuestionnaireTemplateKey } from '../../data/graphql';
import { formatDateTime } from '../../format';
import { inLanguage, QuestionnairePreview } from './QuestionnairePreview';
import { useQuestionnaires, useQuestionnaireTemplates } from './questionnaires';

const languageOf = (language: string) => (language.startsWith('en') ? 'en' : 'fr');

/** `/questionnaires`: the organisation's questionnaires, and the ready ones to start from. */
export function QuestionnairesPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const navigate = useNavigate();
  const [showArchived, setShowArchived] = useState(false);
  const questionnaires = useQuestionnaires(showArchived);
  const templates = useQuestionnaireTemplates();

  const copy = useMutation({
    mutationFn: (fromTemplate: QuestionnaireTemplateKey) =>
      command<{ id: string }>('/api/questionnaires', { fromTemplate }),
    onSuccess: ({ id }) => navigate(`/questionnaires/${encodeURIComponent(id)}`),
  });

  return (
    <>
      <PageTitle page={t('questionnaires.title')} />
      <h1>{t('questionnaires.title')}</h1>
      <p>{t('questionnaires.intro')}</p>

      <section aria-labelledby="questionnaires-list">
        <h2 id="questionnaires-list">{t('questionnaires.listTitle')}</h2>
        <div className="field field-checkbox">
          <input
            id="questionnaires-show-archived"
            type="checkbox"
            checked={showArchived}
            onChange={(event) => setShowArchived(event.target.checked)}
          />
          <label htmlFor="questionnaires-show-archived">{t('questionnaires.showArchived')}</label>
        </div>
        {questionnaires.isPending && <Loading />}
        {questionnaires.isError && (
          <QueryError error={questionnaires.error} onRetry={() => void questionnaires.refetch()} />
        )}
        {questionnaires.data?.length === 0 && <p>{t('questionnaires.empty')}</p>}
        {questionnaires.data && questionnaires.data.length > 0 && (
          <ul className="card-list">
            {questionnaires.data.map((questionnaire) => (
              <li key={questionnaire.id} className="card">
                <h3 className="card-title">
                  <Link to={`/questionnaires/${encodeURIComponent(questionnaire.id)}`}>
                    {inLanguage(questionnaire.title, language)}
                  </Link>
                </h3>
                <p className="card-meta">
                  {questionnaire.archived && (
                    <span className="badge badge-warning">{t('questionnaires.archivedBadge')}</span>
                  )}
                  <span className="badge">{t(`audiences.${questionnaire.audience}`)}</span>
                  <span>{t('questionnaires.versionBadge', { version: questionnaire.version })}</span>
                  <span>{t('questionnaires.questionCount', { count: questionnaire.questionCount })}</span>
                  <span>
                    {t('questionnaires.updatedAt', {
                      date: formatDateTime(questionnaire.updatedAt, i18n.language),
                    })}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="questionnaires-templates">
        <h2 id="questionnaires-templates">{t('questionnaires.templatesTitle')}</h2>
        <p>{t('questionnaires.templatesIntro')}</p>
        <ErrorAlert error={copy.error} />
        {templates.isPending && <Loading />}
        {templates.isError && <QueryError error={templates.error} onRetry={() => void templates.refetch()} />}
        {templates.data && (
          <ul className="card-list">
            {templates.data.map((template) => {
              const title = t(`questionnaireTemplates.${template.key}`);
              return (
                <li key={template.key} className="card">
                  <h3 className="card-title">{title}</h3>
                  <p className="card-meta">
                    <span className="badge">{t(`audiences.${template.content.audience}`)}</span>
                    <span>{t('questionnaires.when', { when: inLanguage(template.when, language) })}</span>
                    <span>
                      {t('questionnaires.questionCount', { count: template.content.questions.length })}
                    </span>
                  </p>
                  <details className="disclosure">
                    <summary>{t('questionnaires.preview', { title })}</summary>
                    <QuestionnairePreview
                      content={template.content}
                      language={language}
                      idPrefix={`template-${template.key}`}
                    />
                  </details>
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={t('questionnaires.useTemplateLabel', { title })}
                    aria-disabled={copy.isPending || undefined}
                    onClick={() => {
                      if (!copy.isPending) copy.mutate(template.key);
                    }}
                  >
                    {t('questionnaires.useTemplate')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
