import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { enumValue, enumValues, type TurnoverBand } from '../../data/graphql';
import { parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isStorableText } from '../../validation';
import { centsOf, useCertificationCommand } from './journey';
import { certificationMessages } from './messages';

const BANDS = enumValues<TurnoverBand>(certificationMessages.fr.turnoverBands);

type Done = (message: string) => void;

/** Sets the organisation's turnover band, which the duration grid starts from. */
export function TurnoverBandForm({
  band,
  revision,
  onDone,
}: {
  band: TurnoverBand | null;
  revision: number;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string>(band ?? '');
  const { mutation, stale } = useCertificationCommand('/api/certification/turnover-band', revision);
  const { errors, formError, show, showServerError } = useFormErrors(['band'] as const, 'certification');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const chosen = enumValue(BANDS, value);
    if (show(chosen ? {} : { band: t('validation.required') }) || !chosen) return;
    mutation.mutate(
      { band: chosen },
      { onSuccess: () => onDone(t('certification.bandSaved')), onError: showServerError },
    );
  };
  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      {stale && <p role="alert">{t('certification.stale')}</p>}
      <ErrorAlert error={formError} />
      <SelectField
        id="certification-band"
        label={t('certification.turnoverBand')}
        value={value}
        error={errors.band}
        onChange={(event) => setValue(event.target.value)}
      >
        <option value="">{t('certification.chooseBand')}</option>
        {BANDS.map((option) => (
          <option key={option} value={option}>
            {t(`turnoverBands.${option}`)}
          </option>
        ))}
      </SelectField>
      <SubmitButton pending={mutation.isPending}>{t('certification.saveBand')}</SubmitButton>
    </form>
  );
}

const CERTIFIER_FIELDS = ['name', 'accreditationRef'] as const;

/** Records the certifier chosen for the journey. */
export function CertifierForm({
  journeyId,
  revision,
  onDone,
}: {
  journeyId: string;
  revision: number;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ name: '', accreditationRef: '' });
  const { mutation, stale } = useCertificationCommand(
    `/api/certification/journeys/${journeyId}/certifier`,
    revision,
  );
  const { errors, formError, show, showServerError } = useFormErrors(CERTIFIER_FIELDS, 'certifier');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: Partial<Record<(typeof CERTIFIER_FIELDS)[number], string>> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    for (const field of CERTIFIER_FIELDS) {
      if (!isStorableText(values[field])) found[field] = t('validation.invalidCharacters');
    }
    if (show(found)) return;
    mutation.mutate(
      { name: values.name.trim(), accreditationRef: values.accreditationRef.trim() || null },
      { onSuccess: () => onDone(t('certification.certifierSaved')), onError: showServerError },
    );
  };
  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      {stale && <p role="alert">{t('certification.stale')}</p>}
      <ErrorAlert error={formError} />
      <div className="field-row">
        <TextField
          id="certifier-name"
          label={t('certification.certifierName')}
          required
          maxLength={200}
          value={values.name}
          error={errors.name}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
        />
        <TextField
          id="certifier-accreditationRef"
          label={t('certification.accreditationRef')}
          maxLength={100}
          value={values.accreditationRef}
          error={errors.accreditationRef}
          onChange={(event) => setValues({ ...values, accreditationRef: event.target.value })}
        />
      </div>
      <SubmitButton pending={mutation.isPending}>{t('certification.chooseCertifier')}</SubmitButton>
    </form>
  );
}

const QUOTE_FIELDS = ['certifier', 'initialAuditCents', 'yearlyFollowUpCents', 'receivedOn'] as const;

