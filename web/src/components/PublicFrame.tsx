import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { SkipLink } from './SkipLink';

/** The frame of the pages reachable without an account: the app's name, the language switch, the page. */
export function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <header className="site-header site-header-public">
        <div className="container header-bar">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container container-narrow">
        {children}
      </main>
    </>
  );
}
