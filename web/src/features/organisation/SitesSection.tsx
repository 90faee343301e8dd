import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { type OrganisationProfile, useProfileCommand } from './organisation';

type Site = OrganisationProfile['sites'][number];

/** One open site, renamed or closed in place. */
function SiteRow({
  profile,
  site,
  onSaved,
}: {
  profile: OrganisationProfile;
  site: Site;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(site.name);
  const [error, setError] = useState<unknown>(null);
  const rename = useProfileCommand<{ name: string }>(
    profile,
    () => `sites/${encodeURIComponent(site.id)}/rename`,
    { onSuccess: onSaved, onError: setError },
  );
  const close = useProfileCommand<Record<string, never>>(
    profile,
    () => `sites/${encodeURIComponent(site.id)}/close`,
    { onSuccess: onSaved, onError: setError },
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!rename.isPending && name.trim()) rename.mutate({ name: name.trim() });
  };
  return (
    <li className="card">
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorAlert error={error} />
        <TextField
          id={`site-${site.id}`}
          label={t('organisation.siteNewName', { name: site.name })}
          value={name}
          required
          onChange={(event) => setName(event.target.value)}
        />
        <div className="button-row">
          <SubmitButton pending={rename.isPending}>{t('organisation.siteRename')}</SubmitButton>
          <button
            type="button"
            className="button button-secondary"
            aria-label={t('organisation.siteCloseLabel', { name: site.name })}
            aria-disabled={close.isPending || undefined}
            onClick={() => !close.isPending && close.mutate({})}
          >
            {t('organisation.siteClose')}
          </button>
        </div>
      </form>
    </li>
  );
}

/** The organisation's sites: open ones editable by an admin, closed ones listed. */
export function SitesSection({
  profile,
  canEdit,
  onSaved,
}: {
  profile: OrganisationProfile;
  canEdit: boolean;
  onSaved: (section: string) => void;
}) {
  const { t } = useTranslation();
  const title = t('organisation.sitesTitle');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const add = useProfileCommand<{ name: string }>(profile, () => 'sites', {
    onSuccess: () => {
      setName('');
      setError(null);
      onSaved(title);
    },
    onError: setError,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    setMissing(!name.trim());
    if (name.trim()) add.mutate({ name: name.trim() });
  };
  const open = profile.sites.filter((site) => !site.closed);
  const closed = profile.sites.filter((site) => site.closed);

  return (
    <section aria-labelledby="sites-title" className="panel">
      <h2 id="sites-title">{title}</h2>
      {profile.sites.length === 0 && <p>{t('organisation.sitesEmpty')}</p>}
      {open.length > 0 && (
        <ul className="card-list">
          {open.map((site) =>
            canEdit ? (
              <SiteRow key={site.id} profile={profile} site={site} onSaved={() => onSaved(title)} />
            ) : (
              <li key={site.id} className="card">
                {site.name}
              </li>
            ),
          )}
        </ul>
      )}
      {closed.length > 0 && (
        <ul className="card-list">
          {closed.map((site) => (
            <li key={site.id} className="card">
              {site.name} <span className="badge">{t('organisation.siteClosed')}</span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form className="form" noValidate onSubmit={onSubmit}>
          <ErrorAlert error={error} />
          <TextField
            id="site-new"
            label={t('organisation.siteName')}
            required
            value={name}
            error={missing ? t('validation.required') : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          <SubmitButton pending={add.isPending}>{t('organisation.siteAdd')}</SubmitButton>
        </form>
      )}
    </section>
  );
}
