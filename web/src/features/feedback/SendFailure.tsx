import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorMessage } from '../../errorMessages';

/**
 * Why the answer was not recorded. When waiting may help (busy or unavailable server, no network), it says the
 * answer is kept, when it will be sent again by itself, and offers to send it now.
 */
export function SendFailure({
  error,
  waitingSeconds,
  onRetryNow,
}: {
  error: unknown;
  waitingSeconds: number | null;
  onRetryNow: () => void;
}) {
  const { t } = useTranslation();
  const transient = isApiError(error) && error.isTransient;
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(t, error)}</p>
      {transient && (
        <>
          <p>{t('feedback.kept')}</p>
          {waitingSeconds !== null && <p>{t('feedback.autoRetry', { seconds: waitingSeconds })}</p>}
          <button type="button" className="button button-secondary" onClick={onRetryNow}>
            {t('feedback.retryNow')}
          </button>
        </>
      )}
    </div>
  );
}