/** Records a certifier's quote; its id, made once per quote typed, makes a resend safe. */
export function QuoteForm({
  journeyId,
  revision,
  onDone,
}: {
  journeyId: string;
  revision: number;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const today = parisToday();
  const empty = () => ({
    quoteId: crypto.randomUUID(),
    certifier: '',
    initialAuditCents: '',
    yearlyFollowUpCents: '',
    receivedOn: today,
  });
  const [values, setValues] = useState(empty);
  const { mutation, stale } = useCertificationCommand(
    `/api/certification/journeys/${journeyId}/quotes`,
    revision,
  );
  const { errors, formError, show, showServerError } = useFormErrors(QUOTE_FIELDS, 'quote');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: Partial<Record<(typeof QUOTE_FIELDS)[number], string>> = {};
    if (!values.certifier.trim()) found.certifier = t('validation.required');
    else if (!isStorableText(values.certifier)) found.certifier = t('validation.invalidCharacters');
    const initial = centsOf(values.initialAuditCents);
    const yearly = centsOf(values.yearlyFollowUpCents);
    if (initial === null) found.initialAuditCents = t('certification.invalidAmount');
    if (yearly === null) found.yearlyFollowUpCents = t('certification.invalidAmount');
    if (!values.receivedOn) found.receivedOn = t('validation.required');
    else if (values.receivedOn > today) found.receivedOn = t('certification.dateInFuture');
    if (show(found)) return;
    mutation.mutate(
      {
        quoteId: values.quoteId,
        certifier: values.certifier.trim(),
        initialAuditCents: initial,
        yearlyFollowUpCents: yearly,
        receivedOn: values.receivedOn,
      },
      {
        onSuccess: () => {
          setValues(empty());
          onDone(t('certification.quoteSaved'));
        },
        onError: showServerError,
      },
    );
  };
  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      {stale && <p role="alert">{t('certification.stale')}</p>}
      <ErrorAlert error={formError} />
      <TextField
        id="quote-certifier"
        label={t('certification.quoteCertifier')}
        required
        maxLength={200}
        value={values.certifier}
        error={errors.certifier}
        onChange={(event) => setValues({ ...values, certifier: event.target.value })}
      />
      <div className="field-row">
        <TextField
          id="quote-initialAuditCents"
          label={t('certification.quoteInitial')}
          inputMode="decimal"
          required
          value={values.initialAuditCents}
          error={errors.initialAuditCents}
          onChange={(event) => setValues({ ...values, initialAuditCents: event.target.value })}
        />
        <TextField
          id="quote-yearlyFollowUpCents"
          label={t('certification.quoteYearly')}
          inputMode="decimal"
          required
          value={values.yearlyFollowUpCents}
          error={errors.yearlyFollowUpCents}
          onChange={(event) => setValues({ ...values, yearlyFollowUpCents: event.target.value })}
        />
        <TextField
          id="quote-receivedOn"
          label={t('certification.quoteReceived')}
          type="date"
          required
          max={today}
          value={values.receivedOn}
          error={errors.receivedOn}
          onChange={(event) => setValues({ ...values, receivedOn: event.target.value })}
        />
      </div>
      <SubmitButton pending={mutation.isPending}>{t('certification.addQuote')}</SubmitButton>
    </form>
  );
}

const LABEL_FIELDS = ['name', 'heldSince'] as const;

/** Declares the quality label the organisation holds (the reduced audit rests on it), or removes it. */
export function LabelForm({
  label,
  revision,
  onDone,
}: {
  label: { name: string; heldSince: string } | null;
  revision: number;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const today = parisToday();
  const [values, setValues] = useState({ name: label?.name ?? '', heldSince: label?.heldSince ?? '' });
  const { mutation, stale } = useCertificationCommand('/api/certification/quality-label', revision);
  const { errors, formError, show, showServerError } = useFormErrors(LABEL_FIELDS, 'label');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: Partial<Record<(typeof LABEL_FIELDS)[number], string>> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    else if (!isStorableText(values.name)) found.name = t('validation.invalidCharacters');
    if (!values.heldSince) found.heldSince = t('validation.required');
    else if (values.heldSince > today) found.heldSince = t('certification.dateInFuture');
    if (show(found)) return;
    mutation.mutate(
      { label: { name: values.name.trim(), heldSince: values.heldSince } },
      { onSuccess: () => onDone(t('certification.labelSaved')), onError: showServerError },
    );
  };
  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      {stale && <p role="alert">{t('certification.stale')}</p>}
      <ErrorAlert error={formError} />
      <div className="field-row">
        <TextField
          id="label-name"
          label={t('certification.labelName')}
          required
          maxLength={200}
          value={values.name}
          error={errors.name}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
        />
        <TextField
          id="label-heldSince"
          label={t('certification.labelSince')}
          type="date"
          required
          max={today}
          value={values.heldSince}
          error={errors.heldSince}
          onChange={(event) => setValues({ ...values, heldSince: event.target.value })}
        />
      </div>
      <SubmitButton pending={mutation.isPending}>{t('certification.saveLabel')}</SubmitButton>
      {label && (
        <button
          type="button"
          className="button"
          onClick={() =>
            mutation.mutate({ label: null }, { onSuccess: () => onDone(t('certification.labelSaved')) })
          }
        >
          {t('certification.removeLabel')}
        </button>
      )}
    </form>
  );
}
