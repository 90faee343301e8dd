import { useTranslation } from 'react-i18next';
import type { FeedbackLink } from '../data/trainingActions';
import { codeLabel } from '../errorMessages';
import { formatDateTime } from '../format';
import { CloseLinkButton } from './CloseLinkButton';

export function FeedbackLinkList({ sessionId, links }: { sessionId: string; links: FeedbackLink[] }) {
  const { t, i18n } = useTranslation();
  const headingId = `session-${sessionId}-links`;
  return (
    <section aria-labelledby={headingId} className="subsection">
      <h4 id={headingId}>{t('session.linksTitle')}</h4>
      {links.length === 0 ? (
        <p>{t('session.noLinks')}</p>
      ) : (
        <ul className="plain-list">
          {links.map((link) => (
            <li key={link.id}>
              <span className={`badge badge-status-${link.status}`}>
                {codeLabel(t, 'linkStatus', link.status)}
              </span>{' '}
              {t('session.linkSummary', {
                audience: codeLabel(t, 'audiences', link.audience),
                createdAt: formatDateTime(link.createdAt, i18n.language),
                expiresAt: formatDateTime(link.expiresAt, i18n.language),
              })}
              {link.status === 'open' && (
                <>
                  {' '}
                  <CloseLinkButton
                    linkId={link.id}
                    label={t('session.closeLinkLabel', {
                      createdAt: formatDateTime(link.createdAt, i18n.language),
                    })}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
