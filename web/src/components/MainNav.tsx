import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Role } from '../data/graphql';
import { routes } from '../features';

/** The signed-in pages that have a navigation label, in the order of the features list. */
const navigation = routes.filter((route) => route.layout === 'signedIn' && route.navLabel);

export function MainNav({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul className="container">
        {navigation
          .filter((route) => !route.roles || route.roles.includes(role))
          .map((route) => (
            <li key={route.path}>
              <NavLink to={route.path} end={route.path === '/'}>
                {route.navLabel && t(route.navLabel)}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
