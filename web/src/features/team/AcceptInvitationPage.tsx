import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { Role } from '../../data/graphql';
import { viewerQuery } from '../../data/viewer';
import { useFormErrors } from '../../hooks/useFormErrors';
import { queryClient } from '../../queryClient';
import { isStorableText, MIN_PASSWORD_LENGTH } from '../../validation';

const FIELDS = ['name', 'password', 'confirmPassword'] as const;
type Field = (typeof FIELDS)[number];

/** `/invitation?token=…`: the person invited chooses a name and a password, and is signed in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [values, setValues] = useState<Record<Field, string>>({
    name: '',
    password: '',
    confirmPassword: '',
  });
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'invitation');

  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () =>
      command<{ email: string; role: Role; expiresAt: string }>('/api/auth/invitation', { token }),
    enabled: token.length > 0,
    retry: false,
    meta: { organisationData: false },
  });
  const accept = useMutation({
    mutationFn: () =>
      command('/api/auth/invitation/accept', { token, name: values.name.trim(), password: values.password }),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== viewerQuery.queryKey[0] });
      await queryClient.fetchQuery({ ...viewerQuery, staleTime: 0 });
      await navigate('/', { replace: true });
    },
    onError: showServerError,
    meta: { refreshesReads: false },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (accept.isPending) return;
    const found: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    else if (!isStorableText(values.name)) found.name = t('validation.invalidCharacters');
    if (values.password.length < MIN_PASSWORD_LENGTH) found.password = t('validation.passwordTooShort');
    if (values.confirmPassword !== values.password) found.confirmPassword = t('validation.passwordMismatch');
    if (show(found)) return;
    accept.mutate();
  };

  const bind = (field: Field) => ({
    id: `invitation-${field}`,
    name: field,
    required: true,
    value: values[field],
    error: errors[field],
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value }),
  });

  return (
    <>
      <PageTitle page={t('invitation.title')} />
      <h1>{t('invitation.title')}</h1>
      {!token && <ErrorAlert message={t('invitation.missingToken')} />}
      {token && invitation.isPending && <Loading />}
      {invitation.isError && <ErrorAlert error={invitation.error} />}
      {invitation.data && (
        <form className="form panel" noValidate onSubmit={onSubmit}>
          <p>
            {t('invitation.intro', {
              role: t(`roles.${invitation.data.role}`),
              email: invitation.data.email,
            })}
          </p>
          <ErrorAlert error={formError} />
          <TextField label={t('invitation.name')} autoComplete="name" {...bind('name')} />
          <TextField
            label={t('invitation.password')}
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            hint={t('invitation.passwordHint')}
            {...bind('password')}
          />
          <TextField
            label={t('invitation.confirmPassword')}
            type="password"
            autoComplete="new-password"
            {...bind('confirmPassword')}
          />
          <SubmitButton pending={accept.isPending}>{t('invitation.submit')}</SubmitButton>
        </form>
      )}
    </>
  );
}
