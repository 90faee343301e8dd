import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { command, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { type ContactKind, enumValue, enumValues, type PartnerGroup } from '../../data/graphql';
import { useSessionChoices } from '../../data/sessions';
import { parisToday } from '../../format';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isStorableText } from '../../validation';
import { contactLogMessages } from './messages';

const GROUPS = enumValues<PartnerGroup>(contactLogMessages.fr.partnerGroups);
const KINDS = enumValues<ContactKind>(contactLogMessages.fr.contactKinds);
const FIELDS = [
  'group',
  'partnerName',
  'kind',
  'contactOn',
  'people',
  'said',
  'sessionId',
  'followUp',
] as const;
type Field = (typeof FIELDS)[number];

export interface ContactValues {
  group: PartnerGroup;
  partnerName: string;
  kind: ContactKind;
  contactOn: string;
  people: { name: string; role: string }[];
  said: string;
  /** The session it was about, or '' for none. */
  sessionId: string;
  followUp: string;
}

export const EMPTY_CONTACT: ContactValues = {
  group: 'funder',
  partnerName: '',
  kind: 'meeting',
  contactOn: '',
  people: [{ name: '', role: '' }],
  said: '',
  sessionId: '',
  followUp: '',
};

/**
 * Logging a contact, or correcting one (with the revision the page shows, as If-Match). What was typed stays on
 * any error; a stale revision reloads the page's data and says so.
 */
