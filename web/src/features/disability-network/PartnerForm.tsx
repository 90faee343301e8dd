import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { type DisabilityPartnerKind, enumValue, enumValues } from '../../data/graphql';
import { useFormErrors } from '../../hooks/useFormErrors';
import { isEmail, isStorableText } from '../../validation';
import { disabilityNetworkMessages } from './messages';
import type { PartnerView } from './network';
import { useNetworkCommand } from './useNetworkCommand';

const KINDS = enumValues<DisabilityPartnerKind>(disabilityNetworkMessages.fr.disabilityPartnerKinds);
const CONTACT_FIELDS = ['name', 'role', 'email', 'phone'] as const;
const MAX_CONTACTS = 20;

interface ContactValues {
  name: string;
  role: string;
  email: string;
  phone: string;
}

interface PartnerValues {
  kind: DisabilityPartnerKind;
  name: string;
  contacts: ContactValues[];
}

const EMPTY_CONTACT: ContactValues = { name: '', role: '', email: '', phone: '' };
const EMPTY_PARTNER: PartnerValues = { kind: 'cap_emploi', name: '', contacts: [] };

const valuesOf = (partner: PartnerView): PartnerValues => ({
  kind: partner.kind,
  name: partner.name,
  contacts: partner.contacts.map((contact) => ({
    name: contact.name,
    role: contact.role ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
  })),
});

const fieldsOf = (values: PartnerValues) => [
  'kind',
  'name',
  ...values.contacts.flatMap((_, index) => CONTACT_FIELDS.map((field) => `contacts.${index}.${field}`)),
];

/**
 * A partner of the network: a new one (no `partner`), or an edit of one, sent with the network's revision. A
 * contact needs a name; its role, e-mail and phone are optional.
 */
export function PartnerForm({
  partner,
  revision,
  onDone,
}: {
  partner?: PartnerView;
  revision: number;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const idPrefix = partner ? `partner-${partner.id}` : 'partner-new';
  const [values, setValues] = useState<PartnerValues>(partner ? valuesOf(partner) : EMPTY_PARTNER);
  const { mutation, stale } = useNetworkCommand(
    partner
      ? `/api/disability-network/partners/${encodeURIComponent(partner.id)}`
      : '/api/disability-network/partners',
    partner ? revision : undefined,
  );
  const fields = fieldsOf(values);
  const { errors, formError, show, showServerError } = useFormErrors(fields, idPrefix);
  const fieldId = (field: string) => `${idPrefix}-${field}`;

  const setContact = (index: number, change: Partial<ContactValues>) =>
    setValues({
      ...values,
      contacts: values.contacts.map((contact, at) => (at === index ? { ...contact, ...change } : contact)),
    });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: Record<string, string> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    values.contacts.forEach((contact, index) => {
      if (!contact.name.trim()) found[`contacts.${index}.name`] = t('validation.required');
      if (contact.email.trim() && !isEmail(contact.email)) {
        found[`contacts.${index}.email`] = t('disabilityNetwork.invalidEmail');
      }
      for (const field of CONTACT_FIELDS) {
        if (!isStorableText(contact[field]))
          found[`contacts.${index}.${field}`] = t('validation.invalidCharacters');
      }
    });
    if (!isStorableText(values.name)) found.name = t('validation.invalidCharacters');
    if (show(found)) return;
    const body = {
      kind: values.kind,
      name: values.name.trim(),
      contacts: values.contacts.map((contact) => ({
        name: contact.name.trim(),
        role: contact.role.trim() || null,
        email: contact.email.trim() || null,
        phone: contact.phone.trim() || null,
      })),
    };
    mutation.mutate(body, {
      onSuccess: () => {
        if (!partner) setValues(EMPTY_PARTNER);
        onDone(t(partner ? 'disabilityNetwork.partnerSaved' : 'disabilityNetwork.partnerAdded'));
      },
      onError: (error) => showServerError(error),
    });
  };

  return (
    <form noValidate className="panel" onSubmit={onSubmit}>
      <ErrorAlert message={stale ? t('disabilityNetwork.stale') : null} error={stale ? null : formError} />
      <div className="field-row">
        <SelectField
          id={fieldId('kind')}
          label={t('disabilityNetwork.kind')}
          value={values.kind}
          error={errors.kind}
          onChange={(event) =>
            setValues({ ...values, kind: enumValue(KINDS, event.target.value) ?? values.kind })
          }
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`disabilityPartnerKinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id={fieldId('name')}
          label={t('disabilityNetwork.partnerName')}
          hint={t('disabilityNetwork.partnerNameHint')}
          autoComplete="organization"
          required
          maxLength={200}
          value={values.name}
          error={errors.name}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
        />
      </div>
      <fieldset>
        <legend>{t('disabilityNetwork.contactsLegend')}</legend>
        {values.contacts.length === 0 && <p>{t('disabilityNetwork.noContacts')}</p>}
        {values.contacts.map((contact, index) => {
          const number = index + 1;
          const id = (field: (typeof CONTACT_FIELDS)[number]) => fieldId(`contacts.${index}.${field}`);
          const error = (field: (typeof CONTACT_FIELDS)[number]) => errors[`contacts.${index}.${field}`];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <div key={index} className="panel">
              <div className="field-row">
                <TextField
                  id={id('name')}
                  label={t('disabilityNetwork.contactName', { number })}
                  autoComplete="off"
                  required
                  maxLength={150}
                  value={contact.name}
                  error={error('name')}
                  onChange={(event) => setContact(index, { name: event.target.value })}
                />
                <TextField
                  id={id('role')}
                  label={t('disabilityNetwork.contactRole', { number })}
                  hint={t('disabilityNetwork.optional')}
                  autoComplete="off"
                  maxLength={150}
                  value={contact.role}
                  error={error('role')}
                  onChange={(event) => setContact(index, { role: event.target.value })}
                />
              </div>
              <div className="field-row">
                <TextField
                  id={id('email')}
                  label={t('disabilityNetwork.contactEmail', { number })}
                  hint={t('disabilityNetwork.optional')}
                  type="email"
                  autoComplete="off"
                  maxLength={254}
                  value={contact.email}
                  error={error('email')}
                  onChange={(event) => setContact(index, { email: event.target.value })}
                />
                <TextField
                  id={id('phone')}
                  label={t('disabilityNetwork.contactPhone', { number })}
                  hint={t('disabilityNetwork.optional')}
                  type="tel"
                  autoComplete="off"
                  maxLength={40}
                  value={contact.phone}
                  error={error('phone')}
                  onChange={(event) => setContact(index, { phone: event.target.value })}
                />
              </div>
              <button
                type="button"
                className="button button-secondary"
                onClick={() =>
                  setValues({ ...values, contacts: values.contacts.filter((_, at) => at !== index) })
                }
              >
                {t('disabilityNetwork.removeContact', { number })}
              </button>
            </div>
          );
        })}
        {values.contacts.length < MAX_CONTACTS && (
          <p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setValues({ ...values, contacts: [...values.contacts, EMPTY_CONTACT] });
                const next = values.contacts.length;
                requestAnimationFrame(() =>
                  document.getElementById(fieldId(`contacts.${next}.name`))?.focus(),
                );
              }}
            >
              {t('disabilityNetwork.addContact')}
            </button>
          </p>
        )}
      </fieldset>
      <SubmitButton pending={mutation.isPending}>
        {t(partner ? 'disabilityNetwork.savePartner' : 'disabilityNetwork.addPartner')}
      </SubmitButton>
    </form>
  );
}
