/** Published results older than this are out of date: indicator 2 asks for figures kept up to date. */
export const STALE_AFTER_MONTHS = 12;

/** Whether figures published on this Paris date are out of date on `today` (older than 12 months). */
export const isStale = (publishedOn: string, today: string): boolean => {
  const [year, month, day] = publishedOn.split('-').map(Number) as [number, number, number];
  const lastFreshDay = new Date(Date.UTC(year, month - 1 + STALE_AFTER_MONTHS, day))
    .toISOString()
    .slice(0, 10);
  return today > lastFreshDay;
};

/** Where an organisation's results stand: nothing published, something out of date, or all up to date. */
export type Freshness = 'none' | 'stale' | 'up_to_date';

/** The standing of the current snapshots (their publication dates) on `today`. */
export const freshnessOf = (currentPublishedOn: readonly string[], today: string): Freshness => {
  if (currentPublishedOn.length === 0) return 'none';
  return currentPublishedOn.some((date) => isStale(date, today)) ? 'stale' : 'up_to_date';
};

/** The public pages' paths, from the page's id. */
export const publicResultsPaths = (publicId: string) => ({
  page: `/resultats/${publicId}`,
  embed: `/resultats/${publicId}/integration`,
  json: `/api/public/results/${publicId}.json`,
});