export function ContactForm({
  id,
  path,
  initial,
  revision,
  submitLabel,
  initialSessionLabel,
  onDone,
}: {
  /** Prefix of the inputs' ids. */
  id: string;
  path: string;
  initial: ContactValues;
  revision?: number;
  submitLabel: string;
  /** How the contact's session reads when the session list no longer offers it. */
  initialSessionLabel?: string;
  onDone: (answer: { id: string; changed?: boolean }, values: ContactValues) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ContactValues>(initial);
  const { errors, formError, show, showServerError } = useFormErrors(FIELDS, id);
  const today = parisToday();
  const sessions = useSessionChoices();

  const send = useMutation({
    mutationFn: (body: object) =>
      command<{ id: string; changed?: boolean }>(
        path,
        body,
        revision === undefined ? {} : { ifMatch: revision },
      ),
    onSuccess: (answer, _body) => onDone(answer, values),
    onError: (error) => {
      if (isApiError(error) && error.code === 'revision_conflict') void queryClient.invalidateQueries();
      if (isApiError(error) && error.code === 'contact_date_in_future') {
        show({ contactOn: t('contactForm.futureDate') });
        return;
      }
      if (isApiError(error) && error.code === 'people_missing') {
        show({ people: t('errors.people_missing') });
        return;
      }
      showServerError(error);
    },
  });

  const validate = (input: ContactValues) => {
    const found: Partial<Record<Field, string>> = {};
    if (!input.partnerName.trim()) found.partnerName = t('validation.required');
    if (!input.contactOn) found.contactOn = t('validation.required');
    else if (input.contactOn > today) found.contactOn = t('contactForm.futureDate');
    if (input.people.every((person) => !person.name.trim())) found.people = t('errors.people_missing');
    if (!input.said.trim()) found.said = t('validation.required');
    for (const field of ['partnerName', 'said', 'followUp'] as const) {
      if (!found[field] && !isStorableText(input[field])) found[field] = t('validation.invalidCharacters');
    }
    return found;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending) return;
    if (show(validate(values))) return;
    send.mutate({
      group: values.group,
      partnerName: values.partnerName.trim(),
      kind: values.kind,
      contactOn: values.contactOn,
      // A row left empty is no one.
      people: values.people
        .filter((person) => person.name.trim())
        .map((person) => ({ name: person.name.trim(), role: person.role.trim() || null })),
      said: values.said,
      sessionId: values.sessionId || null,
      followUp: values.followUp,
    });
  };

  const setPerson = (index: number, change: Partial<{ name: string; role: string }>) =>
    setValues({
      ...values,
      people: values.people.map((person, at) => (at === index ? { ...person, ...change } : person)),
    });

  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={formError} />
      <div className="field-row">
        <SelectField
          id={`${id}-group`}
          label={t('contactForm.group')}
          value={values.group}
          onChange={(event) =>
            setValues({ ...values, group: enumValue(GROUPS, event.target.value) ?? values.group })
          }
        >
          {GROUPS.map((group) => (
            <option key={group} value={group}>
              {t(`partnerGroups.${group}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-kind`}
          label={t('contactForm.kind')}
          value={values.kind}
          onChange={(event) =>
            setValues({ ...values, kind: enumValue(KINDS, event.target.value) ?? values.kind })
          }
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`contactKinds.${kind}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        id={`${id}-partnerName`}
        label={t('contactForm.partnerName')}
        hint={t('contactForm.partnerNameHint')}
        autoComplete="organization"
        required
        value={values.partnerName}
        error={errors.partnerName}
        onChange={(event) => setValues({ ...values, partnerName: event.target.value })}
      />
      <TextField
        id={`${id}-contactOn`}
        label={t('contactForm.contactOn')}
        type="date"
        required
        max={today}
        value={values.contactOn}
        error={errors.contactOn}
        onChange={(event) => setValues({ ...values, contactOn: event.target.value })}
      />
      <fieldset
        id={`${id}-people`}
        tabIndex={-1}
        aria-describedby={errors.people ? `${id}-people-error` : undefined}
      >
        <legend>{t('contactForm.peopleLegend')}</legend>
        {errors.people && (
          <p className="field-error" id={`${id}-people-error`} role="alert">
            {errors.people}
          </p>
        )}
        {values.people.map((person, index) => {
          const number = index + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <div key={index} className="field-row">
              <TextField
                id={`${id}-person-${index}-name`}
                label={t('contactForm.personName', { number })}
                autoComplete="off"
                value={person.name}
                onChange={(event) => setPerson(index, { name: event.target.value })}
              />
              <TextField
                id={`${id}-person-${index}-role`}
                label={t('contactForm.personRole', { number })}
                hint={t('contactForm.optionalHint')}
                autoComplete="off"
                value={person.role}
                onChange={(event) => setPerson(index, { role: event.target.value })}
              />
              {values.people.length > 1 && (
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() =>
                    setValues({ ...values, people: values.people.filter((_, at) => at !== index) })
                  }
                >
                  {t('contactForm.removePerson', { number })}
                </button>
              )}
            </div>
          );
        })}
        {values.people.length < 20 && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setValues({ ...values, people: [...values.people, { name: '', role: '' }] })}
          >
            {t('contactForm.addPerson')}
          </button>
        )}
      </fieldset>
      <TextAreaField
        id={`${id}-said`}
        label={t('contactForm.said')}
        hint={t('contactForm.saidHint')}
        required
        rows={5}
        value={values.said}
        error={errors.said}
        onChange={(event) => setValues({ ...values, said: event.target.value })}
      />
      <SelectField
        id={`${id}-sessionId`}
        label={t('contactForm.session')}
        hint={t('contactForm.optionalHint')}
        value={values.sessionId}
        error={errors.sessionId}
        onChange={(event) => setValues({ ...values, sessionId: event.target.value })}
      >
        <option value="">{t('contactForm.noSession')}</option>
        {/* A contact already about a session keeps it offered even when it is no longer listed. */}
        {values.sessionId && !sessions.data?.some((session) => session.id === values.sessionId) && (
          <option value={values.sessionId}>{initialSessionLabel ?? values.sessionId}</option>
        )}
        {sessions.data?.map((session) => (
          <option key={session.id} value={session.id}>
            {session.label}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={`${id}-followUp`}
        label={t('contactForm.followUp')}
        hint={t('contactForm.optionalHint')}
        rows={3}
        value={values.followUp}
        error={errors.followUp}
        onChange={(event) => setValues({ ...values, followUp: event.target.value })}
      />
      <SubmitButton pending={send.isPending}>{submitLabel}</SubmitButton>
    </form>
  );
}
