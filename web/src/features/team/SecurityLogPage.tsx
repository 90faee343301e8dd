import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { useViewer } from '../../data/viewer';
import { formatDateTime } from '../../format';
import { useSecurityLog } from './team';

/** `/security-log`: security-relevant events of the organisation's accounts (administrators). */
export function SecurityLogPage() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const log = useSecurityLog();

  const title = (
    <>
      <PageTitle page={t('securityLog.title')} />
      <h1>{t('securityLog.title')}</h1>
    </>
  );
  if (viewer.data && viewer.data.role !== 'admin') {
    return (
      <>
        {title}
        <ErrorAlert message={t('team.adminOnly')} />
      </>
    );
  }
  const events = log.data?.pages.flatMap((page) => page.securityLog.edges.map((edge) => edge.node)) ?? [];
  return (
    <>
      {title}
      <p>{t('securityLog.intro')}</p>
      {log.isPending && <Loading />}
      {log.isError && <QueryError error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && events.length === 0 && <p>{t('securityLog.empty')}</p>}
      {events.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('securityLog.when')}</th>
                <th scope="col">{t('securityLog.who')}</th>
                <th scope="col">{t('securityLog.what')}</th>
                <th scope="col">{t('securityLog.by')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.occurredAt, i18n.language)}</td>
                  <td>{event.userName ?? t('app.notAvailable')}</td>
                  <td>
                    {t(`securityLog.${event.type}`, {
                      role: event.role ? t(`roles.${event.role}`) : '',
                      previousRole: event.previousRole ? t(`roles.${event.previousRole}`) : '',
                      failures: event.failures ?? 0,
                      sessions: event.sessions ?? 0,
                    })}
                  </td>
                  <td>{event.actorName ?? t('securityLog.system')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage && (
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={log.isFetchingNextPage || undefined}
          onClick={() => {
            if (!log.isFetchingNextPage) void log.fetchNextPage();
          }}
        >
          {t('securityLog.more')}
        </button>
      )}
    </>
  );
}
