import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { PublicFrame } from '../../components/PublicFrame';
import { QueryError } from '../../components/QueryError';
import { SubmitButton } from '../../components/SubmitButton';

type OptOutState =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'done'; organisationName: string | null }
  | { status: 'error'; error: unknown };

const optOutPath = (token: string) => `/api/public/answers/${encodeURIComponent(token)}/opt-out`;

/**
 * `/a/:token/opt-out`: the link at the foot of every campaign message. Nothing happens on opening it (a mail
 * scanner may follow links); the respondent confirms with the button, and may do so again safely.
 */
export function OptOutPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<OptOutState>({ status: 'idle' });
  const notFound = state.status === 'error' && isApiError(state.error) && state.error.status === 404;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (state.status === 'sending') return;
    setState({ status: 'sending' });
    command<{ optedOut: true; organisationName: string | null }>(optOutPath(token)).then(
      (answer) => setState({ status: 'done', organisationName: answer.organisationName }),
      (error: unknown) => setState({ status: 'error', error }),
    );
  };

  const title = notFound ? t('optOut.notFoundTitle') : t('optOut.title');
  return (
    <PublicFrame>
      <PageTitle page={title} />
      <h1>{title}</h1>
      <div role="status" className={state.status === 'done' ? 'alert alert-success' : 'visually-hidden'}>
        {state.status === 'done' && (
          <>
            <p className="thanks-title">
              {state.organisationName
                ? t('optOut.doneOrganisation', { organisation: state.organisationName })
                : t('optOut.done')}
            </p>
            <p>{t('optOut.doneDetail')}</p>
          </>
        )}
        {state.status === 'sending' && t('optOut.sending')}
      </div>
      {notFound && (
        <div className="alert alert-error" role="alert">
          <p>{t('optOut.notFound')}</p>
        </div>
      )}
      {state.status !== 'done' && !notFound && (
        <form className="form" noValidate onSubmit={onSubmit}>
          <p>{t('optOut.intro')}</p>
          <p>{t('optOut.stillAnswer')}</p>
          {state.status === 'error' && <QueryError error={state.error} />}
          <SubmitButton pending={state.status === 'sending'}>{t('optOut.confirm')}</SubmitButton>
        </form>
      )}
    </PublicFrame>
  );
}
