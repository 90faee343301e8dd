import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError';
import type { ImprovementActionOriginType } from '../../data/graphql';
import { formatDate } from '../../format';
import { useActionsByOrigin } from './actions';

/** The improvement actions fed by one record (a complaint, an incident…), with their status and a link. */
export function LinkedActions({ type, id }: { type: ImprovementActionOriginType; id: string }) {
  const { t, i18n } = useTranslation();
  const actions = useActionsByOrigin(type, id);
  if (actions.isError) return <QueryError error={actions.error} onRetry={() => void actions.refetch()} />;
  if (!actions.data) return null;
  if (actions.data.length === 0) return <p>{t('improvement.noLinked')}</p>;
  return (
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
            {action.effectiveness && t(`actionOutcomes.${action.effectiveness}`)}{' '}
            {action.overdue && <span className="badge badge-danger">{t('improvement.overdueBadge')}</span>}{' '}
            {t('improvement.due')} :{' '}
            {action.dueOn ? formatDate(action.dueOn, i18n.language) : t('improvement.noDue')}
          </p>
        </li>
      ))}
    </ul>
  );
}
