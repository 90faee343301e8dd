import type { TestApp } from './app';

/** A 1×1 PNG image. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export const IDENTITY = {
  legalName: 'Formations Horizon SARL',
  siret: '443 061 841 00047',
  nda: '11 75 55555 75',
  address: { street: '12 rue des Lilas', complement: 'Bâtiment B', postalCode: '69003', city: 'Lyon' },
  contactEmail: 'Qualite@Horizon.fr',
};

/** A profile command as the web sends it: JSON, with the revision it last read. */
export const profileCommand = (
  t: TestApp,
  cookie: string | undefined,
  path: string,
  payload: object,
  revision?: number,
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/organisation/${path}`,
    payload,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(revision === undefined ? {} : { 'if-match': String(revision) }),
      ...headers,
    },
  });

/** A logo upload: the file's bytes as the body, with whatever type the browser claimed. */
export const uploadLogo = (
  t: TestApp,
  cookie: string,
  bytes: Buffer,
  contentType: string,
  revision: number,
) =>
  t.app.inject({
    method: 'POST',
    url: '/api/organisation/logo',
    payload: bytes,
    headers: { cookie, 'content-type': contentType, 'if-match': String(revision) },
  });
