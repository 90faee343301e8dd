import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { enumValue, enumValues } from '../../data/graphql';
import { formatDate } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { Facts } from './fields';
import { organisationMessages } from './messages';
import { type AuditKind, type OrganisationProfile, useProfileCommand } from './organisation';

const AUDIT_KINDS = enumValues<AuditKind>(organisationMessages.fr.auditKinds);
const FIELDS = ['certifierName', 'certificateNumber', 'issuedOn', 'expiresOn', 'audits'] as const;

interface Certification {
  certifierName: string;
  certificateNumber: string;
  issuedOn: string;
  expiresOn: string;
  audits: { kind: AuditKind; on: string }[];
}

const valuesOf = (profile: OrganisationProfile): Certification => ({
  certifierName: profile.certification?.certifierName ?? '',
  certificateNumber: profile.certification?.certificateNumber ?? '',
  issuedOn: profile.certification?.issuedOn ?? '',
  expiresOn: profile.certification?.expiresOn ?? '',
  audits: profile.certification?.audits.map((audit) => ({ ...audit })) ?? [],
});

/** The Qualiopi certificate and its audits, as the certifier recorded them. */
export function CertificationSection({
  profile,
  canEdit,
  onSaved,
}: {
  profile: OrganisationProfile;
  canEdit: boolean;
  onSaved: (section: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const title = t('organisation.certificationTitle');
  const [values, setValues] = useState(() => valuesOf(profile));
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'certification');
  const save = useProfileCommand<Certification>(profile, () => 'certification', {
    onSuccess: () => {
      show({});
      onSaved(title);
    },
    onError: showServerError,
  });
  const date = (day: string) => formatDate(day, i18n.language);

  if (!canEdit) {
    const certification = profile.certification;
    return (
      <section aria-labelledby="certification-title" className="panel">
        <h2 id="certification-title">{title}</h2>
        {certification ? (
          <Facts
            items={[
              { label: t('organisation.certifierName'), value: certification.certifierName },
              { label: t('organisation.certificateNumber'), value: certification.certificateNumber },
              { label: t('organisation.issuedOn'), value: date(certification.issuedOn) },
              { label: t('organisation.expiresOn'), value: date(certification.expiresOn) },
              ...certification.audits.map((audit) => ({
                label: t(`auditKinds.${audit.kind}`),
                value: date(audit.on),
              })),
            ]}
          />
        ) : (
          <p>{t('organisation.notSet')}</p>
        )}
      </section>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const required = (['certifierName', 'certificateNumber', 'issuedOn', 'expiresOn'] as const).filter(
      (field) => !values[field].trim(),
    );
    const found = Object.fromEntries(required.map((field) => [field, t('validation.required')]));
    if (values.audits.some((audit) => !audit.on)) found.audits = t('validation.required');
    if (show(found)) return;
    save.mutate(values);
  };
  const setAudit = (index: number, change: Partial<Certification['audits'][number]>) =>
    setValues({
      ...values,
      audits: values.audits.map((audit, at) => (at === index ? { ...audit, ...change } : audit)),
    });

  return (
    <section aria-labelledby="certification-title">
      <h2 id="certification-title">{title}</h2>
      <form className="form panel" noValidate onSubmit={onSubmit}>
        <ErrorAlert error={formError} />
        <div className="field-row">
          <TextField
            id="certification-certifierName"
            label={t('organisation.certifierName')}
            required
            value={values.certifierName}
            error={errors.certifierName}
            onChange={(event) => setValues({ ...values, certifierName: event.target.value })}
          />
          <TextField
            id="certification-certificateNumber"
            label={t('organisation.certificateNumber')}
            required
            value={values.certificateNumber}
            error={errors.certificateNumber}
            onChange={(event) => setValues({ ...values, certificateNumber: event.target.value })}
          />
        </div>
        <div className="field-row">
          <TextField
            id="certification-issuedOn"
            type="date"
            label={t('organisation.issuedOn')}
            required
            value={values.issuedOn}
            error={errors.issuedOn}
            onChange={(event) => setValues({ ...values, issuedOn: event.target.value })}
          />
          <TextField
            id="certification-expiresOn"
            type="date"
            label={t('organisation.expiresOn')}
            required
            value={values.expiresOn}
            error={errors.expiresOn}
            onChange={(event) => setValues({ ...values, expiresOn: event.target.value })}
          />
        </div>
        <fieldset>
          <legend>{t('organisation.auditsLegend')}</legend>
          {errors.audits && (
            <p className="field-error" id="certification-audits" role="alert" tabIndex={-1}>
              {errors.audits}
            </p>
          )}
          {values.audits.map((audit, index) => (
            // Audits have no id of their own: their place in the list is what the form edits.
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
            <div key={index} className="field-row">
              <SelectField
                id={`certification-audit-${index}-kind`}
                label={t('organisation.auditKind')}
                value={audit.kind}
                onChange={(event) =>
                  setAudit(index, { kind: enumValue(AUDIT_KINDS, event.target.value) ?? audit.kind })
                }
              >
                {AUDIT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`auditKinds.${kind}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                id={`certification-audit-${index}-on`}
                type="date"
                label={t('organisation.auditOn')}
                required
                value={audit.on}
                onChange={(event) => setAudit(index, { on: event.target.value })}
              />
              <button
                type="button"
                className="button button-secondary"
                onClick={() =>
                  setValues({ ...values, audits: values.audits.filter((_, at) => at !== index) })
                }
              >
                {t('organisation.auditRemove', {
                  date: audit.on ? date(audit.on) : t('organisation.auditNew'),
                })}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              setValues({ ...values, audits: [...values.audits, { kind: 'surveillance', on: '' }] })
            }
          >
            {t('organisation.auditAdd')}
          </button>
        </fieldset>
        <SubmitButton pending={save.isPending}>{t('organisation.save')}</SubmitButton>
      </form>
    </section>
  );
}
