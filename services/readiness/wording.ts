import { frenchDate } from '../kernel/paris-time';

export { frenchDate };

const englishDates = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** A Paris calendar day as the English write it: 2026-03-02 → 2 March 2026. */
export const englishDate = (day: string): string => englishDates.format(new Date(`${day}T00:00:00Z`));

/** A count and its noun in French, where 0 and 1 take the singular: "1 réclamation", "2 réclamations". */
export const countFr = (count: number, one: string, many: string): string =>
  `${count} ${count <= 1 ? one : many}`;

/** A count and its noun in English: "1 complaint", "2 complaints". */
export const countEn = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`;

/** The first few items of a list, then an ellipsis: a reason names examples, not a register. */
export const someOf = (items: readonly string[], shown = 5): string =>
  items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')}…`;

/** A share as a whole percentage, French style (`18 %`, with a no-break space). */
export const percentFr = (share: number): string => `${Math.round(share * 100)}\u00a0%`;

/** A share as a whole percentage, English style (`18%`). */
export const percentEn = (share: number): string => `${Math.round(share * 100)}%`;
