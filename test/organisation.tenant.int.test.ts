import { describe, expect, it } from 'vitest';
import { IDENTITY, PNG_BYTES, profileCommand, uploadLogo } from './support/organisation-fixture';
import { twoTenants } from './support/tenants';

const PROFILE = '{ organisationProfile { id name revision legalName siret sites { id name } } }';

describe('organisation: a user of organisation A never reads or changes organisation B’s profile', () => {
  const fixture = twoTenants();

  const revisionOf = async (cookie: string) =>
    ((await fixture.read(cookie, PROFILE)).data!.organisationProfile as { revision: number }).revision;

  /** B records its identity, adds a site and uploads a logo; answers the site's id. */
  const bProfile = async () => {
    const { b, t } = fixture;
    const identity = await profileCommand(
      t,
      b.cookie,
      'identity',
      { ...IDENTITY, legalName: 'Secret B SAS' },
      -1,
    );
    expect(identity.statusCode).toBe(200);
    const site = await profileCommand(
      t,
      b.cookie,
      'sites',
      { name: 'Site secret B' },
      identity.json().revision,
    );
    expect(site.statusCode).toBe(201);
    return site.json() as { id: string; revision: number };
  };

  it('reads only its own profile, and B’s profile stays B’s', async () => {
    const { a, b, read } = fixture;
    await bProfile();
    const mine = await read(a.cookie, PROFILE);
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.organisationProfile).toMatchObject({
      id: a.organisationId,
      name: 'A',
      revision: -1,
      sites: [],
    });
    expect(JSON.stringify(mine.data)).not.toContain('Secret B');
    const theirs = await read(b.cookie, PROFILE);
    expect(theirs.data?.organisationProfile).toMatchObject({
      id: b.organisationId,
      legalName: 'Secret B SAS',
    });
  });

  it('cannot rename or close B’s site: 404 exactly like a missing site, and nothing is written', async () => {
    const { a, t, read } = fixture;
    const site = await profileCommand(
      t,
      fixture.b.cookie,
      'sites',
      { name: 'Autre site B' },
      await revisionOf(fixture.b.cookie),
    );
    expect(site.statusCode).toBe(201);
    // A's own profile: give it a first revision so that If-Match passes and only the site decides.
    const own = await profileCommand(t, a.cookie, 'identity', IDENTITY, -1);
    expect(own.statusCode).toBe(200);
    const revision = own.json().revision;
    const before = await t.lastPosition();
    const foreign = await profileCommand(
      t,
      a.cookie,
      `sites/${site.json().id}/rename`,
      { name: 'Pris' },
      revision,
    );
    const missing = await profileCommand(
      t,
      a.cookie,
      `sites/${crypto.randomUUID()}/rename`,
      { name: 'Pris' },
      revision,
    );
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    const close = await profileCommand(t, a.cookie, `sites/${site.json().id}/close`, {}, revision);
    expect(close.statusCode).toBe(404);
    expect(await t.lastPosition()).toBe(before);
    const theirs = await read(fixture.b.cookie, PROFILE);
    expect(JSON.stringify(theirs.data)).toContain('Autre site B');
    expect(JSON.stringify(theirs.data)).not.toContain('Pris');
  });

  it('changes only its own profile: A’s commands never reach B’s stream, whatever revision they name', async () => {
    const { a, b, t, read } = fixture;
    const bBefore = (await read(b.cookie, PROFILE)).data!.organisationProfile as {
      revision: number;
      legalName: string;
    };
    const aRevision = ((await read(a.cookie, PROFILE)).data!.organisationProfile as { revision: number })
      .revision;
    // Naming B's revision is only a stale revision of A's own profile.
    const stale = await profileCommand(
      t,
      a.cookie,
      'identity',
      { ...IDENTITY, legalName: 'Pirate' },
      bBefore.revision + 7,
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.currentRevision).toBe(aRevision);
    const logo = await uploadLogo(t, a.cookie, PNG_BYTES, 'image/png', aRevision);
    expect(logo.statusCode).toBe(200);
    const bAfter = (await read(b.cookie, '{ organisationProfile { revision legalName logoUrl } }')).data!
      .organisationProfile as { revision: number; legalName: string; logoUrl: string | null };
    expect(bAfter).toEqual({ revision: bBefore.revision, legalName: bBefore.legalName, logoUrl: null });
  });

  it('lets an auditor of A read A’s profile but not change it; anonymous callers get nothing', async () => {
    const { a, t, read, auditorOf } = fixture;
    const auditor = await auditorOf(a.organisationId);
    const reading = await read(auditor, PROFILE);
    expect(reading.errors).toBeUndefined();
    expect(reading.data?.organisationProfile).toMatchObject({ id: a.organisationId });
    const write = await profileCommand(t, auditor, 'sites', { name: 'Audit' }, 0);
    expect(write.statusCode).toBe(403);
    const anonymousRead = await read(undefined, PROFILE);
    expect(anonymousRead.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const anonymousWrite = await profileCommand(t, undefined, 'identity', IDENTITY, 0);
    expect(anonymousWrite.statusCode).toBe(401);
  });
});
