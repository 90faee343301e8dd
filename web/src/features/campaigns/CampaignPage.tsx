import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { command, isApiError, upload } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { formatDate, formatDateTime } from '../../format';
import { useCampaign } from './campaigns';
import { SharedLinks } from './SharedLinks';

type Campaign = NonNullable<ReturnType<typeof useCampaign>['data']>;
interface LineProblem {
  line: number;
  code: 'missing_email' | 'invalid_email' | 'duplicate_email' | 'missing_name';
  firstLine?: number;
}

const problemsOf = (error: unknown): LineProblem[] => {
  if (!isApiError(error) || error.code !== 'respondent_lines_invalid') return [];
  const problems = error.details?.problems;
  return Array.isArray(problems) ? (problems as LineProblem[]) : [];
};

/** `/campaigns/:id`: the people a campaign asks, how far each is, and adding them by file or by hand. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const campaign = useCampaign(id);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/campaigns">{t('campaign.back')}</Link>
      </p>
      {campaign.isPending && <Loading />}
      {campaign.isError && <QueryError error={campaign.error} onRetry={() => void campaign.refetch()} />}
      {campaign.data === null && <p>{t('campaign.notFound')}</p>}
      <StatusMessage>{status}</StatusMessage>
      {campaign.data && <CampaignDetail campaign={campaign.data} onStatus={setStatus} />}
    </>
  );
}

function CampaignDetail({ campaign, onStatus }: { campaign: Campaign; onStatus(status: string): void }) {
  const { t, i18n } = useTranslation();
  const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
  const title = t('campaigns.summary', {
    audience: t(`audiences.${campaign.audience}`),
    target: campaign.targetLabel,
    sendOn: formatDate(campaign.sendOn, i18n.language),
    closesOn: formatDate(campaign.closesOn, i18n.language),
  });
  const [file, setFile] = useState<File | null>(null);
  const [person, setPerson] = useState({ email: '', firstName: '', lastName: '' });

  const importFile = useMutation({
    mutationFn: (chosen: File) => upload<{ added: number }>(`${base}/respondents/import`, chosen),
    onSuccess: ({ added }) => onStatus(t('campaign.imported', { count: added })),
  });
  const add = useMutation({
    mutationFn: (body: typeof person) =>
      command(`${base}/respondents`, { respondents: [{ ...body, firstName: body.firstName || null }] }),
    onSuccess: (_answer, body) => {
      onStatus(t('campaign.added', { name: `${body.firstName} ${body.lastName}`.trim() }));
      setPerson({ email: '', firstName: '', lastName: '' });
    },
  });
  const act = useMutation({
    mutationFn: (path: string) => command(`${base}/${path}`, {}),
    onSuccess: (_answer, path) =>
      onStatus(path === 'close' ? t('campaign.closed') : path === 'cancel' ? t('campaign.cancelled') : ''),
  });
  const problems = problemsOf(importFile.error);
  const open = campaign.status === 'planned';

  const onImport = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (file && !importFile.isPending) importFile.mutate(file);
  };
  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!add.isPending) add.mutate(person);
  };

  return (
    <>
      <PageTitle page={title} />
      <h1>{title}</h1>
      <p className="card-meta">
        <span className="badge">{t(`campaigns.status_${campaign.status}`)}</span>
        <span>
          {t('campaigns.counts', {
            respondents: campaign.respondentCount,
            invited: campaign.invitedCount,
            answered: campaign.answeredCount,
          })}
        </span>
      </p>
      {open && (
        <p>
          {campaign.nextSendOn
            ? t('campaign.nextSending', { date: formatDate(campaign.nextSendOn, i18n.language) })
            : t('campaign.noNextSending')}
        </p>
      )}

      <SharedLinks
        campaignId={campaign.id}
        links={campaign.sharedLinks}
        campaignOpen={open}
        onStatus={onStatus}
      />

      <section aria-labelledby="campaign-respondents">
        <h2 id="campaign-respondents">{t('campaign.respondentsTitle')}</h2>
        {campaign.respondents.length === 0 ? (
          <p>{t('campaign.noRespondents')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('campaign.lastName')}</th>
                  <th scope="col">{t('campaign.firstName')}</th>
                  <th scope="col">{t('campaign.email')}</th>
                  <th scope="col">{t('campaign.status')}</th>
                  {open && (
                    <th scope="col">
                      <span className="visually-hidden">{t('campaign.remove', { name: '' })}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {campaign.respondents.map((respondent) => (
                  <tr key={respondent.id}>
                    <td>{respondent.lastName}</td>
                    <td>{respondent.firstName}</td>
                    <td>{respondent.email}</td>
                    <td>
                      {respondent.answered
                        ? t('campaign.answered')
                        : respondent.optedOut
                          ? t('campaign.optedOut')
                          : t('campaign.messages', {
                              count: respondent.messages,
                              reminders: Math.max(0, respondent.messages - 1),
                            })}
                      {respondent.lastMessageAt && (
                        <span className="muted">
                          {' '}
                          {t('campaign.lastMessage', {
                            at: formatDateTime(respondent.lastMessageAt, i18n.language),
                          })}
                        </span>
                      )}
                    </td>
                    {open && (
                      <td>
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() =>
                            act.mutate(`respondents/${encodeURIComponent(respondent.id)}/remove`)
                          }
                        >
                          {t('campaign.remove', {
                            name: `${respondent.firstName ?? ''} ${respondent.lastName}`.trim(),
                          })}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {open && (
        <>
          <section aria-labelledby="campaign-import">
            <h2 id="campaign-import">{t('campaign.importTitle')}</h2>
            <form className="form panel" noValidate onSubmit={onImport}>
              {problems.length > 0 ? (
                <div className="alert alert-error" role="alert">
                  <p>{t('campaign.problemsTitle')}</p>
                  <ul>
                    {problems.map((problem) => (
                      <li key={`${problem.line}-${problem.code}`}>
                        {t('campaign.problem', {
                          line: problem.line,
                          reason: t(`campaign.${problem.code}`, { firstLine: problem.firstLine }),
                        })}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <ErrorAlert error={importFile.error} />
              )}
              <div className="field">
                <label htmlFor="campaign-file">{t('campaign.file')}</label>
                <p className="hint" id="campaign-file-hint">
                  {t('campaign.importHint')}
                </p>
                <input
                  id="campaign-file"
                  type="file"
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  aria-describedby="campaign-file-hint"
                  onChange={(event) => setFile(event.target.files?.[0] ?? null)}
                />
              </div>
              <SubmitButton pending={importFile.isPending}>{t('campaign.importSubmit')}</SubmitButton>
            </form>
          </section>

          <section aria-labelledby="campaign-add">
            <h2 id="campaign-add">{t('campaign.addTitle')}</h2>
            <form className="form panel" noValidate onSubmit={onAdd}>
              <ErrorAlert error={add.error} />
              <TextField
                id="respondent-email"
                type="email"
                autoComplete="off"
                label={t('campaign.email')}
                value={person.email}
                onChange={(event) => setPerson({ ...person, email: event.target.value })}
              />
              <div className="field-row">
                <TextField
                  id="respondent-first-name"
                  autoComplete="off"
                  label={t('campaign.firstName')}
                  value={person.firstName}
                  onChange={(event) => setPerson({ ...person, firstName: event.target.value })}
                />
                <TextField
                  id="respondent-last-name"
                  autoComplete="off"
                  label={t('campaign.lastName')}
                  value={person.lastName}
                  onChange={(event) => setPerson({ ...person, lastName: event.target.value })}
                />
              </div>
              <SubmitButton pending={add.isPending}>{t('campaign.addSubmit')}</SubmitButton>
            </form>
          </section>

          <section aria-labelledby="campaign-actions">
            <h2 id="campaign-actions" className="visually-hidden">
              {t('campaign.close')}
            </h2>
            <ErrorAlert error={act.error} />
            <div className="button-row">
              <button type="button" className="button button-secondary" onClick={() => act.mutate('close')}>
                {t('campaign.close')}
              </button>
              <button
                type="button"
                className="button button-secondary button-danger"
                onClick={() => act.mutate('cancel')}
              >
                {t('campaign.cancel')}
              </button>
            </div>
          </section>
        </>
      )}
    </>
  );
}
