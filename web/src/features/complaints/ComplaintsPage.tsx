import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import {
  type ComplainantGroup,
  type ComplaintChannel,
  type ComplaintStatus,
  enumValue,
  enumValues,
} from '../../data/graphql';
import { useSessionChoices } from '../../data/sessions';
import { useViewer } from '../../data/viewer';
import { formatDate } from '../../format';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import {
  type ComplaintFilterValues,
  type ComplaintRowView,
  exportUrl,
  NO_FILTER,
  useComplaintCounters,
  useComplaints,
} from './complaints';
import { complaintsMessages } from './messages';

export const STATUSES = enumValues<ComplaintStatus>(complaintsMessages.fr.complaintStatuses);
export const GROUPS = enumValues<ComplainantGroup>(complaintsMessages.fr.complainantGroups);
export const CHANNELS = enumValues<ComplaintChannel>(complaintsMessages.fr.complaintChannels);
const OVERDUE = ['true', 'false'] as const;

/** What a complaint is about, in a few words: the session, the training, the site, or the organisation. */
export function useSubjectOf() {
  const { t } = useTranslation();
  return (complaint: Pick<ComplaintRowView, 'trainingTitle' | 'sessionTitle' | 'site'>) =>
    [
      complaint.trainingTitle &&
        (complaint.sessionTitle
          ? `${complaint.trainingTitle} — ${complaint.sessionTitle}`
          : complaint.trainingTitle),
      complaint.site,
    ]
      .filter(Boolean)
      .join(' · ') || t('complaints.wholeOrganisation');
}

