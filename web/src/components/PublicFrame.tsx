import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { SkipLink } from './SkipLink';

/** The organisation a public page speaks for (`organisation` of the public form's answer). */
export interface PublicOrganisation {
  name: string;
  legalName: string | null;
  logoUrl: string | null;
  contactEmail: string | null;
  privacyNotice: { controller: string; purpose: string; retention: string; contact: string };
}

/** Who the organisation is, whom to write to, and what happens to the answers (the notice is in French). */
function OrganisationFooter({ organisation }: { organisation: PublicOrganisation }) {
  const { t } = useTranslation();
  const notice = organisation.privacyNotice;
  return (
    <footer className="container container-narrow public-footer">
      <p>
        {organisation.legalName ?? organisation.name}
        {organisation.contactEmail && (
          <>
            {' — '}
            {t('publicFrame.contact')}{' '}
            <a href={`mailto:${organisation.contactEmail}`}>{organisation.contactEmail}</a>
          </>
        )}
      </p>
      <details className="privacy-notice">
        <summary>{t('publicFrame.privacyTitle')}</summary>
        <dl>
          <dt>{t('publicFrame.privacyController')}</dt>
          <dd lang="fr">{notice.controller}</dd>
          <dt>{t('publicFrame.privacyPurpose')}</dt>
          <dd lang="fr">{notice.purpose}</dd>
          <dt>{t('publicFrame.privacyRetention')}</dt>
          <dd lang="fr">{notice.retention}</dd>
          <dt>{t('publicFrame.privacyContact')}</dt>
          <dd lang="fr">{notice.contact}</dd>
        </dl>
      </details>
    </footer>
  );
}

/**
 * The frame of the pages reachable without an account: the language switch, the page, and either the app's name
 * or, on a public form, the organisation's logo and name with its contact and privacy notice below.
 */
export function PublicFrame({
  children,
  organisation,
}: {
  children: ReactNode;
  organisation?: PublicOrganisation | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <header className="site-header site-header-public">
        <div className="container header-bar">
          {organisation ? (
            <span className="brand public-brand">
              {organisation.logoUrl && (
                // The name follows as text: the logo adds nothing a screen reader should repeat.
                <img className="public-logo" src={organisation.logoUrl} alt="" />
              )}
              {organisation.name}
            </span>
          ) : (
            <span className="brand">{t('app.name')}</span>
          )}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container container-narrow">
        {children}
      </main>
      {organisation && <OrganisationFooter organisation={organisation} />}
    </>
  );
}
