import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isStorableText } from '../../validation';
import type { PartnerView } from './network';
import { useNetworkCommand } from './useNetworkCommand';

const FIELDS = ['partnerId', 'on', 'subject', 'outcome'] as const;

/** Records a meeting held with a partner; its id, made once per meeting typed, makes a resend safe. */
export function MeetingForm({
  partners,
  onDone,
}: {
  partners: readonly PartnerView[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const today = parisToday();
  const empty = () => ({
    meetingId: crypto.randomUUID(),
    partnerId: '',
    on: today,
    subject: '',
    outcome: '',
  });
  const [values, setValues] = useState(empty);
  const { mutation } = useNetworkCommand('/api/disability-network/meetings');
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'meeting');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: Partial<Record<(typeof FIELDS)[number], string>> = {};
    for (const field of FIELDS) {
      if (!values[field].trim()) found[field] = t('validation.required');
      else if (!isStorableText(values[field])) found[field] = t('validation.invalidCharacters');
    }
    if (values.on > today) found.on = t('disabilityNetwork.dateInFuture');
    if (show(found)) return;
    mutation.mutate(
      { ...values, subject: values.subject.trim(), outcome: values.outcome.trim() },
      {
        onSuccess: () => {
          setValues(empty());
          onDone(t('disabilityNetwork.meetingRecorded'));
        },
        onError: (error) => showServerError(error),
      },
    );
  };

  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      <div className="field-row">
        <SelectField
          id="meeting-partnerId"
          label={t('disabilityNetwork.meetingPartner')}
          value={values.partnerId}
          error={errors.partnerId}
          onChange={(event) => setValues({ ...values, partnerId: event.target.value })}
        >
          <option value="">{t('disabilityNetwork.choosePartner')}</option>
          {partners.map((partner) => (
            <option key={partner.id} value={partner.id}>
              {partner.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id="meeting-on"
          label={t('disabilityNetwork.meetingOn')}
          type="date"
          required
          max={today}
          value={values.on}
          error={errors.on}
          onChange={(event) => setValues({ ...values, on: event.target.value })}
        />
      </div>
      <TextField
        id="meeting-subject"
        label={t('disabilityNetwork.meetingSubject')}
        required
        maxLength={300}
        value={values.subject}
        error={errors.subject}
        onChange={(event) => setValues({ ...values, subject: event.target.value })}
      />
      <TextAreaField
        id="meeting-outcome"
        label={t('disabilityNetwork.meetingOutcome')}
        required
        rows={3}
        maxLength={3000}
        value={values.outcome}
        error={errors.outcome}
        onChange={(event) => setValues({ ...values, outcome: event.target.value })}
      />
      <SubmitButton pending={mutation.isPending}>{t('disabilityNetwork.recordMeeting')}</SubmitButton>
    </form>
  );
}
