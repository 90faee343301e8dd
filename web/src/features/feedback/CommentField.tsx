import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_MAX_LENGTH } from './publicFeedback';

/** Announce the remaining characters only near the limit, once typing pauses. */
const ANNOUNCE_BELOW = 200;
const ANNOUNCE_DELAY_MS = 800;

/** “Commentaire (facultatif)” with a live character counter (2000 at most). */
export function CommentField({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string;
  onChange: (comment: string) => void;
}) {
  const { t } = useTranslation();
  const remaining = COMMENT_MAX_LENGTH - value.length;
  const over = remaining < 0;
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => {
      if (remaining < 0) setAnnouncement(t('feedback.over', { count: -remaining }));
      else if (remaining <= ANNOUNCE_BELOW) setAnnouncement(t('feedback.remaining', { count: remaining }));
      else setAnnouncement('');
    }, ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [remaining, t]);

  const describedBy = [
    'feedback-comment-hint',
    'feedback-comment-counter',
    error ? 'feedback-comment-error' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={`field${error || over ? ' field-invalid' : ''}`}>
      <label htmlFor="feedback-comment">{t('feedback.comment')}</label>
      <p className="hint" id="feedback-comment-hint">
        {t('feedback.commentHint')}
      </p>
      {error && (
        <p className="field-error" id="feedback-comment-error" role="alert">
          {error}
        </p>
      )}
      <textarea
        id="feedback-comment"
        name="comment"
        rows={6}
        value={value}
        aria-invalid={error || over ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id="feedback-comment-counter" className={`counter${over ? ' counter-over' : ''}`}>
        {over
          ? t('feedback.over', { count: -remaining })
          : t('feedback.counter', { count: value.length, max: COMMENT_MAX_LENGTH })}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
