import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { enumValue } from '../../data/graphql';
import { isOrdered } from '../../validation';
import { useIndicatorsInForce } from '../referential';
import { ACTION_CATEGORIES } from '../training';
import { EvidenceFiltersForm } from './EvidenceFiltersForm';
import { EvidenceTimeline } from './EvidenceTimeline';
import type { EvidenceFilters } from './evidence';

/** Indicator 30 (stakeholders' appreciations) is the one this app evidences first. */
const DEFAULT_INDICATOR = 30;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Filters live in the address (`?indicator=30&from=…&to=…&site=…&category=…&order=oldest`) so a timeline can be
 * bookmarked or shared; newest first unless `order=oldest`.
 */
function filtersFrom(params: URLSearchParams): EvidenceFilters {
  const indicator = Number(params.get('indicator'));
  const date = (name: string) => {
    const value = params.get(name);
    return value && DATE.test(value) ? value : null;
  };
  return {
    indicator: Number.isInteger(indicator) && indicator >= 1 ? indicator : DEFAULT_INDICATOR,
    from: date('from'),
    to: date('to'),
    site: params.get('site')?.trim() || null,
    category: enumValue(ACTION_CATEGORIES, params.get('category') ?? '') ?? null,
    newestFirst: params.get('order') !== 'oldest',
  };
}

function searchFrom(filters: EvidenceFilters): URLSearchParams {
  const search = new URLSearchParams({ indicator: String(filters.indicator) });
  if (filters.from) search.set('from', filters.from);
  if (filters.to) search.set('to', filters.to);
  if (filters.site) search.set('site', filters.site);
  if (filters.category) search.set('category', filters.category);
  if (!filters.newestFirst) search.set('order', 'oldest');
  return search;
}

/**
 * `/evidence`: the evidence timeline of one indicator of the referential in force, optionally over a period, for
 * a site or a category of action.
 * Filters that cannot be answered (an inverted period, an indicator not in force) show their error alone: no
 * timeline under it, so nothing on screen pretends to answer them.
 */
export function EvidencePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const referential = useIndicatorsInForce();

  const inForce = referential.data;
  const indicator = inForce?.indicators.find((candidate) => candidate.number === filters.indicator);
  const periodError = isOrdered(filters.from ?? '', filters.to ?? '')
    ? undefined
    : t('evidence.periodInverted');
  const indicatorError =
    inForce && !indicator
      ? t('evidence.unknownIndicator', { number: filters.indicator, version: inForce.version })
      : undefined;

  return (
    <>
      <PageTitle page={t('evidence.title')} />
      <h1>{t('evidence.title')}</h1>
      {referential.isPending && <Loading />}
      {referential.isError && (
        <QueryError error={referential.error} onRetry={() => void referential.refetch()} />
      )}
      {inForce && (
        <EvidenceFiltersForm
          applied={filters}
          version={inForce.version}
          indicators={inForce.indicators}
          errors={{ indicator: indicatorError, period: periodError }}
          onApply={(next) => setParams(searchFrom(next))}
        />
      )}
      {indicator && !periodError && <EvidenceTimeline filters={filters} indicator={indicator} />}
    </>
  );
}
