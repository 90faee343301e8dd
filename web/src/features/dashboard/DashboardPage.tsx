import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatNumber } from '../../format';
import { NextDuePanel } from '../calendar';
import { JourneyChecklistPanel } from '../certification';
import { EvidenceEntry } from '../evidence';
import { useDashboard } from './dashboard';
import { EvidenceSummaryTable } from './EvidenceSummaryTable';
import { ReadinessPanel } from './ReadinessPanel';

/**
 * `/`: a warning when published results are missing or old, audit readiness, what is due, key figures, latest
 * evidence, evidence per indicator.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const dashboard = useDashboard();
  const data = dashboard.data;

  return (
    <>
      <PageTitle page={t('dashboard.title')} />
      <h1>{t('dashboard.title')}</h1>
      {dashboard.isPending && <Loading />}
      {dashboard.isError && <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />}
      {data && (
        <>
          {data.resultsPublication.freshness !== 'up_to_date' && (
            <div className="alert alert-warning" data-testid="dashboard-publication-warning">
              <p>
                {data.resultsPublication.freshness === 'none'
                  ? t('dashboard.publicationNone')
                  : t('dashboard.publicationStale', {
                      date: formatDate(data.resultsPublication.lastPublishedOn ?? '', i18n.language),
                    })}{' '}
                <Link to="/publication">{t('dashboard.publicationLink')}</Link>
              </p>
            </div>
          )}
          <JourneyChecklistPanel />
          <ReadinessPanel />
          <NextDuePanel />
          <section aria-labelledby="dashboard-counts">
            <h2 id="dashboard-counts">{t('dashboard.countsTitle')}</h2>
            <dl className="figures">
              <div className="figure">
                <dt>{t('dashboard.trainingActions')}</dt>
                <dd>{formatNumber(data.dashboard.trainingActionCount, i18n.language)}</dd>
              </div>
              <div className="figure">
                <dt>{t('dashboard.sessions')}</dt>
                <dd>{formatNumber(data.dashboard.sessionCount, i18n.language)}</dd>
              </div>
              <div className="figure">
                <dt>{t('dashboard.responses')}</dt>
                <dd>{formatNumber(data.dashboard.feedbackCount, i18n.language)}</dd>
              </div>
              <div className="figure">
                <dt>{t('dashboard.averageRating')}</dt>
                <dd>
                  {data.dashboard.averageRating === null
                    ? t('app.notAvailable')
                    : t('app.ratingOutOf', { value: data.dashboard.averageRating })}
                </dd>
              </div>
            </dl>
          </section>

          <section aria-labelledby="dashboard-evidence">
            <h2 id="dashboard-evidence">{t('dashboard.latestEvidence')}</h2>
            {data.evidenceTimeline.edges.length === 0 ? (
              <p>{t('dashboard.noEvidence')}</p>
            ) : (
              <ol className="evidence-list">
                {data.evidenceTimeline.edges.map(({ node }) => (
                  <EvidenceEntry key={node.id} item={node} />
                ))}
              </ol>
            )}
            <p>
              <Link to="/evidence?indicator=30">{t('dashboard.seeTimeline')}</Link>
            </p>
          </section>

          <section aria-labelledby="dashboard-summary">
            <h2 id="dashboard-summary">{t('dashboard.summaryTitle')}</h2>
            <EvidenceSummaryTable rows={data.evidenceSummary} />
          </section>
        </>
      )}
    </>
  );
}
