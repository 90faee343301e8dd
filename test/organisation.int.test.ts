import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import type { Role } from '../services/kernel/auth';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import { IDENTITY, PNG_BYTES, profileCommand, uploadLogo } from './support/organisation-fixture';
import { openFeedbackLink } from './support/training-fixture';

const PROFILE = `{ organisationProfile {
  id name revision legalName siret nda contactEmail logoUrl
  address { street complement postalCode city }
  sites { id name closed }
  activities { categories certifying subcontracting workBasedTraining alternance newEntrant }
  certification { certifierName certificateNumber issuedOn expiresOn audits { kind on } }
  privacyNotice { controller purpose retention contact isDefault }
  applicability { number applies because deferredToSurveillance }
} }`;

interface ProfileView {
  revision: number;
  legalName: string | null;
  siret: string | null;
  nda: string | null;
  contactEmail: string | null;
  logoUrl: string | null;
  sites: { id: string; name: string; closed: boolean }[];
  privacyNotice: { controller: string; isDefault: boolean };
  applicability:
    | { number: number; applies: boolean; because: string[]; deferredToSurveillance: boolean }[]
    | null;
  [field: string]: unknown;
}

describe('organisation profile', () => {
  let t: TestApp;
  let cookie: string;
  let organisationId: string;

  const read = async (as = cookie) => {
    const result = await graphql(t.app, as, PROFILE, {}, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!.organisationProfile as ProfileView;
  };
  const memberWithRole = async (role: Role) => {
    const email = `${role}.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
      { organisationId, email, displayName: role, role, password: PASSWORD },
    );
    return t.login(email, PASSWORD);
  };

  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie, organisationId } = await t.organisation('Horizon'));
  });
  afterAll(() => t?.stop());

  it('starts empty at revision -1, with the default French privacy notice', async () => {
    const profile = await read();
    expect(profile).toMatchObject({ id: organisationId, name: 'Horizon', revision: -1, legalName: null });
    expect(profile.privacyNotice.isDefault).toBe(true);
    expect(profile.privacyNotice.controller).toContain('Horizon');
    expect(profile.applicability).toBeNull();
  });

  it('records the identity, normalising SIRET, NDA and e-mail', async () => {
    const recorded = await profileCommand(t, cookie, 'identity', IDENTITY, -1);
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().revision).toBe(0);
    expect(await read()).toMatchObject({
      revision: 0,
      legalName: 'Formations Horizon SARL',
      siret: '44306184100047',
      nda: '11755555575',
      contactEmail: 'qualite@horizon.fr',
      address: { street: '12 rue des Lilas', complement: 'Bâtiment B', postalCode: '69003', city: 'Lyon' },
    });
  });

  it('answers 409 with the current revision to a change made on a stale revision, and writes nothing', async () => {
    const before = await t.lastPosition();
    const stale = await profileCommand(t, cookie, 'identity', { ...IDENTITY, legalName: 'Autre' }, -1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 0 } });
    expect(await t.lastPosition()).toBe(before);
  });

  it('refuses a change that does not say which revision it was made on', async () => {
    const blind = await profileCommand(t, cookie, 'identity', IDENTITY);
    expect(blind.statusCode).toBe(400);
    expect(blind.json().code).toBe('if_match_required');
  });

  it('refuses a wrong SIRET or NDA with their own codes, and accepts La Poste', async () => {
    const { revision } = await read();
    const siret = await profileCommand(
      t,
      cookie,
      'identity',
      { ...IDENTITY, siret: '44306184100048' },
      revision,
    );
    expect(siret.statusCode).toBe(400);
    expect(siret.json().code).toBe('invalid_siret');
    const nda = await profileCommand(t, cookie, 'identity', { ...IDENTITY, nda: '117555555' }, revision);
    expect(nda.statusCode).toBe(400);
    expect(nda.json().code).toBe('invalid_nda');
    const laPoste = await profileCommand(
      t,
      cookie,
      'identity',
      { ...IDENTITY, siret: '356 000 000 49837', nda: '' },
      revision,
    );
    expect(laPoste.statusCode).toBe(200);
    expect(await read()).toMatchObject({ siret: '35600000049837', nda: null });
  });

  it('takes a PNG named .jpg by its content, and serves it at a public cacheable address', async () => {
    const { revision } = await read();
    const upload = await uploadLogo(t, cookie, PNG_BYTES, 'image/jpeg', revision);
    expect(upload.statusCode).toBe(200);
    const { logoUrl } = await read();
    expect(logoUrl).toMatch(/^\/api\/public\/logos\/[0-9a-f]{64}$/);
    const served = await t.app.inject({ method: 'GET', url: logoUrl! });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toContain('immutable');
    expect(served.rawPayload.equals(PNG_BYTES)).toBe(true);
  });

  it('refuses an HTML page, an SVG and an oversized file with clear codes, writing nothing', async () => {
    const { revision } = await read();
    const before = await t.lastPosition();
    const html = await uploadLogo(
      t,
      cookie,
      Buffer.from('<!doctype html><title>x</title>'),
      'image/png',
      revision,
    );
    expect(html.statusCode).toBe(400);
    expect(html.json().code).toBe('logo_type_unsupported');
    const svg = await uploadLogo(
      t,
      cookie,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/svg+xml',
      revision,
    );
    expect(svg.statusCode).toBe(400);
    expect(svg.json().code).toBe('logo_svg_refused');
    expect(svg.json().message).toMatch(/script/i);
    const big = await uploadLogo(
      t,
      cookie,
      Buffer.concat([PNG_BYTES, Buffer.alloc(300 * 1024)]),
      'image/png',
      revision,
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('logo_too_large');
    const huge = await uploadLogo(t, cookie, Buffer.alloc(2 * 1024 * 1024), 'image/png', revision);
    expect(huge.statusCode).toBe(413);
    expect(await t.lastPosition()).toBe(before);
  });

  it('adds, renames and closes sites; a retried add (same Idempotency-Key) adds one site', async () => {
    let { revision } = await read();
    const key = { 'idempotency-key': `site-${crypto.randomUUID()}` };
    const added = await profileCommand(t, cookie, 'sites', { name: 'Lyon' }, revision, key);
    expect(added.statusCode).toBe(201);
    const retried = await profileCommand(t, cookie, 'sites', { name: 'Lyon' }, revision, key);
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toEqual(added.json());
    revision = added.json().revision;
    const siteId = added.json().id;
    const renamed = await profileCommand(
      t,
      cookie,
      `sites/${siteId}/rename`,
      { name: 'Lyon Part-Dieu' },
      revision,
    );
    expect(renamed.statusCode).toBe(200);
    expect((await read()).sites).toEqual([{ id: siteId, name: 'Lyon Part-Dieu', closed: false }]);
    const closed = await profileCommand(t, cookie, `sites/${siteId}/close`, {}, renamed.json().revision);
    expect(closed.statusCode).toBe(200);
    expect((await read()).sites).toEqual([{ id: siteId, name: 'Lyon Part-Dieu', closed: true }]);
    const missing = await profileCommand(
      t,
      cookie,
      `sites/${crypto.randomUUID()}/close`,
      {},
      closed.json().revision,
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('site_not_found');
  });

  it('computes the applicable indicators from the declared activities, saying why', async () => {
    const { revision } = await read();
    const declared = await profileCommand(
      t,
      cookie,
      'activities',
      { categories: ['training'], certifying: true, newEntrant: true },
      revision,
    );
    expect(declared.statusCode).toBe(200);
    const { applicability } = await read();
    const byNumber = new Map(applicability!.map((indicator) => [indicator.number, indicator]));
    expect(byNumber.get(1)).toEqual({
      number: 1,
      applies: true,
      because: ['common'],
      deferredToSurveillance: false,
    });
    expect(byNumber.get(3)).toEqual({
      number: 3,
      applies: true,
      because: ['certifying'],
      deferredToSurveillance: true,
    });
    expect(byNumber.get(14)).toMatchObject({ applies: false, because: [] });
    expect(applicability!.filter((indicator) => indicator.applies)).toHaveLength(25);
  });

  it('records the certificate and a custom privacy notice', async () => {
    let { revision } = await read();
    const certification = await profileCommand(
      t,
      cookie,
      'certification',
      {
        certifierName: 'Certif Plus',
        certificateNumber: 'QUA-2025-001',
        issuedOn: '2025-03-01',
        expiresOn: '2028-02-28',
        audits: [{ kind: 'initial', on: '2025-02-10' }],
      },
      revision,
    );
    expect(certification.statusCode).toBe(200);
    revision = certification.json().revision;
    const backwards = await profileCommand(
      t,
      cookie,
      'certification',
      { certifierName: 'X', certificateNumber: 'Y', issuedOn: '2025-03-01', expiresOn: '2024-03-01' },
      revision,
    );
    expect(backwards.json().code).toBe('certificate_expires_before_issue');
    const notice = await profileCommand(
      t,
      cookie,
      'privacy-notice',
      {
        controller: 'Horizon SARL',
        purpose: 'Améliorer nos formations',
        retention: '2 ans',
        contact: 'dpo@horizon.fr',
      },
      revision,
    );
    expect(notice.statusCode).toBe(200);
    const profile = await read();
    expect(profile.certification).toEqual({
      certifierName: 'Certif Plus',
      certificateNumber: 'QUA-2025-001',
      issuedOn: '2025-03-01',
      expiresOn: '2028-02-28',
      audits: [{ kind: 'initial', on: '2025-02-10' }],
    });
    expect(profile.privacyNotice).toEqual({
      controller: 'Horizon SARL',
      purpose: 'Améliorer nos formations',
      retention: '2 ans',
      contact: 'dpo@horizon.fr',
      isDefault: false,
    });
  });

  it('lets only an admin change the profile: a quality manager and an auditor read it, and get 403', async () => {
    const { revision } = await read();
    for (const role of ['quality_manager', 'auditor', 'contributor'] as const) {
      const member = await memberWithRole(role);
      expect((await read(member)).legalName).toBe('Formations Horizon SARL');
      const refused = await profileCommand(t, member, 'identity', IDENTITY, revision);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('forbidden');
      const logo = await uploadLogo(t, member, PNG_BYTES, 'image/png', revision);
      expect(logo.statusCode).toBe(403);
    }
  });

  it('gives the public form the organisation: name, logo, contact and privacy notice, even once the link is closed', async () => {
    const link = await openFeedbackLink(t, cookie);
    await t.runner.waitForPosition(await t.lastPosition(), 10_000);
    const form = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${link.token}` });
    expect(form.statusCode).toBe(200);
    const { organisation } = form.json();
    expect(organisation).toMatchObject({
      name: 'Horizon',
      legalName: 'Formations Horizon SARL',
      contactEmail: 'qualite@horizon.fr',
      privacyNotice: { controller: 'Horizon SARL', isDefault: false },
    });
    expect(organisation.logoUrl).toMatch(/^\/api\/public\/logos\//);
    const close = await t.app.inject({
      method: 'POST',
      url: `/api/feedback-links/${link.linkId}/close`,
      headers: { cookie },
    });
    expect(close.statusCode).toBe(200);
    const closed = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${link.token}` });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({
      code: 'feedback_link_closed',
      details: { organisationName: 'Horizon', organisation: { contactEmail: 'qualite@horizon.fr' } },
    });
  });
});
