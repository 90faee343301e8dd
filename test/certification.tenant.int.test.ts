import { describe, expect, it } from 'vitest';
import { parisDate } from '../services/kernel/paris-time';
import { twoTenants } from './support/tenants';

const JOURNEY = '{ certificationJourney { id certifier { name } quotes { certifier } } }';

describe('certification journey: a user of organisation A never reaches organisation B’s journey', () => {
  const fixture = twoTenants();
  const today = parisDate(new Date());

  it('answers B’s journey to A like a missing one, on every command, and writes nothing', async () => {
    const { a, b, t, post, read } = fixture;
    const theirs = await post(b.cookie, '/api/certification/journeys', { kind: 'initial' });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const journeyId = theirs.json().id as string;
    await post(b.cookie, '/api/certification/turnover-band', { band: 'over_750k' });
    await post(a.cookie, '/api/certification/journeys', { kind: 'renewal' });
    const unknown = crypto.randomUUID();
    const before = await t.lastPosition();
    const commands: [string, object][] = [
      ['steps', { step: 'audit', state: 'done', on: today }],
      ['certifier', { name: 'Pris' }],
      ['quotes', { certifier: 'Pris', initialAuditCents: 1, yearlyFollowUpCents: 1, receivedOn: today }],
      ['reduced-audit', { reduced: false }],
    ];
    for (const [path, payload] of commands) {
      const foreign = await post(a.cookie, `/api/certification/journeys/${journeyId}/${path}`, payload);
      const missing = await post(a.cookie, `/api/certification/journeys/${unknown}/${path}`, payload);
      expect(foreign.statusCode, `${path} ${foreign.body}`).toBe(404);
      expect(foreign.json()).toEqual(missing.json());
    }
    expect(await t.lastPosition()).toBe(before);

    const mine = (await read(a.cookie, JOURNEY)).data?.certificationJourney as { id: string };
    expect(mine.id).not.toBe(journeyId);
    const planning = await read(a.cookie, '{ certificationPlanning { turnoverBand } }');
    expect(planning.data?.certificationPlanning).toEqual({ turnoverBand: null });
    const still = await read(b.cookie, JOURNEY);
    expect(still.data?.certificationJourney).toEqual({ id: journeyId, certifier: null, quotes: [] });
  });

  it('lets an auditor read the journey but change nothing, and strangers nothing at all', async () => {
    const { a, t, post, read } = fixture;
    const auditor = await fixture.auditorOf(a.organisationId);
    const reading = await read(
      auditor,
      '{ certificationJourney { kind } certificationPlanning { revision } }',
    );
    expect(reading.errors).toBeUndefined();
    const before = await t.lastPosition();
    expect((await post(auditor, '/api/certification/turnover-band', { band: 'under_150k' })).statusCode).toBe(
      403,
    );
    expect((await post(auditor, '/api/certification/journeys', { kind: 'initial' })).statusCode).toBe(403);
    expect(
      (await post(undefined, '/api/certification/turnover-band', { band: 'under_150k' })).statusCode,
    ).toBe(401);
    expect(await t.lastPosition()).toBe(before);
    const anonymous = await read(undefined, '{ certificationJourney { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
