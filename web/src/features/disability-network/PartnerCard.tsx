import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { PartnerView } from './network';
import { PartnerForm } from './PartnerForm';
import { useNetworkCommand } from './useNetworkCommand';

/** One partner and its contacts; for those who manage the network, its edit and its removal (confirmed). */
export function PartnerCard({
  partner,
  revision,
  canManage,
  onDone,
}: {
  partner: PartnerView;
  revision: number;
  canManage: boolean;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'edit' | 'remove' | null>(null);
  const remove = useNetworkCommand(
    `/api/disability-network/partners/${encodeURIComponent(partner.id)}/remove`,
    revision,
  );
  const toggle = (panel: 'edit' | 'remove') => setOpen(open === panel ? null : panel);
  const panelId = `partner-${partner.id}-${open}`;

  return (
    <li className="card">
      <h3 className="card-title">{partner.name}</h3>
      <p className="card-meta">
        <span className="badge">{t(`disabilityPartnerKinds.${partner.kind}`)}</span>
      </p>
      {partner.contacts.length > 0 && (
        <ul>
          {partner.contacts.map((contact, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: contacts have no identity but their place
            <li key={index}>
              {[contact.name, contact.role, contact.email, contact.phone].filter(Boolean).join(' — ')}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <>
          <div className="button-row">
            <button
              type="button"
              className="button button-secondary"
              aria-expanded={open === 'edit'}
              aria-controls={open === 'edit' ? panelId : undefined}
              onClick={() => toggle('edit')}
            >
              {open === 'edit'
                ? t('disabilityNetwork.cancelEdit')
                : t('disabilityNetwork.edit', { name: partner.name })}
            </button>
            <button
              type="button"
              className="button button-secondary"
              aria-expanded={open === 'remove'}
              aria-controls={open === 'remove' ? panelId : undefined}
              onClick={() => toggle('remove')}
            >
              {t('disabilityNetwork.remove', { name: partner.name })}
            </button>
          </div>
          {open === 'edit' && (
            <div id={panelId}>
              <PartnerForm
                partner={partner}
                revision={revision}
                onDone={(message) => {
                  setOpen(null);
                  onDone(message);
                }}
              />
            </div>
          )}
          {open === 'remove' && (
            <div id={panelId} className="panel">
              <ErrorAlert
                message={remove.stale ? t('disabilityNetwork.stale') : null}
                error={remove.stale ? null : remove.mutation.error}
              />
              <p>{t('disabilityNetwork.removeConfirm', { name: partner.name })}</p>
              <button
                type="button"
                className="button button-danger"
                aria-disabled={remove.mutation.isPending || undefined}
                onClick={() => {
                  if (remove.mutation.isPending) return;
                  remove.mutation.mutate(
                    {},
                    { onSuccess: () => onDone(t('disabilityNetwork.partnerRemoved')) },
                  );
                }}
              >
                {t('disabilityNetwork.confirmRemove')}
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}
