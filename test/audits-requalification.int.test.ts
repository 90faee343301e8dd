import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestApp, type TestApp } from './support/app';

const NOW = new Date('2027-02-01T09:00:00Z');

describe('audits: a minor still open at the next audit becomes major; five open minors are warned of', () => {
  let t: TestApp;
  let cookie: string;
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  const held = async (kind: string, day: string) => {
    const { id } = (
      await post('/api/audits', { kind, certifierName: 'C', plannedFrom: day, plannedTo: day })
    ).json();
    const response = await post(`/api/audits/${id}/held`, { heldFrom: day, heldTo: day });
    expect(response.statusCode, response.body).toBe(200);
    return { id: id as string, requalified: response.json().requalified as number };
  };
  const openNcs = async () => {
    const result = await graphql(
      t.app,
      cookie,
      '{ openNonConformities { indicator grade deadline } nonConformityWarnings { code count } }',
      {},
      await t.lastPosition(),
    );
    expect(result.errors).toBeUndefined();
    return result.data as {
      openNonConformities: { grade: string }[];
      nonConformityWarnings: { code: string }[];
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => NOW } });
    ({ cookie } = await t.organisation('Requalification'));
  });
  afterAll(() => t?.stop());

  it('warns at five open minors, and requalifies them when the next audit is held', async () => {
    const initial = await held('initial', '2025-03-10');
    for (const indicator of [1, 2, 8, 9, 12]) {
      const response = await post(`/api/audits/${initial.id}/non-conformities`, {
        indicator,
        grade: 'minor',
        finding: 'Constat',
        notifiedOn: '2025-03-20',
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    expect((await openNcs()).nonConformityWarnings.map((warning) => warning.code)).toContain(
      'minors_count_as_major',
    );
    const surveillance = await held('surveillance', '2026-05-12');
    expect(surveillance.requalified).toBe(5);
    const after = await openNcs();
    expect(after.openNonConformities.every((nc) => nc.grade === 'major')).toBe(true);
    expect(after.openNonConformities[0]).toMatchObject({ deadline: '2026-08-12' });
    // Holding yet another audit requalifies nothing twice.
    expect((await held('additional', '2026-06-01')).requalified).toBe(0);
  });
});
