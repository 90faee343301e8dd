import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

describe('questionnaires: a user of organisation A never reaches organisation B’s questionnaires', () => {
  const fixture = twoTenants();

  const createFor = async (cookie: string) => {
    const response = await fixture.post(cookie, '/api/questionnaires', { fromTemplate: 'company' });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };

  it('lists and finds only its own questionnaires; another’s reads as missing', async () => {
    const { a, b, read } = fixture;
    const mine = await createFor(a.cookie);
    const theirs = await createFor(b.cookie);
    const list = await read(a.cookie, '{ questionnaires { id } }');
    const ids = (list.data!.questionnaires as { id: string }[]).map((row) => row.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    const query = 'query ($id: ID!) { questionnaire(id: $id) { id } }';
    const foreign = await read(a.cookie, query, { id: theirs });
    const missing = await read(a.cookie, query, { id: crypto.randomUUID() });
    expect(foreign).toEqual(missing);
    expect(foreign.data?.questionnaire).toBeNull();
  });

  it('cannot revise or archive B’s questionnaire: 404 like a missing one, and nothing is written', async () => {
    const { a, b, post, t } = fixture;
    const theirs = await createFor(b.cookie);
    const before = await t.lastPosition();
    const foreign = await post(a.cookie, `/api/questionnaires/${theirs}/archive`);
    const missing = await post(a.cookie, `/api/questionnaires/${crypto.randomUUID()}/archive`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(await t.lastPosition()).toBe(before);
  });

  it('lets an auditor read questionnaires but not write them, and strangers nothing', async () => {
    const { a, post, read } = fixture;
    const auditor = await fixture.auditorOf(a.organisationId);
    const reading = await read(auditor, '{ questionnaireTemplates { key } questionnaires { id } }');
    expect(reading.errors).toBeUndefined();
    const write = await post(auditor, '/api/questionnaires', { fromTemplate: 'funder' });
    expect(write.statusCode).toBe(403);
    const anonymous = await read(undefined, '{ questionnaires { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(undefined, '/api/questionnaires', { fromTemplate: 'funder' })).statusCode).toBe(401);
  });
});
