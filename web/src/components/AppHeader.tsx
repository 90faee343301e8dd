import { useTranslation } from 'react-i18next';
import type { Viewer } from '../data/viewer';
import { LanguageSwitch } from './LanguageSwitch';
import { LogoutButton } from './LogoutButton';
import { MainNav } from './MainNav';

/** Header of the authenticated pages: organisation, signed-in user and role, language, logout, navigation. */
export function AppHeader({ viewer }: { viewer: Viewer }) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="container header-bar">
        <div className="header-identity">
          <span className="brand">{t('app.name')}</span>
          <span className="organisation-name">{viewer.organisation.name}</span>
        </div>
        <div className="header-actions">
          <p className="viewer">
            <span className="visually-hidden">{t('header.userLabel')} </span>
            <span className="viewer-name">{viewer.displayName}</span>{' '}
            <span className="viewer-role">({t(`roles.${viewer.role}`)})</span>
          </p>
          <LanguageSwitch />
          <LogoutButton />
        </div>
      </div>
      <MainNav role={viewer.role} />
    </header>
  );
}
