import { useTranslation } from 'react-i18next';
import { errorMessage } from '../errorMessages';

/** An error announced to assistive technologies; renders nothing without an error. */
export function ErrorAlert({ error, message }: { error?: unknown; message?: string | null }) {
  const { t } = useTranslation();
  const text = message ?? (error ? errorMessage(t, error) : null);
  if (!text) return null;
  return (
    <div className="alert alert-error" role="alert">
      {text}
    </div>
  );
}
