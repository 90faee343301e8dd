import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isEmail } from '../../validation';

/** `/forgot-password`: asks for a reset link; the answer is the same whether an account uses the address or not. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const { errors, formError, show, showServerError } = useFormErrors(['email'] as const, 'forgot');
  const request = useMutation({
    mutationFn: () => command('/api/auth/password-reset', { email: email.trim() }),
    onError: showServerError,
    meta: { refreshesReads: false },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.isPending) return;
    if (
      show(
        !email.trim()
          ? { email: t('validation.required') }
          : !isEmail(email)
            ? { email: t('validation.email') }
            : {},
      )
    )
      return;
    request.mutate();
  };

  return (
    <>
      <PageTitle page={t('passwordReset.forgotTitle')} />
      <h1>{t('passwordReset.forgotTitle')}</h1>
      <StatusMessage>{request.isSuccess && t('passwordReset.sent')}</StatusMessage>
      <form className="form panel" noValidate onSubmit={onSubmit}>
        <p>{t('passwordReset.forgotIntro')}</p>
        <ErrorAlert error={formError} />
        <TextField
          id="forgot-email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          label={t('passwordReset.email')}
          value={email}
          error={errors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <SubmitButton pending={request.isPending}>{t('passwordReset.send')}</SubmitButton>
      </form>
      <p>
        <Link to="/login">{t('passwordReset.toLogin')}</Link>
      </p>
    </>
  );
}
