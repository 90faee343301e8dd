import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { useViewer } from '../../data/viewer';
import { MailMessageCard } from './MailMessageCard';
import { useMailMessages } from './mailMessages';

/** `/mail`: what the application sent on the organisation's behalf, for its administrators. */
export function MailPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const isAdmin = viewer.data?.role === 'admin';

  return (
    <>
      <PageTitle page={t('mail.title')} />
      <h1>{t('mail.title')}</h1>
      {isAdmin ? <MailList /> : <p>{t('mail.adminsOnly')}</p>}
    </>
  );
}

function MailList() {
  const { t } = useTranslation();
  const messages = useMailMessages();
  const development = messages.data?.some((message) => message.outbox === 'development');
  return (
    <>
      <p>{t('mail.intro')}</p>
      {development && (
        <div className="alert alert-success" role="note">
          <p>{t('mail.developmentNotice')}</p>
        </div>
      )}
      {messages.isPending && <Loading />}
      {messages.isError && <QueryError error={messages.error} onRetry={() => void messages.refetch()} />}
      {messages.data && messages.data.length === 0 && <p>{t('mail.empty')}</p>}
      {messages.data && messages.data.length > 0 && (
        <ul className="card-list">
          {messages.data.map((message) => (
            <MailMessageCard key={message.id} message={message} />
          ))}
        </ul>
      )}
    </>
  );
}
