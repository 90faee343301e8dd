import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { TextField } from '../../components/TextField';
import { useViewer } from '../../data/viewer';
import { formatDate, formatSize } from '../../format';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useIndicatorsInForce } from '../referential';
import { useEvidenceDocuments } from './documents';
import { VersionForm } from './VersionForm';

/** The indicator filter lives in the address (`?indicator=22`), so the referential page can link to it. */
const indicatorFrom = (params: URLSearchParams): number | null => {
  const value = Number(params.get('indicator'));
  return Number.isInteger(value) && value >= 1 ? value : null;
};

/** `/evidence-documents`: the documents at their current version, filtered, and a form to add one. */
export function DocumentsPage() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const [params, setParams] = useSearchParams();
  const indicator = indicatorFrom(params);
  const [search, setSearch] = useState('');
  const [includeWithdrawn, setIncludeWithdrawn] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const documents = useEvidenceDocuments({
    indicator,
    search: useDebouncedValue(search),
    includeWithdrawn,
  });
  const inForce = useIndicatorsInForce();
  const role = viewer.data?.role;
  const canManage = role === 'admin' || role === 'quality_manager';
  const rows = documents.data;

  return (
    <>
      <PageTitle page={t('evidenceDocuments.title')} />
      <h1>{t('evidenceDocuments.title')}</h1>
      <p>{t('evidenceDocuments.intro')}</p>
      {role !== undefined && !canManage && <p>{t('evidenceDocuments.readOnly')}</p>}
      <StatusMessage>{status}</StatusMessage>

      {canManage && (
        <section aria-labelledby="documents-new">
          <h2 id="documents-new">{t('evidenceDocuments.newTitle')}</h2>
          <VersionForm onDone={setStatus} />
        </section>
      )}

      <section aria-labelledby="documents-list">
        <h2 id="documents-list">{t('evidenceDocuments.listTitle')}</h2>
        <fieldset className="panel">
          <legend>{t('evidenceDocuments.filtersTitle')}</legend>
          <div className="field-row">
            <SelectField
              id="documents-filter-indicator"
              label={t('evidenceDocuments.indicator')}
              value={indicator ?? ''}
              onChange={(event) =>
                setParams(event.target.value ? { indicator: event.target.value } : {}, { replace: true })
              }
            >
              <option value="">{t('evidenceDocuments.allIndicators')}</option>
              {indicator !== null && !inForce.data?.indicators.some((item) => item.number === indicator) && (
                <option value={indicator}>{t('referential.indicator', { number: indicator })}</option>
              )}
              {inForce.data?.indicators.map((item) => (
                <option key={item.number} value={item.number}>
                  {t('referential.indicator', { number: item.number })}
                </option>
              ))}
            </SelectField>
            <TextField
              id="documents-filter-search"
              label={t('evidenceDocuments.search')}
              type="search"
              maxLength={200}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <div className="field field-checkbox">
            <input
              id="documents-filter-withdrawn"
              type="checkbox"
              checked={includeWithdrawn}
              onChange={(event) => setIncludeWithdrawn(event.target.checked)}
            />
            <label htmlFor="documents-filter-withdrawn">{t('evidenceDocuments.includeWithdrawn')}</label>
          </div>
        </fieldset>

        {documents.isPending && <Loading />}
        {documents.isError && <QueryError error={documents.error} onRetry={() => void documents.refetch()} />}
        {rows?.length === 0 && <p>{t('evidenceDocuments.empty')}</p>}
        {rows && rows.length > 0 && (
          <ul className="card-list">
            {rows.map((row) => (
              <li key={row.id} className="card">
                <h3 className="card-title">
                  <Link to={`/evidence-documents/${encodeURIComponent(row.id)}`}>{row.title}</Link>
                </h3>
                <p className="card-meta">
                  <span className="badge">{t('evidenceDocuments.version', { version: row.version })}</span>
                  {row.withdrawn && (
                    <span className="badge badge-warning">{t('evidenceDocuments.withdrawn')}</span>
                  )}
                  <span>{t('evidenceDocuments.datedOn', { date: formatDate(row.on, i18n.language) })}</span>
                  <span>{t('evidenceDocuments.indicators', { list: row.indicators.join(', ') })}</span>
                </p>
                <p>
                  <a href={row.downloadUrl} download={row.fileName}>
                    {t('evidenceDocuments.download', {
                      name: row.fileName,
                      size: formatSize(row.size, i18n.language),
                    })}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
