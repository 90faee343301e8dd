import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationProfilesProjection as projection } from '../projections/organisations/profile-projection';
import { execute } from '../services/db/database';
import { migrate } from '../services/db/migrate';
import { createPostgresEventStore, type PostgresEventStore } from '../services/eventstore/postgres';
import type { RecordedEvent } from '../services/eventstore/types';
import { runCommand } from '../services/kernel/command';
import {
  type OrganisationProfileCommand,
  organisationProfileDecider,
} from '../services/organisation/decider';
import { organisationProfileStream } from '../services/organisation/events';
import { migrations } from '../services/runtime';
import { createTestDatabase, primaryKind, type TestDatabase } from './support/databases';

const identity = (legalName: string) => ({
  legalName,
  siret: '44306184100047',
  nda: null,
  address: { street: '1 rue Haute', complement: null, postalCode: '69001', city: 'Lyon' },
  contactEmail: 'contact@example.fr',
});

/** Every row of the profile's tables, in a stable order. */
const snapshot = async (testDb: TestDatabase) => ({
  profiles: await execute(testDb.database.db, 'SELECT * FROM organisation_profiles ORDER BY organisation_id'),
  sites: await execute(testDb.database.db, 'SELECT * FROM organisation_sites ORDER BY id'),
});

describe('organisation profile read model', () => {
  let testDb: TestDatabase;
  let store: PostgresEventStore;
  let events: RecordedEvent[];
  const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
  const [lyon, paris] = [crypto.randomUUID(), crypto.randomUUID()];

  beforeAll(async () => {
    testDb = await createTestDatabase(primaryKind());
    await migrate(testDb.database.db, migrations);
    store = createPostgresEventStore(testDb.database);
    const run = (organisationId: string, command: OrganisationProfileCommand) =>
      runCommand(
        {
          store,
          clock: { now: () => new Date('2026-05-04T08:00:00Z') },
          organisationId,
          actor: { type: 'system' },
        },
        organisationProfileDecider,
        organisationProfileStream(organisationId),
        command,
      );
    // Runs of one type with several events of one organisation, or of one site, in a row.
    await run(a, { type: 'RecordIdentity', identity: identity('A first') });
    await run(a, { type: 'RecordIdentity', identity: identity('A second') });
    await run(b, { type: 'RecordIdentity', identity: identity('B') });
    await run(a, { type: 'AddSite', siteId: lyon, name: 'Lyon' });
    await run(a, { type: 'AddSite', siteId: paris, name: 'Paris' });
    await run(a, { type: 'RenameSite', siteId: lyon, name: 'Lyon 2' });
    await run(a, { type: 'RenameSite', siteId: lyon, name: 'Lyon 3' });
    await run(a, { type: 'CloseSite', siteId: paris });
    await run(a, { type: 'ChangeLogo', sha256: 'a'.repeat(64), mediaType: 'image/png', size: 10 });
    await run(a, { type: 'RemoveLogo' });
    await run(b, { type: 'ChangeLogo', sha256: 'b'.repeat(64), mediaType: 'image/webp', size: 10 });
    await run(b, {
      type: 'DeclareActivities',
      activities: {
        categories: ['apprenticeship'],
        certifying: true,
        subcontracting: false,
        workBasedTraining: true,
        alternance: true,
        newEntrant: true,
      },
    });
    // The streams themselves, in global order: the feed would hide them while any transaction on the server
    // (another test's) is still open.
    const streams = await Promise.all([a, b].map((id) => store.readStream(organisationProfileStream(id))));
    events = streams.flat().sort((x, y) => x.position - y.position);
    await projection.create(testDb.database.db);
  });
  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('ends the same whether the events come one by one or in one batch (runs of one type at once)', async () => {
    for (const event of events) await projection.apply(testDb.database.db, [event]);
    const oneByOne = await snapshot(testDb);
    await execute(testDb.database.db, 'DELETE FROM organisation_profiles');
    await execute(testDb.database.db, 'DELETE FROM organisation_sites');
    await projection.apply(testDb.database.db, events);
    expect(await snapshot(testDb)).toEqual(oneByOne);

    const profiles = oneByOne.profiles as Record<string, unknown>[];
    expect(profiles.find((row) => row.organisation_id === a)).toMatchObject({
      legal_name: 'A second',
      logo_sha256: null,
      revision: 8,
    });
    expect(profiles.find((row) => row.organisation_id === b)).toMatchObject({
      legal_name: 'B',
      logo_media_type: 'image/webp',
      categories: ['apprenticeship'],
      new_entrant: true,
      revision: 2,
    });
    const sites = oneByOne.sites as { id: string; name: string; closed_at: unknown }[];
    expect(sites.find((site) => site.id === lyon)).toMatchObject({ name: 'Lyon 3', closed_at: null });
    expect(sites.find((site) => site.id === paris)?.closed_at).not.toBeNull();
  });
});