/** `/complaints`: the register, its counters, filters, search and export, and the way to record one. */
export function ComplaintsPage() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const [filter, setFilter] = useState<ComplaintFilterValues>(NO_FILTER);
  // The text search asks the server when typing pauses; the other filters apply at once.
  const search = useDebouncedValue(filter.search);
  const complaints = useComplaints({ ...filter, search });
  const counters = useComplaintCounters({ ...filter, search });
  const sessions = useSessionChoices();
  const subjectOf = useSubjectOf();
  const canRecord = viewer.data ? viewer.data.role !== 'auditor' : false;
  const rows = complaints.data?.pages.flatMap((page) => page.complaints.edges.map((edge) => edge.node));
  const date = (day: string) => formatDate(day, i18n.language);

  return (
    <>
      <PageTitle page={t('complaints.title')} />
      <h1>{t('complaints.title')}</h1>
      <p>{t('complaints.intro')}</p>
      {counters.data && <p className="complaints-counters">{t('complaints.counters', counters.data)}</p>}
      <div className="button-row">
        {canRecord && (
          <Link className="button button-primary" to="/complaints/new">
            {t('complaints.newLink')}
          </Link>
        )}
        <Link className="button button-secondary" to="/complaints/statistics">
          {t('complaints.statisticsLink')}
        </Link>
      </div>

      <section aria-labelledby="complaints-register">
        <h2 id="complaints-register">{t('complaints.tableCaption')}</h2>
        <fieldset className="panel">
          <legend>{t('complaints.filtersTitle')}</legend>
          <TextField
            id="complaints-search"
            label={t('complaints.search')}
            hint={t('complaints.searchHint')}
            type="search"
            maxLength={100}
            value={filter.search}
            onChange={(event) => setFilter({ ...filter, search: event.target.value })}
          />
          <div className="field-row">
            <SelectField
              id="complaints-filter-status"
              label={t('complaints.status')}
              value={filter.status ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, status: enumValue(STATUSES, event.target.value) ?? null })
              }
            >
              <option value="">{t('complaints.all')}</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`complaintStatuses.${status}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="complaints-filter-overdue"
              label={t('complaints.overdue')}
              value={filter.overdue === null ? '' : String(filter.overdue)}
              onChange={(event) => {
                const value = enumValue(OVERDUE, event.target.value);
                setFilter({ ...filter, overdue: value ? value === 'true' : null });
              }}
            >
              <option value="">{t('complaints.all')}</option>
              <option value="true">{t('complaints.overdueOnly')}</option>
              <option value="false">{t('complaints.notOverdue')}</option>
            </SelectField>
          </div>
          <div className="field-row">
            <SelectField
              id="complaints-filter-group"
              label={t('complaints.group')}
              value={filter.group ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, group: enumValue(GROUPS, event.target.value) ?? null })
              }
            >
              <option value="">{t('complaints.all')}</option>
              {GROUPS.map((group) => (
                <option key={group} value={group}>
                  {t(`complainantGroups.${group}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="complaints-filter-channel"
              label={t('complaints.channel')}
              value={filter.channel ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, channel: enumValue(CHANNELS, event.target.value) ?? null })
              }
            >
              <option value="">{t('complaints.all')}</option>
              {CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`complaintChannels.${channel}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <SelectField
            id="complaints-filter-session"
            label={t('complaints.session')}
            value={filter.sessionId}
            onChange={(event) => setFilter({ ...filter, sessionId: event.target.value })}
          >
            <option value="">{t('complaints.allSessions')}</option>
            {sessions.data?.map((session) => (
              <option key={session.id} value={session.id}>
                {session.label}
              </option>
            ))}
          </SelectField>
          <div className="field-row">
            <TextField
              id="complaints-filter-from"
              label={t('complaints.from')}
              type="date"
              value={filter.from}
              onChange={(event) => setFilter({ ...filter, from: event.target.value })}
            />
            <TextField
              id="complaints-filter-to"
              label={t('complaints.to')}
              type="date"
              min={filter.from || undefined}
              value={filter.to}
              onChange={(event) => setFilter({ ...filter, to: event.target.value })}
            />
          </div>
        </fieldset>

        <p className="hint">{t('complaints.exportHint')}</p>
        <div className="button-row">
          <a className="button button-secondary" href={exportUrl('csv', filter)} download>
            {t('complaints.exportCsv')}
          </a>
          <a className="button button-secondary" href={exportUrl('xlsx', filter)} download>
            {t('complaints.exportXlsx')}
          </a>
        </div>

        {complaints.isPending && <Loading />}
        {complaints.isError && (
          <QueryError error={complaints.error} onRetry={() => void complaints.refetch()} />
        )}
        {rows?.length === 0 && <p aria-live="polite">{t('complaints.empty')}</p>}
        {rows && rows.length > 0 && (
          <table className="table register-table">
            <caption className="visually-hidden">{t('complaints.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('complaints.reference')}</th>
                <th scope="col">{t('complaints.received')}</th>
                <th scope="col">{t('complaints.group')}</th>
                <th scope="col">{t('complaints.channel')}</th>
                <th scope="col">{t('complaints.subject')}</th>
                <th scope="col">{t('complaints.status')}</th>
                <th scope="col">{t('complaints.owner')}</th>
                <th scope="col">{t('complaints.deadlines')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((complaint) => (
                <tr key={complaint.id}>
                  <th scope="row" data-label={t('complaints.reference')}>
                    <Link to={`/complaints/${encodeURIComponent(complaint.id)}`}>{complaint.reference}</Link>
                  </th>
                  <td data-label={t('complaints.received')}>{date(complaint.receivedOn)}</td>
                  <td data-label={t('complaints.group')}>{t(`complainantGroups.${complaint.group}`)}</td>
                  <td data-label={t('complaints.channel')}>{t(`complaintChannels.${complaint.channel}`)}</td>
                  <td data-label={t('complaints.subject')}>{subjectOf(complaint)}</td>
                  <td data-label={t('complaints.status')}>
                    <span className="badge">{t(`complaintStatuses.${complaint.status}`)}</span>
                  </td>
                  <td data-label={t('complaints.owner')}>{complaint.ownerName ?? t('complaints.noOwner')}</td>
                  <td data-label={t('complaints.deadlines')}>
                    {complaint.overdue && (
                      <span className="badge badge-danger">{t('complaints.overdueBadge')}</span>
                    )}
                    <span className="register-due">
                      {t('complaints.acknowledgeBy', { date: date(complaint.acknowledgement.dueOn) })}
                    </span>
                    <span className="register-due">
                      {t('complaints.answerBy', { date: date(complaint.answer.dueOn) })}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {complaints.hasNextPage && (
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={complaints.isFetchingNextPage || undefined}
            onClick={() => {
              if (!complaints.isFetchingNextPage) void complaints.fetchNextPage();
            }}
          >
            {t('complaints.more')}
          </button>
        )}
      </section>
    </>
  );
}
