import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import type { MailMessage, MailStatus } from './mailMessages';

const statusBadge: Record<MailStatus, string> = {
  due: 'badge badge-warning',
  sent: 'badge badge-status-open',
  refused: 'badge badge-danger',
  failed: 'badge badge-danger',
};

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** The development copy's text, its web addresses made links so a developer can follow them. */
function LinkedText({ text }: { text: string }) {
  return (
    <p className="response-comment">
      {text.split(URL_PATTERN).map((part, index) =>
        index % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, never reordered
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}

/** One message: recipient, kind, status and attempts; in the development outbox, its text behind a disclosure. */
export function MailMessageCard({ message }: { message: MailMessage }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const copy = message.developmentCopy;
  const panelId = `mail-${message.id}-text`;

  return (
    <li className="card">
      <h2 className="card-title">{t(`mailTemplates.${message.template}`)}</h2>
      <p className="card-meta">
        <span className={statusBadge[message.status]}>{t(`mailStatuses.${message.status}`)}</span>
        <span>{t('mail.recipient', { recipient: message.recipient })}</span>
        <span>{t('mail.queuedAt', { date: formatDateTime(message.queuedAt, i18n.language) })}</span>
        {message.attempts > 0 && <span>{t('mail.attempts', { count: message.attempts })}</span>}
        {message.outbox === 'development' && <span>{t('mail.keptInOutbox')}</span>}
      </p>
      {message.status === 'due' && message.nextAttemptAt && (
        <p>{t('mail.nextAttempt', { date: formatDateTime(message.nextAttemptAt, i18n.language) })}</p>
      )}
      {message.lastError && (
        <p className="response-comment">{t('mail.lastError', { error: message.lastError })}</p>
      )}
      {message.response && message.outbox === 'smtp' && (
        <p className="muted response-comment">{t('mail.response', { response: message.response })}</p>
      )}
      {copy && (
        <>
          <button
            type="button"
            className="disclosure"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen(!open)}
          >
            <span className="disclosure-icon" aria-hidden="true" />
            {t('mail.showMessage')}
          </button>
          <div id={panelId} hidden={!open}>
            <p>
              <strong>{t('mail.subject', { subject: copy.subject })}</strong>
            </p>
            <LinkedText text={copy.text} />
          </div>
        </>
      )}
    </li>
  );
}
