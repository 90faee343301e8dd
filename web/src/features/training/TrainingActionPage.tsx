import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { ChangeHistory } from './ChangeHistory';
import { EditTrainingAction } from './EditTrainingAction';
import { NewSessionForm } from './NewSessionForm';
import { SessionPanel } from './SessionPanel';
import { useTrainingAction } from './trainingActions';

/** `/actions/:id`: a training action, its sessions (feedback links and responses) and the new-session form. */
export function TrainingActionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [showArchived, setShowArchived] = useState(false);
  const action = useTrainingAction(id, showArchived);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/actions">← {t('action.back')}</Link>
      </p>
      {action.isPending && <Loading />}
      {action.isError && <QueryError error={action.error} onRetry={() => void action.refetch()} />}
      {action.data === null && (
        <>
          <PageTitle page={t('action.notFound')} />
          <h1>{t('action.notFound')}</h1>
        </>
      )}
      {action.data && (
        <>
          <PageTitle page={action.data.title} />
          <h1>{action.data.title}</h1>
          <p className="card-meta">
            {action.data.archived && (
              <span className="badge badge-warning">{t('actions.archivedBadge')}</span>
            )}
            <span className="badge">{t(`categories.${action.data.category}`)}</span>
            {action.data.certifying && (
              <span className="badge badge-accent">{t('actions.certifyingBadge')}</span>
            )}
          </p>
          {action.data.archived && <p className="alert">{t('action.archivedNote')}</p>}
          <StatusMessage>{created && t('action.created', { title: created.title })}</StatusMessage>
          <EditTrainingAction action={action.data} />

          <section aria-labelledby="action-sessions">
            <h2 id="action-sessions">{t('action.sessionsTitle')}</h2>
            <div className="field field-checkbox">
              <input
                id="action-show-archived-sessions"
                type="checkbox"
                checked={showArchived}
                onChange={(event) => setShowArchived(event.target.checked)}
              />
              <label htmlFor="action-show-archived-sessions">{t('actions.showArchivedSessions')}</label>
            </div>
            {action.data.sessions.length === 0 ? (
              <p>{t('action.noSessions')}</p>
            ) : (
              <>
                {action.data.sessions.length > 1 && <p className="hint">{t('action.sessionsHint')}</p>}
                <ul className="card-list">
                  {action.data.sessions.map((session) => (
                    <SessionPanel
                      key={session.id}
                      session={session}
                      // One session needs no unfolding; a session just created is the one to work on.
                      openByDefault={action.data?.sessions.length === 1 || session.id === created?.id}
                    />
                  ))}
                </ul>
              </>
            )}
          </section>

          {!action.data.archived && (
            <section aria-labelledby="action-new-session">
              <h2 id="action-new-session">{t('action.newSession')}</h2>
              <NewSessionForm trainingActionId={action.data.id} onCreated={setCreated} />
            </section>
          )}

          <section aria-labelledby="action-history">
            <h2 id="action-history">{t('action.historyTitle')}</h2>
            <ChangeHistory changes={action.data.history} labelledBy="action-history" />
          </section>
        </>
      )}
    </>
  );
}
