import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QrCode } from '../../components/QrCode';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';

export interface SharedLink {
  id: string;
  label: string;
  open: boolean;
  answerCount: number;
  path: string;
}

/**
 * A campaign's links for rooms: open one, show its QR code to the class or print it, copy its address, close it.
 * The token is derived, never stored: the code can be shown again at any time (services/campaign/links.ts).
 */
export function SharedLinks({
  campaignId,
  links,
  campaignOpen,
  onStatus,
}: {
  campaignId: string;
  links: readonly SharedLink[];
  campaignOpen: boolean;
  onStatus(status: string): void;
}) {
  const { t } = useTranslation();
  const base = `/api/campaigns/${encodeURIComponent(campaignId)}/shared-links`;
  const [label, setLabel] = useState('');
  const [printing, setPrinting] = useState<string | null>(null);
  const openLink = useMutation({
    mutationFn: (name: string) => command(base, { label: name }),
    onSuccess: (_answer, name) => {
      onStatus(t('sharedLinks.opened', { label: name }));
      setLabel('');
    },
  });
  const closeLink = useMutation({
    mutationFn: (link: SharedLink) => command(`${base}/${encodeURIComponent(link.id)}/close`, {}),
    onSuccess: (_answer, link) => onStatus(t('sharedLinks.closedStatus', { label: link.label })),
  });
  const onOpen = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!openLink.isPending) openLink.mutate(label.trim() || t('sharedLinks.defaultLabel'));
  };
  const print = (link: SharedLink) => {
    setPrinting(link.id);
    // The print style shows only the chosen code; the state is set before the dialog opens.
    setTimeout(() => {
      window.print();
      setPrinting(null);
    }, 0);
  };

  return (
    <section aria-labelledby="campaign-shared-links">
      <h2 id="campaign-shared-links">{t('sharedLinks.title')}</h2>
      <p className="hint">{t('sharedLinks.intro')}</p>
      {links.length > 0 && (
        <ul className="shared-links">
          {links.map((link) => {
            const url = `${window.location.origin}${link.path}`;
            return (
              <li key={link.id} className={`panel shared-link${printing === link.id ? ' qr-print' : ''}`}>
                <h3>{link.label}</h3>
                <p className="card-meta">
                  <span className="badge">{link.open ? t('sharedLinks.open') : t('sharedLinks.closed')}</span>
                  <span>{t('sharedLinks.answers', { count: link.answerCount })}</span>
                </p>
                {link.open && (
                  <>
                    <QrCode text={url} size={220} label={t('sharedLinks.qrLabel', { label: link.label })} />
                    <p className="shared-link-url">
                      <a href={link.path}>{url}</a>
                    </p>
                    <div className="button-row no-print">
                      <button type="button" className="button button-secondary" onClick={() => print(link)}>
                        {t('sharedLinks.print')}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => closeLink.mutate(link)}
                      >
                        {t('sharedLinks.close', { label: link.label })}
                      </button>
                    </div>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorAlert error={closeLink.error} />
      {campaignOpen && (
        <form className="form panel no-print" noValidate onSubmit={onOpen}>
          <ErrorAlert error={openLink.error} />
          <TextField
            id="shared-link-label"
            label={t('sharedLinks.label')}
            hint={t('sharedLinks.labelHint')}
            value={label}
            maxLength={100}
            onChange={(event) => setLabel(event.target.value)}
          />
          <SubmitButton pending={openLink.isPending}>{t('sharedLinks.submit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}
