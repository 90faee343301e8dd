/** Where a logo is served, by its hash: a new logo has a new address, so the old one may be cached for ever. */
export const logoUrl = (sha256: string) => `/api/public/logos/${sha256}`;
