import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { errorMessage } from '../../errorMessages';
import { useFormErrors } from '../../hooks/useFormErrors';
import { Facts } from './fields';
import { type OrganisationProfile, useProfileCommand } from './organisation';

const FIELDS = [
  'legalName',
  'siret',
  'nda',
  'address.street',
  'address.complement',
  'address.postalCode',
  'address.city',
  'contactEmail',
] as const;
type Field = (typeof FIELDS)[number];

/** Server codes that belong to one field. */
const FIELD_OF_CODE: Partial<Record<string, Field>> = { invalid_siret: 'siret', invalid_nda: 'nda' };

const valuesOf = (profile: OrganisationProfile): Record<Field, string> => ({
  legalName: profile.legalName ?? '',
  siret: profile.siret ?? '',
  nda: profile.nda ?? '',
  'address.street': profile.address?.street ?? '',
  'address.complement': profile.address?.complement ?? '',
  'address.postalCode': profile.address?.postalCode ?? '',
  'address.city': profile.address?.city ?? '',
  contactEmail: profile.contactEmail ?? '',
});

const OPTIONAL: readonly Field[] = ['nda', 'address.complement'];

/** Legal name, SIRET, NDA, address and public contact e-mail. */
export function IdentitySection({
  profile,
  canEdit,
  onSaved,
}: {
  profile: OrganisationProfile;
  canEdit: boolean;
  onSaved: (section: string) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => valuesOf(profile));
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'identity');
  const title = t('organisation.identityTitle');
  const save = useProfileCommand(profile, () => 'identity', {
    onSuccess: () => {
      show({});
      onSaved(title);
    },
    onError: (error) => {
      const field = isApiError(error) ? FIELD_OF_CODE[error.code] : undefined;
      if (field) show({ [field]: errorMessage(t, error) });
      else showServerError(error);
    },
  });
  const labels: Record<Field, string> = {
    legalName: t('organisation.legalName'),
    siret: t('organisation.siret'),
    nda: t('organisation.nda'),
    'address.street': t('organisation.street'),
    'address.complement': t('organisation.complement'),
    'address.postalCode': t('organisation.postalCode'),
    'address.city': t('organisation.city'),
    contactEmail: t('organisation.contactEmail'),
  };

  if (!canEdit) {
    const notSet = t('organisation.notSet');
    const address = profile.address
      ? [
          profile.address.street,
          profile.address.complement,
          `${profile.address.postalCode} ${profile.address.city}`,
        ]
          .filter(Boolean)
          .join(', ')
      : notSet;
    return (
      <section aria-labelledby="identity-title" className="panel">
        <h2 id="identity-title">{title}</h2>
        <Facts
          items={[
            { label: labels.legalName, value: profile.legalName ?? notSet },
            { label: labels.siret, value: profile.siret ?? notSet },
            { label: labels.nda, value: profile.nda ?? notSet },
            { label: labels['address.street'], value: address },
            { label: labels.contactEmail, value: profile.contactEmail ?? notSet },
          ]}
        />
      </section>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const missing = Object.fromEntries(
      FIELDS.filter((field) => !OPTIONAL.includes(field) && !values[field].trim()).map((field) => [
        field,
        t('validation.required'),
      ]),
    );
    if (show(missing)) return;
    save.mutate({
      legalName: values.legalName,
      siret: values.siret,
      nda: values.nda,
      address: {
        street: values['address.street'],
        complement: values['address.complement'],
        postalCode: values['address.postalCode'],
        city: values['address.city'],
      },
      contactEmail: values.contactEmail,
    });
  };

  const field = (
    name: Field,
    extra: { hint?: string; type?: string; autoComplete?: string; inputMode?: 'numeric' } = {},
  ) => (
    <TextField
      id={`identity-${name}`}
      name={name}
      label={labels[name]}
      required={!OPTIONAL.includes(name)}
      value={values[name]}
      error={errors[name]}
      onChange={(event) => setValues({ ...values, [name]: event.target.value })}
      {...extra}
    />
  );

  return (
    <section aria-labelledby="identity-title">
      <h2 id="identity-title">{title}</h2>
      <form className="form panel" noValidate onSubmit={onSubmit}>
        <ErrorAlert error={formError} />
        {field('legalName', { autoComplete: 'organization' })}
        <div className="field-row">
          {field('siret', { hint: t('organisation.siretHint'), inputMode: 'numeric' })}
          {field('nda', { hint: t('organisation.ndaHint'), inputMode: 'numeric' })}
        </div>
        {field('address.street', { autoComplete: 'address-line1' })}
        {field('address.complement', { autoComplete: 'address-line2' })}
        <div className="field-row">
          {field('address.postalCode', { autoComplete: 'postal-code', inputMode: 'numeric' })}
          {field('address.city', { autoComplete: 'address-level2' })}
        </div>
        {field('contactEmail', {
          type: 'email',
          autoComplete: 'email',
          hint: t('organisation.contactEmailHint'),
        })}
        <SubmitButton pending={save.isPending}>{t('organisation.save')}</SubmitButton>
      </form>
    </section>
  );
}
