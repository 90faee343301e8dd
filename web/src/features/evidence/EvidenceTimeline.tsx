import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { QueryError } from '../../components/QueryError';
import type { IndicatorInForce } from '../referential';
import { EvidenceEntry } from './EvidenceEntry';
import { type EvidenceFilters, useEvidenceTimeline } from './evidence';
import { IndicatorEvidenceOverview } from './IndicatorEvidenceOverview';

/** The timeline for the applied filters, with “Charger plus” (Relay pagination on `pageInfo.endCursor`). */
export function EvidenceTimeline({
  filters,
  indicator,
}: {
  filters: EvidenceFilters;
  indicator: IndicatorInForce;
}) {
  const { t, i18n } = useTranslation();
  const timeline = useEvidenceTimeline(filters);

  if (timeline.isPending) return <Loading />;
  if (timeline.isError && !timeline.data) {
    return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  }
  const pages = timeline.data.pages;
  const items = pages.flatMap((page) => page.edges.map((edge) => edge.node));
  const total = pages[0]?.totalCount ?? items.length;

  return (
    <section className="timeline" aria-labelledby="evidence-timeline">
      <h2 id="evidence-timeline">{t('evidence.total', { count: total, indicator: indicator.number })}</h2>
      <p className="indicator-title">{i18n.language === 'en' ? indicator.summaryEn : indicator.title}</p>
      <IndicatorEvidenceOverview filters={filters} />
      {items.length === 0 ? (
        <p>{t('evidence.empty')}</p>
      ) : (
        <ol
          className="evidence-list"
          aria-label={t(
            filters.newestFirst ? 'evidence.timelineNewestFirst' : 'evidence.timelineOldestFirst',
          )}
        >
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
