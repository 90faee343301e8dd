import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import {
  enumValue,
  enumValues,
  type ImprovementActionOriginType,
  type ImprovementActionStatus,
} from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate, formatNumber, formatPercent, parisToday } from '../../format';
import { yearBefore } from '../complaints/complaints';
import {
  type ActionFilterValues,
  exportUrl,
  NO_FILTER,
  useActionOwners,
  useActions,
  usePlanOverview,
} from './actions';
import { Burndown } from './Burndown';
import { actionsMessages } from './messages';

const STATUSES = enumValues<ImprovementActionStatus>(actionsMessages.fr.actionStatuses);
const ORIGINS = enumValues<ImprovementActionOriginType>(actionsMessages.fr.actionOrigins);

/** `/improvement-actions`: the improvement plan — counters, burndown, origin share, and the actions, filtered. */
export function ActionsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const viewer = useViewer();
  const today = parisToday();
  const [filter, setFilter] = useState<ActionFilterValues>(NO_FILTER);
  const [period, setPeriod] = useState({ from: yearBefore(today), to: today });
  const actions = useActions(filter);
  const owners = useActionOwners();
  const overview = usePlanOverview(period);
  const canAct = viewer.data ? viewer.data.role !== 'auditor' : false;
  const counters = overview.data?.improvementPlanCounters;
  const share = overview.data?.improvementOriginShare;
  const percent = (part: number, whole: number) => formatPercent(whole === 0 ? 0 : part / whole, language);

  return (
    <>
      <PageTitle page={t('improvement.title')} />
      <h1>{t('improvement.title')}</h1>
      <p>{t('improvement.intro')}</p>
      {canAct && (
        <p>
          <Link className="button" to="/improvement-actions/new">
            {t('improvement.newAction')}
          </Link>
        </p>
      )}

      <section aria-labelledby="actions-counters">
        <h2 id="actions-counters">{t('improvement.countersTitle')}</h2>
        {overview.isError && <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
        {counters && (
          <dl className="contact-details">
            <dt>{t('improvement.total')}</dt>
            <dd>{formatNumber(counters.total, language)}</dd>
            <dt>{t('actionStatuses.planned')}</dt>
            <dd>{formatNumber(counters.planned, language)}</dd>
            <dt>{t('actionStatuses.in_progress')}</dt>
            <dd>{formatNumber(counters.inProgress, language)}</dd>
            <dt>{t('actionStatuses.done')}</dt>
            <dd>{formatNumber(counters.done, language)}</dd>
            <dt>{t('actionStatuses.closed')}</dt>
            <dd>{formatNumber(counters.closed, language)}</dd>
            <dt>{t('improvement.overdueCount')}</dt>
            <dd>{formatNumber(counters.overdue, language)}</dd>
            <dt>{t('improvement.toScheduleCount')}</dt>
            <dd>{formatNumber(counters.toSchedule, language)}</dd>
          </dl>
        )}
      </section>

      <section aria-labelledby="actions-share">
        <h2 id="actions-share">{t('improvement.shareTitle')}</h2>
        <div className="field-row">
          <TextField
            id="actions-share-from"
            label={t('improvement.shareFrom')}
            type="date"
            value={period.from}
            max={period.to}
            onChange={(event) => event.target.value && setPeriod({ ...period, from: event.target.value })}
          />
          <TextField
            id="actions-share-to"
            label={t('improvement.shareTo')}
            type="date"
            value={period.to}
            min={period.from}
            onChange={(event) => event.target.value && setPeriod({ ...period, to: event.target.value })}
          />
        </div>
        {share && (
          <p>
            {t('improvement.share', {
              total: share.total,
              feedback: share.fromFeedback,
              feedbackShare: percent(share.fromFeedback, share.total),
              complaints: share.fromComplaints,
              complaintsShare: percent(share.fromComplaints, share.total),
            })}
          </p>
        )}
      </section>

      <section aria-labelledby="actions-burndown">
        <h2 id="actions-burndown">{t('improvement.burndownTitle')}</h2>
        {overview.data && <Burndown points={overview.data.improvementPlanBurndown} />}
      </section>

      <section aria-labelledby="actions-list">
        <h2 id="actions-list">{t('improvement.listTitle')}</h2>
        <fieldset className="panel">
          <legend>{t('improvement.filtersTitle')}</legend>
          <div className="field-row">
            <SelectField
              id="actions-filter-status"
              label={t('improvement.status')}
              value={filter.status ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, status: enumValue(STATUSES, event.target.value) ?? null })
              }
            >
              <option value="">{t('improvement.all')}</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`actionStatuses.${status}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="actions-filter-origin"
              label={t('improvement.originType')}
              value={filter.originType ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, originType: enumValue(ORIGINS, event.target.value) ?? null })
              }
            >
              <option value="">{t('improvement.all')}</option>
              {ORIGINS.map((origin) => (
                <option key={origin} value={origin}>
                  {t(`actionOrigins.${origin}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="actions-filter-owner"
              label={t('improvement.owner')}
              value={filter.ownerId}
              onChange={(event) => setFilter({ ...filter, ownerId: event.target.value })}
            >
              <option value="">{t('improvement.all')}</option>
              {(owners.data ?? []).map((owner) => (
                <option key={owner.id} value={owner.id}>
                  {owner.displayName}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="field-row">
            <TextField
              id="actions-filter-from"
              label={t('improvement.dueFrom')}
              type="date"
              value={filter.dueFrom}
              onChange={(event) => setFilter({ ...filter, dueFrom: event.target.value })}
            />
            <TextField
              id="actions-filter-to"
              label={t('improvement.dueTo')}
              type="date"
              value={filter.dueTo}
              onChange={(event) => setFilter({ ...filter, dueTo: event.target.value })}
            />
          </div>
          <div className="field field-checkbox">
            <input
              id="actions-filter-overdue"
              type="checkbox"
              checked={filter.overdue}
              onChange={(event) => setFilter({ ...filter, overdue: event.target.checked })}
            />
            <label htmlFor="actions-filter-overdue">{t('improvement.overdueOnly')}</label>
          </div>
        </fieldset>
        <p>
          <a href={exportUrl('csv', filter)}>{t('improvement.export', { format: 'CSV' })}</a>
          {' · '}
          <a href={exportUrl('xlsx', filter)}>{t('improvement.export', { format: 'XLSX' })}</a>
        </p>
        {actions.isPending && <Loading />}
        {actions.isError && <QueryError error={actions.error} onRetry={() => void actions.refetch()} />}
        {actions.data && actions.data.length === 0 && <p>{t('improvement.empty')}</p>}
        {actions.data && actions.data.length > 0 && (
          <ul className="card-list">
            {actions.data.map((action) => (
              <li key={action.id} className="card">
                <p className="card-title">
                  <Link to={`/improvement-actions/${action.id}`}>
                    {action.title ?? t('improvement.hiddenTitle')}
                  </Link>
                </p>
                <p className="card-meta">
                  <span className="badge">{t(`actionStatuses.${action.status}`)}</span>{' '}
                  {action.overdue && (
                    <span className="badge badge-danger">{t('improvement.overdueBadge')}</span>
                  )}{' '}
                  {action.toSchedule && (
                    <span className="badge badge-warning">{t('improvement.toScheduleBadge')}</span>
                  )}{' '}
                  {t(`actionTypes.${action.type}`)} · {t(`actionPriorities.${action.priority}`)} ·{' '}
                  {action.origins.map((origin) => t(`actionOrigins.${origin.type}`)).join(', ')}
                </p>
                <p className="card-meta">
                  {t('improvement.owner')} : {action.ownerName ?? t('improvement.someone')} ·{' '}
                  {t('improvement.due')} :{' '}
                  {action.dueOn ? formatDate(action.dueOn, language) : t('improvement.noDue')}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
