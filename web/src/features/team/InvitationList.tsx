import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Role } from '../../data/graphql';
import { formatDateTime } from '../../format';

interface Invitation {
  id: string;
  email: string;
  role: Role;
  sentAt: string;
  expiresAt: string;
  expired: boolean;
}

function InvitationItem({
  invitation,
  onDone,
}: {
  invitation: Invitation;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { email } = invitation;
  const path = `/api/team/invitations/${encodeURIComponent(invitation.id)}`;
  const resend = useMutation({
    mutationFn: () => command(`${path}/resend`),
    onSuccess: () => onDone(t('team.resent', { email })),
  });
  const revoke = useMutation({
    mutationFn: () => command(`${path}/revoke`),
    onSuccess: () => onDone(t('team.revoked', { email })),
  });
  return (
    <li className="card">
      <h3 className="card-title">{email}</h3>
      <p className="card-meta">
        <span className="badge">{t(`roles.${invitation.role}`)}</span>
        <span>
          {t('team.sentAt')} {formatDateTime(invitation.sentAt, i18n.language)}
        </span>
        <span>
          {invitation.expired ? (
            <span className="badge badge-accent">{t('team.expired')}</span>
          ) : (
            <>
              {t('team.expiresAt')} {formatDateTime(invitation.expiresAt, i18n.language)}
            </>
          )}
        </span>
      </p>
      <div className="link-actions">
        <button
          type="button"
          className="button button-secondary"
          aria-label={t('team.resendTo', { email })}
          aria-disabled={resend.isPending || undefined}
          onClick={() => {
            if (!resend.isPending) resend.mutate();
          }}
        >
          {t('team.resend')}
        </button>
        <button
          type="button"
          className="button button-secondary button-danger"
          aria-label={t('team.revokeTo', { email })}
          aria-disabled={revoke.isPending || undefined}
          onClick={() => {
            if (!revoke.isPending && window.confirm(t('team.revokeConfirm', { email }))) revoke.mutate();
          }}
        >
          {t('team.revoke')}
        </button>
      </div>
      <ErrorAlert error={resend.error ?? revoke.error} />
    </li>
  );
}

/** Pending invitations, with resend and revoke. */
export function InvitationList({
  invitations,
  onDone,
}: {
  invitations: readonly Invitation[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  if (invitations.length === 0) return <p>{t('team.noInvitations')}</p>;
  return (
    <ul className="card-list">
      {invitations.map((invitation) => (
        <InvitationItem key={invitation.id} invitation={invitation} onDone={onDone} />
      ))}
    </ul>
  );
}
