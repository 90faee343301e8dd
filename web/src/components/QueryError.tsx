import { useTranslation } from 'react-i18next';
import { errorMessage } from '../errorMessages';

/** A failed read, with a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(t, error)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
