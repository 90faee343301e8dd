import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useViewer } from '../data/viewer';
import { routes } from '../features';

/** The signed-in pages that have a navigation label, in the order of the features list. */
const navigation = routes.filter((route) => route.layout === 'signedIn' && route.navLabel);

export function MainNav() {
  const { t } = useTranslation();
  const role = useViewer().data?.role;
  const shown = navigation.filter((route) => !route.roles || (role && route.roles.includes(role)));
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul className="container">
        {shown.map((route) => (
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
