import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

export function MainNav() {
  const { t } = useTranslation();
  const links = [
    { to: '/', label: t('nav.dashboard'), end: true },
    { to: '/actions', label: t('nav.actions'), end: false },
    { to: '/evidence', label: t('nav.evidence'), end: false },
    { to: '/referential', label: t('nav.referential'), end: false },
  ];
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul className="container">
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
