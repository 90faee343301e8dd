import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { type ComplainantGroup, type ComplaintChannel, enumValue, enumValues } from '../../data/graphql';
import { useSessionChoices } from '../../data/sessions';
import { errorMessage } from '../../errorMessages';
import { parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isEmail, isStorableText } from '../../validation';
import { useComplaintHandlers } from './complaints';
import { complaintsMessages } from './messages';

/** Staff record what reached them otherwise; the online form is the public page's channel. */
const STAFF_CHANNELS = enumValues<ComplaintChannel>(complaintsMessages.fr.complaintChannels).filter(
  (channel) => channel !== 'web_form',
);
const GROUPS = enumValues<ComplainantGroup>(complaintsMessages.fr.complainantGroups);

const FIELDS = [
  'channel',
  'receivedOn',
  'group',
  'name',
  'email',
  'phone',
  'postalAddress',
  'sessionId',
  'site',
  'text',
  'ownerId',
] as const;
type Field = (typeof FIELDS)[number];

/** The server's limits, mirrored so that a person learns of them before sending. */
const MAX: Partial<Record<Field, number>> = {
  name: 200,
  email: 254,
  phone: 40,
  postalAddress: 500,
  site: 200,
  text: 10_000,
};

/** Which field a refusal of the server is about. */
const FIELD_OF_CODE: Record<string, Field> = {
  date_in_future: 'receivedOn',
  complainant_name_missing: 'name',
  complainant_contact_missing: 'email',
  complaint_text_missing: 'text',
  session_not_found: 'sessionId',
  owner_not_member: 'ownerId',
  owner_cannot_handle: 'ownerId',
};

interface Values {
  channel: ComplaintChannel;
  receivedOn: string;
  group: ComplainantGroup;
  anonymous: boolean;
  name: string;
  email: string;
  phone: string;
  postalAddress: string;
  sessionId: string;
  site: string;
  text: string;
  ownerId: string;
}

const orNull = (value: string) => value.trim() || null;

