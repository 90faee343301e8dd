import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { enumValue, enumValues, type IncidentStatus } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate } from '../../format';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { CATEGORIES, IncidentForm, KINDS, SEVERITIES } from './IncidentForm';
import { exportUrl, type IncidentFilterValues, useIncidentCounts, useIncidents } from './incidents';
import { incidentsMessages } from './messages';

const STATUSES = enumValues<IncidentStatus>(incidentsMessages.fr.incidentStatuses);

/** `/incidents`: the register of difficulties and disruptions, filtered and counted, and a form to record one. */
export function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const viewer = useViewer();
  const [filter, setFilter] = useState<IncidentFilterValues>({
    kind: null,
    category: null,
    severity: null,
    status: null,
    sessionId: '',
    from: '',
    to: '',
    search: '',
  });
  // The text search asks the server when typing pauses; the other filters apply at once.
  const search = useDebouncedValue(filter.search);
  const incidents = useIncidents({ ...filter, search });
  const counts = useIncidentCounts({ ...filter, search });
  const canRecord = viewer.data ? viewer.data.role !== 'auditor' : false;
  const rows = incidents.data?.pages.flatMap((page) => page.incidents.edges.map((edge) => edge.node));

  return (
    <>
      <PageTitle page={t('incidents.title')} />
      <h1>{t('incidents.title')}</h1>
      <p>{t('incidents.intro')}</p>

      {canRecord && (
        <section aria-labelledby="incidents-new">
          <h2 id="incidents-new">{t('incidents.newTitle')}</h2>
          <IncidentForm onDone={(answer) => void navigate(`/incidents/${encodeURIComponent(answer.id)}`)} />
        </section>
      )}

      <section aria-labelledby="incidents-list">
        <h2 id="incidents-list">{t('incidents.listTitle')}</h2>
        <fieldset className="panel">
          <legend>{t('incidents.filtersTitle')}</legend>
          <TextField
            id="incidents-search"
            label={t('incidents.search')}
            hint={t('incidents.searchHint')}
            type="search"
            maxLength={100}
            value={filter.search}
            onChange={(event) => setFilter({ ...filter, search: event.target.value })}
          />
          <div className="field-row">
            <SelectField
              id="incidents-filter-kind"
              label={t('incidentForm.kind')}
              value={filter.kind ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, kind: enumValue(KINDS, event.target.value) ?? null })
              }
            >
              <option value="">{t('incidents.all')}</option>
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`incidentKinds.${kind}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="incidents-filter-status"
              label={t('incidents.statusFilter')}
              value={filter.status ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, status: enumValue(STATUSES, event.target.value) ?? null })
              }
            >
              <option value="">{t('incidents.all')}</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`incidentStatuses.${status}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="field-row">
            <SelectField
              id="incidents-filter-category"
              label={t('incidentForm.category')}
              value={filter.category ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, category: enumValue(CATEGORIES, event.target.value) ?? null })
              }
            >
              <option value="">{t('incidents.all')}</option>
              {CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`incidentCategories.${category}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="incidents-filter-severity"
              label={t('incidentForm.severity')}
              value={filter.severity ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, severity: enumValue(SEVERITIES, event.target.value) ?? null })
              }
            >
              <option value="">{t('incidents.all')}</option>
              {SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {t(`incidentSeverities.${severity}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="field-row">
            <TextField
              id="incidents-filter-from"
              label={t('incidents.from')}
              type="date"
              value={filter.from}
              onChange={(event) => setFilter({ ...filter, from: event.target.value })}
            />
            <TextField
              id="incidents-filter-to"
              label={t('incidents.to')}
              type="date"
              min={filter.from || undefined}
              value={filter.to}
              onChange={(event) => setFilter({ ...filter, to: event.target.value })}
            />
          </div>
        </fieldset>

        <p className="hint">{t('incidents.exportHint')}</p>
        <div className="button-row">
          <a className="button button-secondary" href={exportUrl('csv', filter)} download>
            {t('incidents.exportCsv')}
          </a>
          <a className="button button-secondary" href={exportUrl('xlsx', filter)} download>
            {t('incidents.exportXlsx')}
          </a>
        </div>

        {counts.data && <p aria-live="polite">{t('incidents.counts', counts.data)}</p>}
        {incidents.isPending && <Loading />}
        {incidents.isError && <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />}
        {rows?.length === 0 && <p>{t('incidents.empty')}</p>}
        {rows && rows.length > 0 && (
          <ul className="card-list">
            {rows.map((incident) => {
              const date = formatDate(incident.occurredOn, i18n.language);
              const category = t(`incidentCategories.${incident.category}`);
              return (
                <li key={incident.id} className="card">
                  <h3 className="card-title">
                    <Link
                      to={`/incidents/${encodeURIComponent(incident.id)}`}
                      aria-label={t('incidents.details', { category, date })}
                    >
                      {category}
                    </Link>
                  </h3>
                  <p className="card-meta">
                    <span className={`badge${incident.status === 'open' ? ' badge-warning' : ''}`}>
                      {t(`incidentStatuses.${incident.status}`)}
                    </span>
                    <span className="badge">{t(`incidentKinds.${incident.kind}`)}</span>
                    <span>{t(`incidentSeverities.${incident.severity}`)}</span>
                    <span>{date}</span>
                    <span>{t('incidents.measureCount', { count: incident.measureCount })}</span>
                  </p>
                  {incident.session && (
                    <p>
                      {incident.session.trainingTitle} — {incident.session.sessionTitle}
                    </p>
                  )}
                  {incident.description && !incident.erased && (
                    <p className="contact-said">{incident.description}</p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {incidents.hasNextPage && (
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={incidents.isFetchingNextPage || undefined}
            onClick={() => {
              if (!incidents.isFetchingNextPage) void incidents.fetchNextPage();
            }}
          >
            {t('incidents.more')}
          </button>
        )}
      </section>
    </>
  );
}
