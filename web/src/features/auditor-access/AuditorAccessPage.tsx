import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { type GrantedLink, useAuditorAccess } from './auditorAccess';
import { GrantForm } from './GrantForm';
import { LinkCard } from './LinkCard';
import { NewLinkPanel } from './NewLinkPanel';

/**
 * `/auditor-access`: administrators give an outside auditor a read-only link for some days, copy it once, revoke
 * it, and see each link's status and every use.
 */
export function AuditorAccessPage() {
  const { t } = useTranslation();
  const access = useAuditorAccess();
  const [status, setStatus] = useState<string | null>(null);
  const [granted, setGranted] = useState<GrantedLink | null>(null);
  if (access.isPending) return <Loading />;
  if (access.isError) return <QueryError error={access.error} onRetry={() => void access.refetch()} />;
  const { auditorAccessLinks: links, audits, binderExports } = access.data;

  return (
    <>
      <PageTitle page={t('auditorAccess.title')} />
      <h1>{t('auditorAccess.title')}</h1>
      <p>{t('auditorAccess.intro')}</p>
      <StatusMessage>{status}</StatusMessage>

      <section aria-labelledby="auditor-access-new">
        <h2 id="auditor-access-new">{t('auditorAccess.newTitle')}</h2>
        {granted ? (
          <NewLinkPanel link={granted} onClose={() => setGranted(null)} />
        ) : (
          <GrantForm
            audits={audits}
            binders={binderExports}
            onGranted={(link) => {
              setStatus(t('auditorAccess.granted'));
              setGranted(link);
            }}
          />
        )}
      </section>

      <section aria-labelledby="auditor-access-list">
        <h2 id="auditor-access-list">{t('auditorAccess.listTitle')}</h2>
        {links.length === 0 ? (
          <p>{t('auditorAccess.noLinks')}</p>
        ) : (
          <ul className="card-list">
            {links.map((link) => (
              <LinkCard
                key={link.id}
                link={link}
                audit={audits.find((audit) => audit.id === link.auditId)}
                onDone={setStatus}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
