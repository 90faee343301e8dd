import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { ifMatch, type OrganisationProfile, useProfileCommand } from './organisation';

/** The logo public forms show: upload (checked by content on the server) or remove. */
export function LogoSection({
  profile,
  canEdit,
  onSaved,
}: {
  profile: OrganisationProfile;
  canEdit: boolean;
  onSaved: (section: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const title = t('organisation.logoTitle');
  const send = useMutation({
    mutationFn: (chosen: File) => upload('/api/organisation/logo', chosen, ifMatch(profile)),
    onSuccess: () => {
      setError(null);
      onSaved(title);
    },
    onError: setError,
  });
  const remove = useProfileCommand<Record<string, never>>(profile, () => 'logo/remove', {
    onSuccess: () => onSaved(title),
    onError: setError,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (send.isPending) return;
    setMissing(!file);
    if (file) send.mutate(file);
  };

  return (
    <section aria-labelledby="logo-title" className="panel">
      <h2 id="logo-title">{title}</h2>
      {profile.logoUrl ? (
        <img className="organisation-logo" src={profile.logoUrl} alt={t('organisation.logoCurrent')} />
      ) : (
        <p>{t('organisation.logoNone')}</p>
      )}
      {canEdit && (
        <form className="form" noValidate onSubmit={onSubmit}>
          <ErrorAlert error={error} message={missing ? t('organisation.logoChoose') : null} />
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('organisation.logoFile')}</label>
            <p className="hint" id={`${id}-hint`}>
              {t('organisation.logoHint')}
            </p>
            <input
              id={`${id}-file`}
              type="file"
              accept="image/png,image/jpeg,image/webp"
              aria-describedby={`${id}-hint`}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <div className="button-row">
            <SubmitButton pending={send.isPending}>{t('organisation.logoUpload')}</SubmitButton>
            {profile.logoUrl && (
              <button
                type="button"
                className="button button-secondary"
                aria-disabled={remove.isPending || undefined}
                onClick={() => !remove.isPending && remove.mutate({})}
              >
                {t('organisation.logoRemove')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
