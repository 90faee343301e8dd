import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDateTime } from '../../format';
import { NewTrainingActionForm } from './NewTrainingActionForm';
import { useTrainingActions } from './trainingActions';

/** `/actions`: the organisation's training actions and the form to add one. */
export function TrainingActionsPage() {
  const { t, i18n } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const actions = useTrainingActions(showArchived);
  const [created, setCreated] = useState<string | null>(null);

  return (
    <>
      <PageTitle page={t('actions.title')} />
      <h1>{t('actions.title')}</h1>
      <StatusMessage>{created && t('actions.created', { title: created })}</StatusMessage>

      <section aria-labelledby="actions-list">
        <h2 id="actions-list">{t('actions.listTitle')}</h2>
        <div className="field field-checkbox">
          <input
            id="actions-show-archived"
            type="checkbox"
            checked={showArchived}
            onChange={(event) => setShowArchived(event.target.checked)}
          />
          <label htmlFor="actions-show-archived">{t('actions.showArchived')}</label>
        </div>
        {actions.isPending && <Loading />}
        {actions.isError && <QueryError error={actions.error} onRetry={() => void actions.refetch()} />}
        {actions.data && actions.data.length === 0 && <p>{t('actions.empty')}</p>}
        {actions.data && actions.data.length > 0 && (
          <ul className="card-list">
            {actions.data.map((action) => (
              <li key={action.id} className="card">
                <h3 className="card-title">
                  <Link to={`/actions/${encodeURIComponent(action.id)}`}>{action.title}</Link>
                </h3>
                <p className="card-meta">
                  {action.archived && (
                    <span className="badge badge-warning">{t('actions.archivedBadge')}</span>
                  )}
                  <span className="badge">{t(`categories.${action.category}`)}</span>
                  {action.certifying && (
                    <span className="badge badge-accent">{t('actions.certifyingBadge')}</span>
                  )}
                  <span>{t('actions.sessionCount', { count: action.sessions.length })}</span>
                  <span>
                    {t('actions.createdAt', { date: formatDateTime(action.createdAt, i18n.language) })}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="actions-new">
        <h2 id="actions-new">{t('actions.newTitle')}</h2>
        <NewTrainingActionForm onCreated={setCreated} />
      </section>
    </>
  );
}
