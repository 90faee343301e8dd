import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useFocusMainOnNavigate } from '../hooks/useFocusMainOnNavigate';
import { LanguageSwitch } from './LanguageSwitch';
import { SkipLink } from './SkipLink';

/** Layout of the pages reachable without an account: setup, login and the public feedback form. */
export function PublicLayout() {
  const { t } = useTranslation();
  useFocusMainOnNavigate();
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
        <Outlet />
      </main>
    </>
  );
}
