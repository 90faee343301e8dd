import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { viewerQuery } from '../../data/viewer';
import { useFormErrors } from '../../hooks/useFormErrors';
import { queryClient } from '../../queryClient';
import { isEmail, isStorableText, MIN_PASSWORD_LENGTH } from '../../validation';
import { setupStatusQuery } from './setup';

const FIELDS = ['organisationName', 'name', 'email', 'password', 'confirmPassword'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

/** `POST /api/setup`. */
interface SetupInput {
  token: string;
  organisationName: string;
  name: string;
  email: string;
  password: string;
}

const EMPTY: Values = { organisationName: '', name: '', email: '', password: '', confirmPassword: '' };

export function SetupForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(EMPTY);
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'setup');

  const setup = useMutation({
    mutationFn: (input: SetupInput) => command('/api/setup', input),
    onSuccess: async () => {
      await queryClient.fetchQuery({ ...viewerQuery, staleTime: 0 });
      queryClient.setQueryData(setupStatusQuery.queryKey, { needed: false });
      await navigate('/', { replace: true });
    },
    onError: showServerError,
  });

  const validate = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!values.organisationName.trim()) found.organisationName = t('validation.required');
    else if (!isStorableText(values.organisationName))
      found.organisationName = t('validation.invalidCharacters');
    if (!values.name.trim()) found.name = t('validation.required');
    else if (!isStorableText(values.name)) found.name = t('validation.invalidCharacters');
    if (!values.email.trim()) found.email = t('validation.required');
    else if (!isEmail(values.email)) found.email = t('validation.email');
    if (values.password.length < MIN_PASSWORD_LENGTH) found.password = t('validation.passwordTooShort');
    if (values.confirmPassword !== values.password) found.confirmPassword = t('validation.passwordMismatch');
    return found;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (setup.isPending) return;
    if (show(validate())) return;
    setup.mutate({
      token,
      organisationName: values.organisationName.trim(),
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
    });
  };

  const bind = (field: Field) => ({
    id: `setup-${field}`,
    name: field,
    value: values[field],
    error: errors[field],
    required: true,
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value }),
  });

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <p>{t('setup.intro')}</p>
      <p className="hint">{t('app.requiredNote')}</p>
      <ErrorAlert error={formError} />
      <TextField
        label={t('setup.organisationName')}
        autoComplete="organization"
        {...bind('organisationName')}
      />
      <TextField label={t('setup.name')} autoComplete="name" {...bind('name')} />
      <TextField
        label={t('setup.email')}
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        {...bind('email')}
      />
      <TextField
        label={t('setup.password')}
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        hint={t('setup.passwordHint')}
        {...bind('password')}
      />
      <TextField
        label={t('setup.confirmPassword')}
        type="password"
        autoComplete="new-password"
        {...bind('confirmPassword')}
      />
      <SubmitButton pending={setup.isPending}>{t('setup.submit')}</SubmitButton>
    </form>
  );
}
