import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDateTime } from '../../format';
import { queryClient } from '../../queryClient';
import { ChangePasswordForm } from './ChangePasswordForm';
import { sessionsQuery, useSessions } from './team';

/** `/account`: change one's password, see one's sessions, sign out everywhere else. */
export function AccountPage() {
  const { t, i18n } = useTranslation();
  const sessions = useSessions();
  const [notice, setNotice] = useState<string | null>(null);
  const endOthers = useMutation({
    mutationFn: () => command<{ ended: number }>('/api/account/sessions/end-others'),
    onSuccess: async ({ ended }) => {
      await queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey });
      setNotice(ended === 0 ? t('account.noOthers') : t('account.endedOthers', { count: ended }));
    },
  });

  return (
    <>
      <PageTitle page={t('account.title')} />
      <h1>{t('account.title')}</h1>
      <StatusMessage>{notice}</StatusMessage>

      <section aria-labelledby="account-sessions">
        <h2 id="account-sessions">{t('account.sessionsTitle')}</h2>
        {sessions.isPending && <Loading />}
        {sessions.isError && <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />}
        {sessions.data && (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('account.device')}</th>
                  <th scope="col">{t('account.startedAt')}</th>
                  <th scope="col">{t('account.lastSeenAt')}</th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.map((session, index) => (
                  <tr key={session.id ?? index}>
                    <th scope="row">
                      {session.userAgent ?? t('account.unknownDevice')}
                      {session.current && <span className="badge badge-accent">{t('account.current')}</span>}
                    </th>
                    <td>{formatDateTime(session.startedAt, i18n.language)}</td>
                    <td>{formatDateTime(session.lastSeenAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={endOthers.isPending || undefined}
          onClick={() => {
            if (!endOthers.isPending) endOthers.mutate();
          }}
        >
          {t('account.endOthers')}
        </button>
        <ErrorAlert error={endOthers.error} />
      </section>

      <section aria-labelledby="account-password">
        <h2 id="account-password">{t('account.passwordTitle')}</h2>
        <ChangePasswordForm
          onChanged={() => {
            setNotice(t('account.passwordChanged'));
            void queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey });
          }}
        />
      </section>
    </>
  );
}
