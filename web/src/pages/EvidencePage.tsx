import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { type EvidenceFilters, INDICATOR_COUNT } from '../data/evidence';
import { EvidenceFiltersForm } from './EvidenceFiltersForm';
import { EvidenceTimeline } from './EvidenceTimeline';

const DEFAULT_INDICATOR = 30;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Filters live in the address (`?indicator=30&from=…&to=…`) so a timeline can be bookmarked or shared. */
function filtersFrom(params: URLSearchParams): EvidenceFilters {
  const indicator = Number(params.get('indicator'));
  const date = (name: string) => {
    const value = params.get(name);
    return value && DATE.test(value) ? value : null;
  };
  return {
    indicator:
      Number.isInteger(indicator) && indicator >= 1 && indicator <= INDICATOR_COUNT
        ? indicator
        : DEFAULT_INDICATOR,
    from: date('from'),
    to: date('to'),
  };
}

/** `/evidence`: the evidence timeline of one indicator, optionally over a period. */
export function EvidencePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);

  const apply = (next: EvidenceFilters) => {
    const search = new URLSearchParams({ indicator: String(next.indicator) });
    if (next.from) search.set('from', next.from);
    if (next.to) search.set('to', next.to);
    setParams(search);
  };

  return (
    <>
      <PageTitle page={t('evidence.title')} />
      <h1>{t('evidence.title')}</h1>
      <EvidenceFiltersForm
        key={`${filters.indicator}|${filters.from}|${filters.to}`}
        initial={filters}
        onApply={apply}
      />
      <EvidenceTimeline filters={filters} />
    </>
  );
}
