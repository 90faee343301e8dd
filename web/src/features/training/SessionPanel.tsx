import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FragmentOf, readFragment } from '../../data/graphql';
import { formatDate } from '../../format';
import { SessionFeedback } from '../feedback';
import { TrainingSessionFields } from './trainingActions';

/**
 * A session as a disclosure: its title (a button in the heading, WAI-ARIA disclosure pattern), dates, site and
 * satisfaction always shown; its feedback links, the form opening one, and its answers only once expanded, so a
 * training action with many sessions stays a short list. Once shown, the feedback block stays mounted while
 * collapsed: a link's address, shown only once, is not lost by folding the session.
 */
export function SessionPanel({
  session: masked,
  openByDefault,
}: {
  session: FragmentOf<typeof TrainingSessionFields>;
  /** Expanded at first, or as soon as this turns true (a session just created, once its creation is confirmed). */
  openByDefault: boolean;
}) {
  const { t, i18n } = useTranslation();
  const session = readFragment(TrainingSessionFields, masked);
  const [open, setOpen] = useState(openByDefault);
  const [shown, setShown] = useState(openByDefault);
  const [openedByDefault, setOpenedByDefault] = useState(openByDefault);
  if (openByDefault && !openedByDefault) {
    setOpenedByDefault(true);
    setOpen(true);
    setShown(true);
  }
  const panelId = `session-${session.id}-panel`;

  return (
    <li className="card session-card">
      <h3 className="session-heading">
        <button
          type="button"
          className="disclosure"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => {
            setOpen(!open);
            setShown(true);
          }}
        >
          <span className="disclosure-icon" aria-hidden="true" />
          {session.title}
        </button>
      </h3>
      <p className="card-meta">
        {session.cancelled && <span className="badge badge-danger">{t('session.cancelledBadge')}</span>}
        {session.archived && <span className="badge badge-warning">{t('session.archivedBadge')}</span>}
        <span>
          {t('app.dateRange', {
            start: formatDate(session.startsOn, i18n.language),
            end: formatDate(session.endsOn, i18n.language),
          })}
        </span>
        <span>{t('session.site', { site: session.site })}</span>
        <span>{t('session.feedbackCount', { count: session.feedbackCount })}</span>
        <span>
          {session.averageRating === null
            ? t('session.noRating')
            : t('session.averageRating', { value: t('app.ratingOutOf', { value: session.averageRating }) })}
        </span>
      </p>
      <p>
        <Link to={`/sessions/${encodeURIComponent(session.id)}`}>
          {t('action.manageSession', { title: session.title })}
        </Link>
      </p>
      <div id={panelId} className="session-panel" hidden={!open}>
        {shown && <SessionFeedback session={session} />}
      </div>
    </li>
  );
}
