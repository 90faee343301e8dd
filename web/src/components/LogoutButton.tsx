import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { command } from '../api';
import { queryKeys } from '../data/keys';
import { queryClient } from '../queryClient';
import { ErrorAlert } from './ErrorAlert';

export function LogoutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => command('/api/auth/logout'),
    onSuccess: async () => {
      await navigate('/login', { replace: true });
      queryClient.setQueryData(queryKeys.me, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
    },
  });
  return (
    <div className="logout">
      <button
        type="button"
        className="button button-secondary"
        disabled={logout.isPending}
        onClick={() => logout.mutate()}
      >
        {t('header.logout')}
      </button>
      <ErrorAlert error={logout.error} />
    </div>
  );
}
