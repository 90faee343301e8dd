import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { PublicFrame } from '../../components/PublicFrame';
import { QueryError } from '../../components/QueryError';
import { SubmitButton } from '../../components/SubmitButton';
import { errorMessage } from '../../errorMessages';
import { formatDate } from '../../format';
import { useRetryOnce } from '../../hooks/useRetryOnce';
import { isStorableText } from '../../validation';
import { organisationOfError } from '../feedback/publicFeedback';
import { SendFailure } from '../feedback/SendFailure';
import {
  type Answers,
  inLanguage,
  isAnswered,
  type SurveyForm,
  TEXT_MAX_LENGTH,
  useDraft,
  useSendAnswers,
  useSurveyForm,
} from './publicAnswer';
import { firstInputId, QuestionField } from './QuestionField';

const SUBMIT_ID = 'survey-submit';

/** The page's title for each reason a link shows no survey. */
const TITLES = {
  already_answered: 'survey.alreadyAnsweredTitle',
  campaign_closed: 'survey.closedTitle',
  campaign_cancelled: 'survey.closedTitle',
  shared_link_closed: 'survey.closedTitle',
  shared_link_full: 'survey.closedTitle',
  answer_link_not_found: 'survey.notFoundTitle',
} as const;

const titleKey = (error: unknown) =>
  (isApiError(error) && TITLES[error.code as keyof typeof TITLES]) || 'survey.unavailableTitle';

/**
 * `/a/:token`: a campaign's survey reached through a personal or a shared link (no account), phone first, in the
 * organisation's frame. What is typed is kept in the browser until recorded.
 */
export function PublicAnswerPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const form = useSurveyForm(token);
  const organisation =
    form.status === 'success'
      ? form.data.organisation
      : form.status === 'error'
        ? organisationOfError(form.error)
        : null;
  const unavailable = form.status === 'error' ? t(titleKey(form.error)) : '';
  return (
    <PublicFrame organisation={organisation}>
      {form.status === 'pending' && <Loading />}
      {form.status === 'error' && (
        <>
          <PageTitle page={unavailable} />
          <h1>{unavailable}</h1>
          <QueryError
            error={form.error}
            onRetry={isApiError(form.error) && form.error.isTransient ? form.retry : undefined}
          />
        </>
      )}
      {form.status === 'success' && <Survey token={token} form={form.data} />}
    </PublicFrame>
  );
}

function Survey({ token, form }: { token: string; form: SurveyForm }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { questions } = form.questionnaire;
  const draft = useDraft(token);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sendError, setSendError] = useState<unknown>(null);

  const focusQuestion = (questionId: string) => {
    const question = questions.find((candidate) => candidate.id === questionId);
    if (question) document.getElementById(firstInputId(question))?.focus();
  };

  const submit = useSendAnswers(
    token,
    (error) => {
      // The server names the question it refuses; other refusals show above the button.
      const questionId = isApiError(error) ? error.detail('questionId') : undefined;
      if (typeof questionId === 'string' && questions.some((question) => question.id === questionId)) {
        setErrors({ [questionId]: errorMessage(t, error) });
        setSendError(null);
        focusQuestion(questionId);
      } else {
        setSendError(error);
        retry.schedule(error);
      }
    },
    draft.clear,
  );

  const validate = (answers: Answers) => {
    const found: Record<string, string> = {};
    for (const question of questions) {
      const value = answers[question.id];
      if (question.required && !isAnswered(value)) found[question.id] = t('survey.missing');
      else if (typeof value === 'string' && question.kind === 'free_text') {
        if (value.length > TEXT_MAX_LENGTH)
          found[question.id] = t('validation.commentTooLong', { max: TEXT_MAX_LENGTH });
        else if (!isStorableText(value)) found[question.id] = t('validation.invalidCharacters');
      }
    }
    return found;
  };

  const send = () => {
    if (submit.pending) return;
    const found = validate(draft.answers);
    setErrors(found);
    if (document.activeElement?.closest('[role="alert"]')) document.getElementById(SUBMIT_ID)?.focus();
    setSendError(null);
    const first = questions.find((question) => found[question.id]);
    if (first) {
      focusQuestion(first.id);
      return;
    }
    const answers: Answers = {};
    for (const [id, value] of Object.entries(draft.answers)) {
      if (isAnswered(value)) answers[id] = typeof value === 'string' ? value.trim() : value;
    }
    submit.send(draft.submissionId, answers);
  };
  const retry = useRetryOnce(send);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    retry.cancel();
    send();
  };

  const answered = questions.filter((question) => isAnswered(draft.answers[question.id])).length;
  const title = inLanguage(form.questionnaire.title, language);
  const retrying = submit.pending && retry.fired;

  if (submit.sent) {
    return (
      <>
        <PageTitle page={t('survey.thanks')} />
        <div role="status" className="alert alert-success thanks">
          <p className="thanks-title">{t('survey.thanks')}</p>
          <p>{t('survey.thanksDetail')}</p>
        </div>
      </>
    );
  }

  return (
    <>
      <PageTitle page={title} />
      <h1>{title}</h1>
      <p>{t('survey.intro', { organisation: form.organisation.name })}</p>
      {form.questionnaire.introduction && <p>{inLanguage(form.questionnaire.introduction, language)}</p>}
      <dl className="session-facts">
        <div>
          <dt>{t('survey.about')}</dt>
          <dd>{form.targetLabel}</dd>
        </div>
        <div>
          <dt>{t('survey.closesOn')}</dt>
          <dd>{formatDate(form.closesOn, language)}</dd>
        </div>
      </dl>
      <p className="hint">
        {form.anonymous ? t('survey.anonymous') : form.link === 'personal' ? t('survey.named') : ''}
      </p>
      {draft.restored && <p className="alert alert-info">{t('survey.draftRestored')}</p>}
      <div role="status" className={retrying ? 'muted' : 'visually-hidden'}>
        {retrying && t('feedback.retrying')}
      </div>
      <form className="form feedback-form survey-form" noValidate onSubmit={onSubmit}>
        <div className="survey-progress">
          <progress max={questions.length} value={answered} aria-labelledby="survey-progress-label" />
          <p id="survey-progress-label" aria-live="polite">
            {t('survey.progress', { answered, total: questions.length })}
          </p>
        </div>
        {Object.keys(errors).length > 1 && (
          <p className="alert alert-error" role="alert">
            {t('survey.fixBelow')}
          </p>
        )}
        {questions.map((question, index) => (
          <QuestionField
            key={question.id}
            question={question}
            number={index + 1}
            value={draft.answers[question.id]}
            error={errors[question.id]}
            onChange={(value) => {
              const next = { ...draft.answers };
              if (value === undefined) delete next[question.id];
              else next[question.id] = value;
              draft.save(next);
              if (errors[question.id]) {
                const { [question.id]: _, ...rest } = errors;
                setErrors(rest);
              }
            }}
          />
        ))}
        {sendError !== null && (
          <SendFailure
            error={sendError}
            waitingSeconds={retry.waitingSeconds}
            onRetryNow={() => {
              retry.cancel();
              send();
            }}
          />
        )}
        <SubmitButton id={SUBMIT_ID} pending={submit.pending}>
          {t('survey.submit')}
        </SubmitButton>
      </form>
    </>
  );
}
