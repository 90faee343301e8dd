import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { type Audience, enumValue, enumValues } from '../../data/graphql';
import { feedbackMessages } from './messages';

/** Indicator 30's stakeholder groups (the schema's `Audience`); a group never asked is a finding at audit. */
const AUDIENCES = enumValues<Audience>(feedbackMessages.fr.audiences);

/** `POST /api/sessions/:id/feedback-links` answers the link's address, shown only this once. */
interface OpenedFeedbackLink {
  url: string;
}

/** The full address of a new link; the server answers a path (`/f/<token>`) or, possibly, a full URL. */
const absoluteUrl = (url: string): string => (/^https?:\/\//.test(url) ? url : `${location.origin}${url}`);

/**
 * Opens a feedback link for a session and one stakeholder group and shows its address once: the server keeps only a hash of the
 * token, so this is the only time it can be copied.
 */
export function FeedbackLinkOpener({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [audience, setAudience] = useState<Audience>('learner');
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const input = useRef<HTMLInputElement>(null);
  const inputId = `feedback-url-${sessionId}`;

  // Focus the new link so it can be copied right away (and its one-time note is read out).
  useEffect(() => {
    if (url) input.current?.focus();
  }, [url]);

  const open = useMutation({
    mutationFn: () =>
      command<OpenedFeedbackLink>(`/api/sessions/${encodeURIComponent(sessionId)}/feedback-links`, {
        audience,
      }),
    onSuccess: (link) => {
      setUrl(absoluteUrl(link.url));
      setCopyState('idle');
    },
  });

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopyState('copied');
    } catch {
      input.current?.focus();
      input.current?.select();
      setCopyState('failed');
    }
  };

  return (
    <div className="feedback-link-opener">
      <SelectField
        id={`audience-${sessionId}`}
        label={t('links.audience')}
        value={audience}
        onChange={(event) => setAudience(enumValue(AUDIENCES, event.target.value) ?? audience)}
      >
        {AUDIENCES.map((code) => (
          <option key={code} value={code}>
            {t(`audiences.${code}`)}
          </option>
        ))}
      </SelectField>
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={open.isPending || undefined}
        onClick={() => {
          if (!open.isPending) open.mutate();
        }}
      >
        {t('links.open')}
      </button>
      <ErrorAlert error={open.error} />
      {url && (
        <div className="new-link">
          <label htmlFor={inputId}>{t('links.newLinkLabel')}</label>
          <p className="hint" id={`${inputId}-note`}>
            {t('links.newLinkNote')}
          </p>
          <div className="copy-row">
            <input
              ref={input}
              id={inputId}
              data-testid="feedback-url"
              type="url"
              readOnly
              value={url}
              aria-describedby={`${inputId}-note`}
              onFocus={(event) => event.target.select()}
            />
            <button type="button" className="button button-secondary" onClick={() => void copy()}>
              {t('links.copy')}
            </button>
          </div>
        </div>
      )}
      <p role="status" className={copyState === 'idle' ? 'visually-hidden' : 'copy-status'}>
        {copyState === 'copied' && t('links.copied')}
        {copyState === 'failed' && t('links.copyFailed')}
      </p>
    </div>
  );
}
