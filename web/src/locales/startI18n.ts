import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { formatDelay, formatNumber, formatRating } from '../format';
import { commonMessages } from './common';
import { type MessageSections, type Messages, mergeMessages } from './messages';

const LANGUAGES = ['fr', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'qualiopi.lang';

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'fr';
  } catch {
    return 'fr';
  }
}

/** Keeps `<html lang>` and the stored choice in step with the current language. */
function applyLanguage(language: string): void {
  // No document when tests load the messages under Node.
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may forbid storage: the choice then lasts for the page only.
  }
}

// Numbers in messages (`{{count, number}}`, `{{value, rating}}`, `{{seconds, delay}}`) go through `format.ts`,
// like those the pages format themselves: one rule for `18 000` and `4,2`.
const numeric =
  (format: (value: number, language: string) => string) => (value: unknown, language: string | undefined) =>
    typeof value === 'number' ? format(value, language ?? 'fr') : String(value);

/**
 * Starts i18next with the frame's messages and those of the given features, in the stored language. Each entry
 * passes the features it shows: the app all of them (`../i18n.ts`), the public form its own.
 */
export function startI18n(fragments: readonly Messages<MessageSections>[]): void {
  const messagesIn = (language: Language) =>
    mergeMessages([commonMessages[language], ...fragments.map((fragment) => fragment[language])]);

  i18next.on('languageChanged', applyLanguage);

  void i18next.use(initReactI18next).init({
    resources: { fr: { translation: messagesIn('fr') }, en: { translation: messagesIn('en') } },
    lng: storedLanguage(),
    fallbackLng: 'fr',
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });

  i18next.services.formatter?.add('number', numeric(formatNumber));
  i18next.services.formatter?.add('rating', numeric(formatRating));
  i18next.services.formatter?.add('delay', numeric(formatDelay));
}
