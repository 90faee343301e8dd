import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type FragmentOf, type ResultOf, readFragment } from '../../data/graphql';
import { formatDate, formatDateTime } from '../../format';
import { TrainingChangeFields } from './trainingActions';

type Change = ResultOf<typeof TrainingChangeFields>;

/** What a change set, in words ("Renommée : « Excel 365 »"). */
const describe = (t: TFunction, change: Change, language: string): string => {
  const date = (day: string | null) => (day ? formatDate(day, language) : '');
  switch (change.kind) {
    case 'TrainingActionCreated':
      return t('history.TrainingActionCreated', { title: change.title });
    case 'TrainingActionRenamed':
    case 'SessionRenamed':
      return t('history.renamed', { title: change.title });
    case 'TrainingActionRecategorised':
      return t(change.certifying ? 'history.recategorisedCertifying' : 'history.recategorised', {
        category: change.category ? t(`categories.${change.category}`) : '',
      });
    case 'SessionScheduled':
      return t('history.SessionScheduled', {
        title: change.title,
        start: date(change.startsOn),
        end: date(change.endsOn),
        site: change.site,
      });
    case 'SessionRescheduled':
      return t('history.SessionRescheduled', { start: date(change.startsOn), end: date(change.endsOn) });
    case 'SessionMoved':
      return t('history.SessionMoved', { site: change.site });
    default:
      return t(`history.${change.kind}`);
  }
};

/** The history of an action or a session, oldest first: what, who, when (Paris time) and why. */
export function ChangeHistory({
  changes,
  labelledBy,
}: {
  changes: readonly FragmentOf<typeof TrainingChangeFields>[];
  labelledBy: string;
}) {
  const { t, i18n } = useTranslation();
  if (changes.length === 0) return <p>{t('history.empty')}</p>;
  return (
    <ol className="plain-list history-list" aria-labelledby={labelledBy}>
      {changes.map((masked) => {
        const change = readFragment(TrainingChangeFields, masked);
        return (
          <li key={change.id}>
            <p>
              <strong>{describe(t, change, i18n.language)}</strong>
            </p>
            <p className="muted">
              {t('history.byWhen', {
                date: formatDateTime(String(change.at), i18n.language),
                name: change.actorName ?? t('history.system'),
              })}
            </p>
            {change.reason && <p>{t('history.reason', { reason: change.reason })}</p>}
          </li>
        );
      })}
    </ol>
  );
}