/** Recording a complaint received by phone, letter, e-mail or in person; what was typed stays on any error. */
export function ComplaintForm({ onDone }: { onDone: (answer: { id: string; position: number }) => void }) {
  const { t } = useTranslation();
  const today = parisToday();
  const [values, setValues] = useState<Values>({
    channel: 'phone',
    receivedOn: today,
    group: 'learner',
    anonymous: false,
    name: '',
    email: '',
    phone: '',
    postalAddress: '',
    sessionId: '',
    site: '',
    text: '',
    ownerId: '',
  });
  const set = <Key extends keyof Values>(key: Key, value: Values[Key]) =>
    setValues({ ...values, [key]: value });
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, 'complaint');
  const sessions = useSessionChoices();
  const handlers = useComplaintHandlers(true);
  const send = useMutation({
    mutationFn: (body: object) => command<{ id: string; position: number }>('/api/complaints', body),
    onSuccess: onDone,
    onError: (error) => {
      const field = isApiError(error) ? FIELD_OF_CODE[error.code] : undefined;
      if (field) {
        show({ [field]: errorMessage(t, error) });
        return;
      }
      showServerError(error);
    },
  });

  const validate = (input: Values) => {
    const found: Partial<Record<Field, string>> = {};
    if (!input.receivedOn) found.receivedOn = t('validation.required');
    else if (input.receivedOn > today) found.receivedOn = t('complaintForm.futureDate');
    if (!input.anonymous) {
      if (!input.name.trim()) found.name = t('errors.complainant_name_missing');
      if (input.email.trim() && !isEmail(input.email)) found.email = t('validation.email');
      else if (![input.email, input.phone, input.postalAddress].some((value) => value.trim())) {
        found.email = t('complaintForm.contactMissing');
      }
    }
    if (!input.text.trim()) found.text = t('errors.complaint_text_missing');
    for (const [field, max] of Object.entries(MAX) as [Field, number][]) {
      const value = input[field as keyof Values];
      if (found[field] || typeof value !== 'string') continue;
      if (value.trim().length > max) found[field] = t('complaintForm.tooLong', { max });
      else if (!isStorableText(value)) found[field] = t('validation.invalidCharacters');
    }
    return found;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending || show(validate(values))) return;
    const named = !values.anonymous;
    send.mutate({
      channel: values.channel,
      receivedOn: values.receivedOn,
      group: values.group,
      anonymous: values.anonymous,
      name: named ? orNull(values.name) : null,
      email: named ? orNull(values.email) : null,
      phone: named ? orNull(values.phone) : null,
      postalAddress: named ? orNull(values.postalAddress) : null,
      sessionId: values.sessionId || null,
      site: orNull(values.site),
      text: values.text,
      ownerId: values.ownerId || null,
    });
  };

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      <div className="field-row">
        <SelectField
          id="complaint-channel"
          label={t('complaintForm.channel')}
          value={values.channel}
          onChange={(event) =>
            set('channel', enumValue(STAFF_CHANNELS, event.target.value) ?? values.channel)
          }
        >
          {STAFF_CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`complaintChannels.${channel}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="complaint-receivedOn"
          label={t('complaintForm.receivedOn')}
          type="date"
          required
          max={today}
          value={values.receivedOn}
          error={errors.receivedOn}
          onChange={(event) => set('receivedOn', event.target.value)}
        />
      </div>
      <SelectField
        id="complaint-group"
        label={t('complaintForm.group')}
        value={values.group}
        onChange={(event) => set('group', enumValue(GROUPS, event.target.value) ?? values.group)}
      >
        {GROUPS.map((group) => (
          <option key={group} value={group}>
            {t(`complainantGroups.${group}`)}
          </option>
        ))}
      </SelectField>
      <div className="field field-checkbox">
        <input
          id="complaint-anonymous"
          type="checkbox"
          checked={values.anonymous}
          onChange={(event) => set('anonymous', event.target.checked)}
        />
        <label htmlFor="complaint-anonymous">{t('complaintForm.anonymous')}</label>
      </div>
      {!values.anonymous && (
        <>
          <TextField
            id="complaint-name"
            label={t('complaintForm.name')}
            required
            autoComplete="off"
            value={values.name}
            error={errors.name}
            onChange={(event) => set('name', event.target.value)}
          />
          <p className="hint">{t('complaintForm.contactHint')}</p>
          <TextField
            id="complaint-email"
            label={t('complaintForm.email')}
            hint={t('complaintForm.emailHint')}
            type="email"
            autoComplete="off"
            value={values.email}
            error={errors.email}
            onChange={(event) => set('email', event.target.value)}
          />
          <TextField
            id="complaint-phone"
            label={t('complaintForm.phone')}
            hint={t('complaintForm.optional')}
            type="tel"
            autoComplete="off"
            value={values.phone}
            error={errors.phone}
            onChange={(event) => set('phone', event.target.value)}
          />
          <TextAreaField
            id="complaint-postalAddress"
            label={t('complaintForm.postalAddress')}
            hint={t('complaintForm.optional')}
            rows={2}
            value={values.postalAddress}
            error={errors.postalAddress}
            onChange={(event) => set('postalAddress', event.target.value)}
          />
        </>
      )}
      <SelectField
        id="complaint-sessionId"
        label={t('complaintForm.session')}
        hint={t('complaintForm.optional')}
        value={values.sessionId}
        error={errors.sessionId}
        onChange={(event) => set('sessionId', event.target.value)}
      >
        <option value="">{t('complaintForm.noSession')}</option>
        {sessions.data?.map((session) => (
          <option key={session.id} value={session.id}>
            {session.label}
          </option>
        ))}
      </SelectField>
      <TextField
        id="complaint-site"
        label={t('complaintForm.site')}
        hint={t('complaintForm.optional')}
        autoComplete="off"
        value={values.site}
        error={errors.site}
        onChange={(event) => set('site', event.target.value)}
      />
      <TextAreaField
        id="complaint-text"
        label={t('complaintForm.text')}
        hint={t('complaintForm.textHint')}
        required
        rows={6}
        value={values.text}
        error={errors.text}
        onChange={(event) => set('text', event.target.value)}
      />
      <SelectField
        id="complaint-ownerId"
        label={t('complaintForm.owner')}
        value={values.ownerId}
        error={errors.ownerId}
        onChange={(event) => set('ownerId', event.target.value)}
      >
        <option value="">{t('complaintForm.noOwner')}</option>
        {handlers.data?.map((handler) => (
          <option key={handler.id} value={handler.id}>
            {handler.displayName}
          </option>
        ))}
      </SelectField>
      <SubmitButton pending={send.isPending}>{t('complaintForm.submit')}</SubmitButton>
    </form>
  );
}
