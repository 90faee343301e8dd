import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { MIN_PASSWORD_LENGTH } from '../../validation';

const FIELDS = ['password', 'confirmPassword'] as const;
type Field = (typeof FIELDS)[number];

/** `/reset-password?token=…`: sets a new password with the link received by mail (once). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [values, setValues] = useState<Record<Field, string>>({ password: '', confirmPassword: '' });
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'reset');
  const reset = useMutation({
    mutationFn: () => command('/api/auth/password-reset/confirm', { token, password: values.password }),
    onError: showServerError,
    meta: { refreshesReads: false },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reset.isPending) return;
    const found: Partial<Record<Field, string>> = {};
    if (values.password.length < MIN_PASSWORD_LENGTH) found.password = t('validation.passwordTooShort');
    if (values.confirmPassword !== values.password) found.confirmPassword = t('validation.passwordMismatch');
    if (show(found)) return;
    reset.mutate();
  };

  const bind = (field: Field) => ({
    id: `reset-${field}`,
    name: field,
    type: 'password',
    autoComplete: 'new-password',
    required: true,
    value: values[field],
    error: errors[field],
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value }),
  });

  return (
    <>
      <PageTitle page={t('passwordReset.resetTitle')} />
      <h1>{t('passwordReset.resetTitle')}</h1>
      <StatusMessage>{reset.isSuccess && t('passwordReset.done')}</StatusMessage>
      {!token && <ErrorAlert message={t('passwordReset.missingToken')} />}
      {token && !reset.isSuccess && (
        <form className="form panel" noValidate onSubmit={onSubmit}>
          <ErrorAlert error={formError} />
          <TextField
            label={t('passwordReset.password')}
            minLength={MIN_PASSWORD_LENGTH}
            hint={t('invitation.passwordHint')}
            {...bind('password')}
          />
          <TextField label={t('passwordReset.confirmPassword')} {...bind('confirmPassword')} />
          <SubmitButton pending={reset.isPending}>{t('passwordReset.submit')}</SubmitButton>
        </form>
      )}
      <p>
        <Link to="/login">{t('passwordReset.toLogin')}</Link>
      </p>
    </>
  );
}
