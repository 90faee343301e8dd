import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useViewer } from '../../data/viewer';
import { formatDate } from '../../format';
import { CopyField } from './CopyField';
import { PublishResultsForm } from './PublishResultsForm';
import { useResultsPublication } from './publication';
import { SnapshotCard } from './SnapshotCard';

/** The code an organisation pastes into its website: a frame of the compact public page. */
const snippetOf = (embedUrl: string, title: string) =>
  `<iframe src="${embedUrl}" title="${title.replaceAll('"', '&quot;')}" width="100%" height="520" style="border:0;max-width:100%" loading="lazy"></iframe>`;

/** `/publication`: the warning when results are missing or old, the public page and its snippet, the form, the history. */
export function PublicationPage() {
  const { t, i18n } = useTranslation();
  const publication = useResultsPublication();
  const viewer = useViewer();
  const canPublish = viewer.data?.role === 'admin' || viewer.data?.role === 'quality_manager';
  const [status, setStatus] = useState<string | null>(null);
  const data = publication.data;
  const origin = window.location.origin;

  return (
    <>
      <PageTitle page={t('publication.title')} />
      <h1>{t('publication.title')}</h1>
      <p>{t('publication.intro')}</p>
      <StatusMessage>{status}</StatusMessage>
      {publication.isPending && <Loading />}
      {publication.isError && (
        <QueryError error={publication.error} onRetry={() => void publication.refetch()} />
      )}
      {data && (
        <>
          {data.freshness === 'up_to_date' ? (
            <p>
              {t('publication.upToDate', { date: formatDate(data.lastPublishedOn ?? '', i18n.language) })}
            </p>
          ) : (
            <div className="alert alert-warning" data-testid="results-warning">
              <p>
                {data.freshness === 'none' ? t('publication.warningNone') : t('publication.warningStale')}
              </p>
            </div>
          )}

          <section aria-labelledby="publication-public">
            <h2 id="publication-public">{t('publication.publicTitle')}</h2>
            {data.publicPath && data.embedPath && data.jsonPath ? (
              <>
                <CopyField
                  id="publication-link"
                  label={t('publication.publicLinkLabel')}
                  value={`${origin}${data.publicPath}`}
                  buttonLabel={t('publication.copyLink')}
                />
                <p>
                  <a href={data.publicPath} target="_blank" rel="noopener">
                    {t('publication.open')}
                  </a>{' '}
                  · <a href={data.jsonPath}>{t('publication.jsonLink')}</a>
                </p>
                <CopyField
                  id="publication-snippet"
                  label={t('publication.snippetLabel')}
                  hint={t('publication.snippetHint')}
                  value={snippetOf(`${origin}${data.embedPath}`, t('publication.embedTitle'))}
                  buttonLabel={t('publication.copySnippet')}
                  multiline
                />
              </>
            ) : (
              <p>{t('publication.publicNone')}</p>
            )}
          </section>

          {canPublish && (
            <section aria-labelledby="publication-new">
              <h2 id="publication-new">{t('publication.formTitle')}</h2>
              <PublishResultsForm onPublished={(label) => setStatus(t('publication.published', { label }))} />
            </section>
          )}

          <section aria-labelledby="publication-history">
            <h2 id="publication-history">{t('publication.historyTitle')}</h2>
            {data.snapshots.length === 0 ? (
              <p>{t('publication.empty')}</p>
            ) : (
              <ul className="card-list">
                {data.snapshots.map((snapshot) => (
                  <SnapshotCard
                    key={snapshot.id}
                    snapshot={snapshot}
                    revision={data.revision}
                    canPublish={canPublish}
                    onWithdrawn={(label) => setStatus(t('publication.withdrawn', { label }))}
                  />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
