import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import type { GrantedLink } from './auditorAccess';

/** The link just granted, shown this once: selectable, copyable, then put away. */
export function NewLinkPanel({ link, onClose }: { link: GrantedLink; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
    } catch {
      // Without clipboard access the field stays selectable by hand.
      document.querySelector<HTMLInputElement>('#auditor-link-url')?.select();
    }
  };

  return (
    <div className="panel" data-testid="auditor-new-link">
      <h3 ref={heading} tabIndex={-1}>
        {t('auditorAccess.linkTitle')}
      </h3>
      <p>{t('auditorAccess.linkOnce', { until: formatDateTime(link.validUntil, i18n.language) })}</p>
      <div className="field">
        <label htmlFor="auditor-link-url">{t('auditorAccess.linkLabel')}</label>
        <input
          id="auditor-link-url"
          type="text"
          readOnly
          value={link.url}
          spellCheck={false}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {t('auditorAccess.copy')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('auditorAccess.hide')}
        </button>
      </div>
      <div role="status" className={copied ? '' : 'visually-hidden'}>
        {copied && t('auditorAccess.copied')}
      </div>
    </div>
  );
}
