import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { enumValue, enumValues, type Role } from '../../data/graphql';
import { useFormErrors } from '../../hooks/useFormErrors';
import { commonMessages } from '../../locales/common';
import { isEmail } from '../../validation';

const ROLES = enumValues<Role>(commonMessages.fr.roles);
const FIELDS = ['email', 'role'] as const;

/** Invites a colleague by e-mail with a role. */
export function InviteForm({ onInvited }: { onInvited: (email: string) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('contributor');
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'invite');

  const invite = useMutation({
    mutationFn: (input: { email: string; role: Role }) => command('/api/team/invitations', input),
    onSuccess: (_answer, input) => {
      setEmail('');
      onInvited(input.email);
    },
    onError: showServerError,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (invite.isPending) return;
    if (!email.trim()) {
      show({ email: t('validation.required') });
      return;
    }
    if (!isEmail(email)) {
      show({ email: t('validation.email') });
      return;
    }
    show({});
    invite.mutate({ email: email.trim(), role });
  };

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <p>{t('team.inviteIntro')}</p>
      <ErrorAlert error={formError} />
      <TextField
        id="invite-email"
        name="email"
        type="email"
        autoComplete="off"
        inputMode="email"
        spellCheck={false}
        required
        label={t('team.inviteEmail')}
        value={email}
        error={errors.email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <SelectField
        id="invite-role"
        name="role"
        label={t('team.inviteRole')}
        value={role}
        error={errors.role}
        onChange={(event) => setRole(enumValue(ROLES, event.target.value) ?? 'contributor')}
      >
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {t(`roles.${value}`)}
          </option>
        ))}
      </SelectField>
      <SubmitButton pending={invite.isPending}>{t('team.inviteSubmit')}</SubmitButton>
    </form>
  );
}
