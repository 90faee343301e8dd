import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { type ContactRemovalReason, enumValue, enumValues } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate, formatDateTime } from '../../format';
import { ContactForm, type ContactValues } from './ContactForm';
import { type PartnerContactView, usePartnerContact } from './contactLog';
import { contactLogMessages } from './messages';

const REASONS = enumValues<ContactRemovalReason>(contactLogMessages.fr.contactRemovalReasons);

const valuesOf = (contact: PartnerContactView): ContactValues => ({
  group: contact.group,
  partnerName: contact.partnerName,
  kind: contact.kind,
  contactOn: contact.contactOn,
  people: contact.people.map((person) => ({ name: person.name, role: person.role ?? '' })),
  said: contact.said,
  sessionId: contact.session?.sessionId ?? '',
  followUp: contact.followUp ?? '',
});

function RemoveForm({ contact, onDone }: { contact: PartnerContactView; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<ContactRemovalReason>('logged_in_error');
  const [note, setNote] = useState('');
  const remove = useMutation({
    mutationFn: () =>
      command(`/api/partner-contacts/${encodeURIComponent(contact.id)}/remove`, { reason, note }),
    onSuccess: onDone,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!remove.isPending) remove.mutate();
  };
  return (
    <form className="form panel" noValidate onSubmit={onSubmit}>
      <p>{t('contact.removeIntro')}</p>
      <ErrorAlert error={remove.error} />
      <SelectField
        id="contact-remove-reason"
        label={t('contact.removeReason')}
        value={reason}
        onChange={(event) => setReason(enumValue(REASONS, event.target.value) ?? reason)}
      >
        {REASONS.map((value) => (
          <option key={value} value={value}>
            {t(`contactRemovalReasons.${value}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="contact-remove-note"
        label={t('contact.removeNote')}
        hint={t('contactForm.optionalHint')}
        autoComplete="off"
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <SubmitButton pending={remove.isPending}>{t('contact.removeSubmit')}</SubmitButton>
    </form>
  );
}

/** `/contacts/:id`: one contact, its history, and (quality managers, admins) its correction and removal. */
export function ContactPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const contact = usePartnerContact(id);
  const viewer = useViewer();
  const [status, setStatus] = useState<string | null>(null);
  const role = viewer.data?.role;
  const canManage = role === 'admin' || role === 'quality_manager';

  if (contact.isPending) return <Loading />;
  if (contact.isError) return <QueryError error={contact.error} onRetry={() => void contact.refetch()} />;
  const back = (
    <p>
      <Link to="/contacts">{t('contact.back')}</Link>
    </p>
  );
  if (!contact.data) {
    return (
      <>
        <PageTitle page={t('contact.notFound')} />
        {back}
        <h1>{t('contact.notFound')}</h1>
      </>
    );
  }
  const data = contact.data;
  const date = formatDate(data.contactOn, i18n.language);
  const heading = `${data.partnerName} — ${date}`;

  return (
    <>
      <PageTitle page={heading} />
      {back}
      <h1>{heading}</h1>
      <StatusMessage>{status}</StatusMessage>
      <p className="card-meta">
        {data.removed && <span className="badge badge-warning">{t('contacts.removedBadge')}</span>}
        <span className="badge">{t(`partnerGroups.${data.group}`)}</span>
        <span>{t(`contactKinds.${data.kind}`)}</span>
        <span>{t('contact.versionBadge', { version: data.version })}</span>
      </p>
      {data.removed && data.removalReason && (
        <p>{t('contact.removedNotice', { reason: t(`contactRemovalReasons.${data.removalReason}`) })}</p>
      )}
      {data.erased ? (
        <p className="alert">{t('contact.erased')}</p>
      ) : (
        <dl className="contact-details">
          <dt>{t('contact.people')}</dt>
          <dd>
            <ul>
              {data.people.map((person, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: people have no identity but their place
                <li key={index}>{person.role ? `${person.name} — ${person.role}` : person.name}</li>
              ))}
            </ul>
          </dd>
          <dt>{t('contact.said')}</dt>
          <dd className="contact-said">{data.said}</dd>
          <dt>{t('contact.followUp')}</dt>
          <dd>{data.followUp ?? t('contact.none')}</dd>
          <dt>{t('contact.session')}</dt>
          <dd>
            {data.session
              ? `${data.session.trainingTitle} — ${data.session.sessionTitle}`
              : t('contact.none')}
          </dd>
        </dl>
      )}

      <section aria-labelledby="contact-history">
        <h2 id="contact-history">{t('contact.historyTitle')}</h2>
        <ol>
          {data.history.map((change) => {
            const at = formatDateTime(change.changedAt, i18n.language);
            return (
              <li key={change.revision}>
                {change.change === 'removed'
                  ? t('contact.change_removed', {
                      date: at,
                      reason: change.reason ? t(`contactRemovalReasons.${change.reason}`) : '',
                    })
                  : t(`contact.change_${change.change}`, { date: at })}
              </li>
            );
          })}
        </ol>
      </section>

      {canManage && !data.removed && !data.erased && (
        <>
          <section aria-labelledby="contact-edit">
            <h2 id="contact-edit">{t('contact.editTitle')}</h2>
            <ContactForm
              key={data.revision}
              id="contact-edit"
              path={`/api/partner-contacts/${encodeURIComponent(data.id)}/corrections`}
              initial={valuesOf(data)}
              revision={data.revision}
              submitLabel={t('contact.editSubmit')}
              initialSessionLabel={
                data.session ? `${data.session.trainingTitle} — ${data.session.sessionTitle}` : undefined
              }
              onDone={(answer) => setStatus(answer.changed ? t('contact.corrected') : t('contact.unchanged'))}
            />
          </section>
          <section aria-labelledby="contact-remove">
            <h2 id="contact-remove">{t('contact.removeTitle')}</h2>
            <RemoveForm contact={data} onDone={() => setStatus(t('contact.removed'))} />
          </section>
        </>
      )}
    </>
  );
}
