import { useTranslation } from 'react-i18next';

/** Switches between French and English; the choice is stored in localStorage (see `i18n.ts`). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const target = t('language.switchLang');
  return (
    <button
      type="button"
      className="button button-link language-switch"
      lang={target}
      aria-label={t('language.switchLabel')}
      onClick={() => void i18n.changeLanguage(target)}
    >
      {t('language.switch')}
    </button>
  );
}
