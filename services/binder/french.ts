import { parisTime } from '../kernel/paris-time';
import type { ReadinessStatus } from './content';

// Built from numeric parts and our own month names, not from Intl's French patterns: ICU's wording varies between
// Node builds, and the binder must come out byte for byte the same on every machine.
/** French month names, January first (shared with the browser tests that read dates as the pages write them). */
export const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;
const SHORT_MONTHS = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
] as const;

const two = (value: number) => String(value).padStart(2, '0');

/** An instant as dated in Paris, the way French tables write it: 05/12/2026 23:54. */
export const frenchDateTime = (instant: string): string => {
  const t = parisTime(instant);
  return `${two(t.day)}/${two(t.month)}/${t.year} ${two(t.hour)}:${two(t.minute)}`;
};

/** A calendar date (YYYY-MM-DD) in words: 1er janvier 2026, 5 décembre 2026. */
export const frenchLongDate = (date: string): string => {
  const [year, month, day] = date.split('-').map(Number);
  return `${day === 1 ? '1er' : day} ${FRENCH_MONTHS[(month ?? 1) - 1]} ${year}`;
};

/** An instant in words, in Paris: 5 décembre 2026 à 23 h 54. */
export const frenchLongDateTime = (instant: string): string => {
  const t = parisTime(instant);
  return `${frenchLongDate(`${t.year}-${two(t.month)}-${two(t.day)}`)} à ${t.hour} h ${two(t.minute)}`;
};

/** A month for a chart's axis: janv. 2026 → ['janv.', '2026']. */
export const shortMonth = (month: number): string => SHORT_MONTHS[month - 1] ?? '';

/** An integer with French digit grouping (a no-break space, which every font has; Intl uses a narrow one). */
export const frenchInteger = (value: number): string =>
  String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

/** A SIRET as printed: 123 456 789 00012. */
export const frenchSiret = (siret: string): string =>
  /^\d{14}$/.test(siret)
    ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`
    : siret;

export const READINESS_LABELS: Record<ReadinessStatus, string> = {
  ready: 'Prêt',
  at_risk: 'À risque',
  missing: 'Manquant',
};

/** The readiness of an indicator in words, or that it was not assessed. */
export const readinessLabel = (readiness: { status: ReadinessStatus } | undefined): string =>
  readiness ? READINESS_LABELS[readiness.status] : 'Non évalué';
