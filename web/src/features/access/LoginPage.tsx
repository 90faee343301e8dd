import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useViewer, viewerQuery } from '../../data/viewer';
import { focusFirstError } from '../../errorMessages';
import { queryClient } from '../../queryClient';
import { isEmail } from '../../validation';

type Field = 'email' | 'password';

/** Where to go after logging in: the page that asked for it, never another site. */
function destination(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const viewer = useViewer();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const login = useMutation({
    mutationFn: (input: { email: string; password: string }) => command('/api/auth/login', input),
    onSuccess: async () => {
      // Nothing read before signing in belongs to this user's organisation.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== viewerQuery.queryKey[0] });
      await queryClient.fetchQuery({ ...viewerQuery, staleTime: 0 });
      await navigate(destination(location.state), { replace: true });
    },
  });

  if (viewer.data && !login.isPending) return <Navigate to={destination(location.state)} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (login.isPending) return;
    const found: Partial<Record<Field, string>> = {};
    if (!email.trim()) found.email = t('validation.required');
    else if (!isEmail(email)) found.email = t('validation.email');
    if (!password) found.password = t('validation.required');
    setErrors(found);
    login.reset();
    if (found.email || found.password) {
      focusFirstError([
        { id: 'login-email', hasError: Boolean(found.email) },
        { id: 'login-password', hasError: Boolean(found.password) },
      ]);
      return;
    }
    login.mutate({ email: email.trim(), password });
  };

  return (
    <>
      <PageTitle page={t('login.title')} />
      <h1>{t('login.title')}</h1>
      <form className="form panel" noValidate onSubmit={onSubmit}>
        <ErrorAlert error={login.error} />
        <TextField
          id="login-email"
          name="email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          value={email}
          error={errors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          id="login-password"
          name="password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={errors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <SubmitButton pending={login.isPending}>{t('login.submit')}</SubmitButton>
      </form>
      <p>
        <Link to="/forgot-password">{t('passwordReset.forgotLink')}</Link>
      </p>
    </>
  );
}
