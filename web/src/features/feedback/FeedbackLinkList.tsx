import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../data/graphql';
import { formatDateTime } from '../../format';
import { CloseLinkButton } from './CloseLinkButton';
import type { SessionFeedbackFields } from './sessionFeedbackFields';

type FeedbackLink = ResultOf<typeof SessionFeedbackFields>['feedbackLinks'][number];

export function FeedbackLinkList({
  sessionId,
  links,
}: {
  sessionId: string;
  links: readonly FeedbackLink[];
}) {
  const { t, i18n } = useTranslation();
  const headingId = `session-${sessionId}-links`;
  return (
    <section aria-labelledby={headingId} className="subsection">
      <h4 id={headingId}>{t('links.title')}</h4>
      {links.length === 0 ? (
        <p>{t('links.none')}</p>
      ) : (
        <ul className="plain-list link-list">
          {links.map((link) => {
            const createdAt = formatDateTime(link.createdAt, i18n.language);
            return (
              <li key={link.id} className="link-item">
                <p className="link-facts">
                  <span className={`badge badge-status-${link.status}`}>
                    {t(`linkStatus.${link.status}`)}
                  </span>{' '}
                  {t('links.summary', {
                    audience: t(`audiences.${link.audience}`),
                    createdAt,
                    expiresAt: formatDateTime(link.expiresAt, i18n.language),
                  })}
                  {' · '}
                  {t('links.responseCount', { count: link.responseCount })}
                </p>
                {link.status === 'open' && (
                  <CloseLinkButton linkId={link.id} label={t('links.closeLabel', { createdAt })} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
