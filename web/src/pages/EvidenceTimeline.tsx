import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { EvidenceEntry } from '../components/EvidenceEntry';
import { Loading } from '../components/Loading';
import { QueryError } from '../components/QueryError';
import { type EvidenceFilters, useEvidenceTimeline } from '../data/evidence';

/** The timeline for the current filters, with “Charger plus” (Relay pagination on `pageInfo.endCursor`). */
export function EvidenceTimeline({ filters }: { filters: EvidenceFilters }) {
  const { t } = useTranslation();
  const timeline = useEvidenceTimeline(filters);

  if (timeline.isPending) return <Loading />;
  if (timeline.isError && !timeline.data) {
    return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  }
  const pages = timeline.data.pages;
  const items = pages.flatMap((page) => page.edges.map((edge) => edge.node));
  const total = pages[0]?.totalCount ?? items.length;

  return (
    <section className="timeline">
      <h2 id="evidence-timeline">{t('evidence.total', { count: total, indicator: filters.indicator })}</h2>
      {items.length === 0 ? (
        <p>{t('evidence.empty')}</p>
      ) : (
        <ol className="evidence-list" aria-label={t('evidence.timelineLabel')}>
          {items.map((item) => (
            <EvidenceEntry key={item.id} item={item} />
          ))}
        </ol>
      )}
      <p className="muted" role="status">
        {items.length > 0 && t('evidence.shown', { shown: items.length, total })}
      </p>
      {timeline.isFetchNextPageError && <ErrorAlert error={timeline.error} />}
      {timeline.hasNextPage && (
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={timeline.isFetchingNextPage || undefined}
          onClick={() => {
            if (!timeline.isFetchingNextPage) void timeline.fetchNextPage();
          }}
        >
          {t('evidence.loadMore')}
        </button>
      )}
    </section>
  );
}
