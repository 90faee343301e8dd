import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { useFormErrors } from '../../hooks/useFormErrors';
import { Facts, TextAreaField } from './fields';
import { type OrganisationProfile, useProfileCommand } from './organisation';

const FIELDS = ['controller', 'purpose', 'retention', 'contact'] as const;
type Field = (typeof FIELDS)[number];
const LABELS = {
  controller: 'organisation.privacyController',
  purpose: 'organisation.privacyPurpose',
  retention: 'organisation.privacyRetention',
  contact: 'organisation.privacyContact',
} as const satisfies Record<Field, string>;

/** What public forms say about the answers' processing; starts from the default French text. */
export function PrivacyNoticeSection({
  profile,
  canEdit,
  onSaved,
}: {
  profile: OrganisationProfile;
  canEdit: boolean;
  onSaved: (section: string) => void;
}) {
  const { t } = useTranslation();
  const title = t('organisation.privacyTitle');
  const notice = profile.privacyNotice;
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    controller: notice.controller,
    purpose: notice.purpose,
    retention: notice.retention,
    contact: notice.contact,
  }));
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'privacy');
  const save = useProfileCommand<Record<Field, string>>(profile, () => 'privacy-notice', {
    onSuccess: () => {
      show({});
      onSaved(title);
    },
    onError: showServerError,
  });
  const heading = (
    <h2 id="privacy-title">
      {title} {notice.isDefault && <span className="badge">{t('organisation.privacyDefault')}</span>}
    </h2>
  );

  if (!canEdit) {
    return (
      <section aria-labelledby="privacy-title" className="panel">
        {heading}
        <Facts items={FIELDS.map((field) => ({ label: t(LABELS[field]), value: notice[field] }))} />
      </section>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const missing = FIELDS.filter((field) => !values[field].trim());
    if (show(Object.fromEntries(missing.map((field) => [field, t('validation.required')])))) return;
    save.mutate(values);
  };

  return (
    <section aria-labelledby="privacy-title">
      {heading}
      <form className="form panel" noValidate onSubmit={onSubmit}>
        <p className="hint">{t('organisation.privacyHint')}</p>
        <ErrorAlert error={formError} />
        {FIELDS.map((field) => (
          <TextAreaField
            key={field}
            id={`privacy-${field}`}
            label={t(LABELS[field])}
            required
            value={values[field]}
            error={errors[field]}
            onChange={(event) => setValues({ ...values, [field]: event.target.value })}
          />
        ))}
        <SubmitButton pending={save.isPending}>{t('organisation.save')}</SubmitButton>
      </form>
    </section>
  );
}
