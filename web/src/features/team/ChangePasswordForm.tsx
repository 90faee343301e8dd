import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { MIN_PASSWORD_LENGTH } from '../../validation';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;
type Field = (typeof FIELDS)[number];
const EMPTY: Record<Field, string> = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** Changes the signed-in member's password (the current one asked again); their other sessions end. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(EMPTY);
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'password');

  const change = useMutation({
    mutationFn: () =>
      command('/api/account/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      }),
    onSuccess: () => {
      setValues(EMPTY);
      onChanged();
    },
    onError: (error) => {
      if ((error as { code?: string }).code === 'current_password_wrong') {
        show({ currentPassword: t('errors.current_password_wrong') });
      } else showServerError(error);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (change.isPending) return;
    const found: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) found.currentPassword = t('validation.required');
    if (values.newPassword.length < MIN_PASSWORD_LENGTH) found.newPassword = t('validation.passwordTooShort');
    if (values.confirmPassword !== values.newPassword)
      found.confirmPassword = t('validation.passwordMismatch');
    if (show(found)) return;
    change.mutate();
  };

  const bind = (field: Field) => ({
    id: `password-${field}`,
    name: field,
    type: 'password',
    required: true,
    value: values[field],
    error: errors[field],
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value }),
  });

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      <TextField
        label={t('account.currentPassword')}
        autoComplete="current-password"
        {...bind('currentPassword')}
      />
      <TextField
        label={t('account.newPassword')}
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        hint={t('account.passwordHint')}
        {...bind('newPassword')}
      />
      <TextField
        label={t('account.confirmPassword')}
        autoComplete="new-password"
        {...bind('confirmPassword')}
      />
      <SubmitButton pending={change.isPending}>{t('account.changePassword')}</SubmitButton>
    </form>
  );
}
