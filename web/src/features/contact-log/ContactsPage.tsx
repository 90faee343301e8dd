import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { TextField } from '../../components/TextField';
import { enumValue, enumValues, type PartnerGroup } from '../../data/graphql';
import { useViewer } from '../../data/viewer';
import { formatDate } from '../../format';
import { ContactForm, EMPTY_CONTACT } from './ContactForm';
import { type ContactFilter, usePartnerContacts } from './contactLog';
import { contactLogMessages } from './messages';

const GROUPS = enumValues<PartnerGroup>(contactLogMessages.fr.partnerGroups);

/** `/contacts`: contacts with funders and companies, filtered, and a form to log one. */
export function ContactsPage() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const [filter, setFilter] = useState<ContactFilter>({
    group: null,
    partner: '',
    from: '',
    to: '',
    includeRemoved: false,
  });
  const contacts = usePartnerContacts(filter);
  const [status, setStatus] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const canLog = viewer.data ? viewer.data.role !== 'auditor' : false;
  const rows = contacts.data?.pages.flatMap((page) => page.partnerContacts.edges.map((edge) => edge.node));

  return (
    <>
      <PageTitle page={t('contacts.title')} />
      <h1>{t('contacts.title')}</h1>
      <p>{t('contacts.intro')}</p>
      <StatusMessage>{status}</StatusMessage>

      {canLog && (
        <section aria-labelledby="contacts-new">
          <h2 id="contacts-new">{t('contacts.newTitle')}</h2>
          <ContactForm
            key={formKey}
            id="contact"
            path="/api/partner-contacts"
            initial={EMPTY_CONTACT}
            submitLabel={t('contactForm.submit')}
            onDone={(_answer, values) => {
              setStatus(t('contacts.logged', { partner: values.partnerName.trim() }));
              setFormKey((key) => key + 1);
            }}
          />
        </section>
      )}

      <section aria-labelledby="contacts-list">
        <h2 id="contacts-list">{t('contacts.listTitle')}</h2>
        <fieldset className="panel">
          <legend>{t('contacts.filtersTitle')}</legend>
          <div className="field-row">
            <SelectField
              id="contacts-filter-group"
              label={t('contactForm.group')}
              value={filter.group ?? ''}
              onChange={(event) =>
                setFilter({ ...filter, group: enumValue(GROUPS, event.target.value) ?? null })
              }
            >
              <option value="">{t('contacts.allGroups')}</option>
              {GROUPS.map((group) => (
                <option key={group} value={group}>
                  {t(`partnerGroups.${group}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              id="contacts-filter-partner"
              label={t('contacts.partnerFilter')}
              type="search"
              value={filter.partner}
              onChange={(event) => setFilter({ ...filter, partner: event.target.value })}
            />
          </div>
          <div className="field-row">
            <TextField
              id="contacts-filter-from"
              label={t('contacts.from')}
              type="date"
              value={filter.from}
              onChange={(event) => setFilter({ ...filter, from: event.target.value })}
            />
            <TextField
              id="contacts-filter-to"
              label={t('contacts.to')}
              type="date"
              min={filter.from || undefined}
              value={filter.to}
              onChange={(event) => setFilter({ ...filter, to: event.target.value })}
            />
          </div>
          <div className="field field-checkbox">
            <input
              id="contacts-show-removed"
              type="checkbox"
              checked={filter.includeRemoved}
              onChange={(event) => setFilter({ ...filter, includeRemoved: event.target.checked })}
            />
            <label htmlFor="contacts-show-removed">{t('contacts.showRemoved')}</label>
          </div>
        </fieldset>

        {contacts.isPending && <Loading />}
        {contacts.isError && <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />}
        {rows?.length === 0 && <p>{t('contacts.empty')}</p>}
        {rows && rows.length > 0 && (
          <ul className="card-list">
            {rows.map((contact) => {
              const date = formatDate(contact.contactOn, i18n.language);
              return (
                <li key={contact.id} className="card">
                  <h3 className="card-title">
                    <Link
                      to={`/contacts/${encodeURIComponent(contact.id)}`}
                      aria-label={t('contacts.details', { partner: contact.partnerName, date })}
                    >
                      {contact.partnerName}
                    </Link>
                  </h3>
                  <p className="card-meta">
                    {contact.removed && (
                      <span className="badge badge-warning">{t('contacts.removedBadge')}</span>
                    )}
                    <span className="badge">{t(`partnerGroups.${contact.group}`)}</span>
                    <span>{t(`contactKinds.${contact.kind}`)}</span>
                    <span>{date}</span>
                  </p>
                  {contact.erased ? (
                    <p>
                      <span className="badge">{t('contacts.erasedBadge')}</span>
                    </p>
                  ) : (
                    <>
                      <p>
                        {contact.people
                          .map((person) => (person.role ? `${person.name} (${person.role})` : person.name))
                          .join(', ')}
                      </p>
                      <p className="contact-said">{contact.said}</p>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {contacts.hasNextPage && (
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={contacts.isFetchingNextPage || undefined}
            onClick={() => {
              if (!contacts.isFetchingNextPage) void contacts.fetchNextPage();
            }}
          >
            {t('contacts.more')}
          </button>
        )}
      </section>
    </>
  );
}
