import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { command } from '../api';
import { ErrorAlert } from './ErrorAlert';

/**
 * Ends the session, then loads the login page afresh: nothing of the previous user (cached reads, last
 * position) stays in memory for whoever uses the browser next.
 */
export function LogoutButton() {
  const { t } = useTranslation();
  const logout = useMutation({
    mutationFn: () => command('/api/auth/logout'),
    onSuccess: () => window.location.assign('/login'),
    meta: { refreshesReads: false },
  });
  return (
    <div className="logout">
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={logout.isPending || undefined}
        onClick={() => {
          if (!logout.isPending) logout.mutate();
        }}
      >
        {t('header.logout')}
      </button>
      <ErrorAlert error={logout.error} />
    </div>
  );
}
