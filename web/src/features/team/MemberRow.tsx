import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { enumValue, enumValues, type Role } from '../../data/graphql';
import { formatDateTime } from '../../format';
import { commonMessages } from '../../locales/common';

export interface Member {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  lastSignInAt: string | null;
}

const ROLES = enumValues<Role>(commonMessages.fr.roles);

/** One member: their role (changeable), status, last sign-in, and deactivation or reactivation. */
export function MemberRow({
  member,
  isViewer,
  onDone,
}: {
  member: Member;
  isViewer: boolean;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [role, setRole] = useState<Role>(member.role);
  const name = member.displayName;

  const changeRole = useMutation({
    mutationFn: () => command(`/api/team/members/${encodeURIComponent(member.id)}/role`, { role }),
    onSuccess: () => onDone(t('team.roleChanged', { name, role: t(`roles.${role}`) })),
  });
  const toggle = useMutation({
    mutationFn: () =>
      command(
        `/api/team/members/${encodeURIComponent(member.id)}/${member.active ? 'deactivate' : 'reactivate'}`,
      ),
    onSuccess: () => onDone(t(member.active ? 'team.deactivated_done' : 'team.reactivated_done', { name })),
  });
  const selectId = `member-role-${member.id}`;

  return (
    <tr>
      <th scope="row">
        {name} {isViewer && <span className="hint">{t('team.you')}</span>}
        <br />
        <span className="hint">{member.email}</span>
      </th>
      <td>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!changeRole.isPending && role !== member.role) changeRole.mutate();
          }}
        >
          <label htmlFor={selectId} className="visually-hidden">
            {t('team.roleOf', { name })}
          </label>
          <select
            id={selectId}
            value={role}
            onChange={(event) => setRole(enumValue(ROLES, event.target.value) ?? member.role)}
          >
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="button button-secondary"
            aria-label={t('team.changeRoleOf', { name })}
            aria-disabled={changeRole.isPending || role === member.role || undefined}
          >
            {t('team.changeRole')}
          </button>
        </form>
        <ErrorAlert error={changeRole.error} />
      </td>
      <td>{member.active ? t('team.active') : t('team.deactivated')}</td>
      <td>{member.lastSignInAt ? formatDateTime(member.lastSignInAt, i18n.language) : t('team.never')}</td>
      <td>
        <button
          type="button"
          className={`button button-secondary${member.active ? ' button-danger' : ''}`}
          aria-label={t(member.active ? 'team.deactivateOf' : 'team.reactivateOf', { name })}
          aria-disabled={toggle.isPending || undefined}
          onClick={() => {
            if (toggle.isPending) return;
            if (member.active && !window.confirm(t('team.deactivateConfirm', { name }))) return;
            toggle.mutate();
          }}
        >
          {member.active ? t('team.deactivate') : t('team.reactivate')}
        </button>
        <ErrorAlert error={toggle.error} />
      </td>
    </tr>
  );
}
