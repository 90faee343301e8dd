import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDate } from '../../format';
import { ChangeHistory } from './ChangeHistory';
import { CorrectionForm } from './CorrectionForm';
import { useTrainingSession } from './trainingActions';

/** `/sessions/:id`: a session, its corrections (rename, dates, site, cancel, archive) and its history. */
export function SessionPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const session = useTrainingSession(id);
  const [status, setStatus] = useState<string | null>(null);
  const data = session.data;
  const done = (message: string) => (changed: boolean) =>
    setStatus(changed ? message : t('correction.unchanged'));

  if (session.isPending) return <Loading />;
  if (session.isError) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  if (!data) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/actions">← {t('action.back')}</Link>
        </p>
        <PageTitle page={t('sessionPage.notFound')} />
        <h1>{t('sessionPage.notFound')}</h1>
      </>
    );
  }

  const action = data.trainingAction;
  const path = (verb: string) =>
    `/api/training-actions/${encodeURIComponent(action.id)}/sessions/${encodeURIComponent(data.id)}/${verb}`;
  const editable = !data.cancelled && !data.archived && !action.archived;
  const common = { revision: action.revision };

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/actions/${encodeURIComponent(action.id)}`}>
          ← {t('sessionPage.back', { title: action.title })}
        </Link>
      </p>
      <PageTitle page={data.title} />
      <h1>{data.title}</h1>
      <p className="card-meta">
        {data.cancelled && <span className="badge badge-danger">{t('sessionPage.cancelledBadge')}</span>}
        {data.archived && <span className="badge badge-warning">{t('sessionPage.archivedBadge')}</span>}
        <span>
          {t('app.dateRange', {
            start: formatDate(data.startsOn, i18n.language),
            end: formatDate(data.endsOn, i18n.language),
          })}
        </span>
        <span>{t('session.site', { site: data.site })}</span>
      </p>
      {data.cancelled && <p className="alert">{t('sessionPage.cancelledNote')}</p>}
      {data.archived && <p className="alert">{t('sessionPage.archivedNote')}</p>}
      {action.archived && <p className="alert">{t('sessionPage.actionArchivedNote')}</p>}
      <StatusMessage>{status}</StatusMessage>

      {editable && (
        <section aria-labelledby="session-edit">
          <h2 id="session-edit">{t('sessionPage.editTitle')}</h2>
          <h3>{t('sessionPage.renameTitle')}</h3>
          <CorrectionForm
            {...common}
            id="session-rename"
            path={path('rename')}
            fields={[{ name: 'title', label: t('sessionPage.newTitle'), kind: 'text' }]}
            initial={{ title: data.title }}
            reason="optional"
            submitLabel={t('sessionPage.renameSubmit')}
            onDone={done(t('correction.saved'))}
          />
          <h3>{t('sessionPage.rescheduleTitle')}</h3>
          <CorrectionForm
            {...common}
            id="session-reschedule"
            path={path('reschedule')}
            fields={[
              { name: 'startsOn', label: t('action.startsOn'), kind: 'date' },
              { name: 'endsOn', label: t('action.endsOn'), kind: 'date' },
            ]}
            initial={{ startsOn: data.startsOn, endsOn: data.endsOn }}
            reason="required"
            submitLabel={t('sessionPage.rescheduleSubmit')}
            onDone={done(t('correction.saved'))}
          />
          <h3>{t('sessionPage.moveTitle')}</h3>
          <CorrectionForm
            {...common}
            id="session-move"
            path={path('move')}
            fields={[
              { name: 'site', label: t('sessionPage.newSite'), kind: 'text', hint: t('action.siteHint') },
            ]}
            initial={{ site: data.site }}
            reason="required"
            submitLabel={t('sessionPage.moveSubmit')}
            onDone={done(t('correction.saved'))}
          />
          <h3>{t('sessionPage.cancelTitle')}</h3>
          <p className="hint">{t('sessionPage.cancelHint')}</p>
          <CorrectionForm
            {...common}
            id="session-cancel"
            path={path('cancel')}
            fields={[]}
            initial={{}}
            reason="required"
            submitLabel={t('sessionPage.cancelSubmit')}
            confirm={t('sessionPage.cancelConfirm')}
            danger
            onDone={done(t('sessionPage.cancelled'))}
          />
        </section>
      )}

      {!data.archived && !action.archived && (
        <section aria-labelledby="session-archive">
          <h2 id="session-archive">{t('sessionPage.archiveTitle')}</h2>
          <p className="hint">{t('sessionPage.archiveHint')}</p>
          <CorrectionForm
            {...common}
            id="session-archive-form"
            path={path('archive')}
            fields={[]}
            initial={{}}
            reason="optional"
            submitLabel={t('sessionPage.archiveSubmit')}
            onDone={done(t('sessionPage.archived'))}
          />
        </section>
      )}

      {data.archived && !action.archived && (
        <section aria-labelledby="session-unarchive">
          <h2 id="session-unarchive">{t('sessionPage.unarchiveTitle')}</h2>
          <CorrectionForm
            {...common}
            id="session-unarchive-form"
            path={path('unarchive')}
            fields={[]}
            initial={{}}
            reason="optional"
            submitLabel={t('sessionPage.unarchiveSubmit')}
            onDone={done(t('sessionPage.unarchived'))}
          />
        </section>
      )}

      <section aria-labelledby="session-history">
        <h2 id="session-history">{t('sessionPage.historyTitle')}</h2>
        <ChangeHistory changes={data.history} labelledBy="session-history" />
      </section>
    </>
  );
}
