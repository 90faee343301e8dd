import { describe, expect, it } from 'vitest';
import { execute } from '../services/db/database';
import { type Tenant, twoTenants } from './support/tenants';

const HISTORY = `{ privacyRequests(first: 20) { edges { node { kind subjectIds format } } } }`;
const LOOKUP = `query ($email: String!) { personalDataSubjects(email: $email) { id } }`;

describe('subject access: an organisation exports and looks up only its own data subjects', () => {
  const fixture = twoTenants();

  /** The anonymous respondent of the tenant's answer, as subject access indexed it. */
  const respondentOf = async (tenant: Tenant) => {
    expect(await fixture.t.runner.waitForPosition(await fixture.t.lastPosition(), 30_000)).toBe(true);
    const rows = await execute<{ subject_id: string }>(
      fixture.t.database.db,
      `SELECT DISTINCT subject_id FROM privacy_subject_events
        WHERE organisation_id = $1 AND subject_id LIKE 'respondent:%'`,
      [tenant.organisationId],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!.subject_id;
  };

  it('exports its own respondent’s comment, and answers another organisation’s as unknown', async () => {
    const { a, b, post } = fixture;
    const mine = await respondentOf(a);
    const theirs = await respondentOf(b);
    const own = await post(a.cookie, '/api/privacy/exports', { subjectIds: [mine], format: 'json' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.body).toContain(a.secret);
    expect(own.body).not.toContain(b.secret);

    for (const subjectIds of [[theirs], [mine, theirs]]) {
      const refused = await post(a.cookie, '/api/privacy/exports', { subjectIds, format: 'html' });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().code).toBe('subject_not_found');
      expect(refused.body).not.toContain(b.secret);
    }
  });

  it('keeps each organisation’s history to itself, and refuses auditors and strangers', async () => {
    const { a, b, post, read, auditorOf } = fixture;
    const historyA = await read(a.cookie, HISTORY);
    expect((historyA.data!.privacyRequests as { edges: unknown[] }).edges).toHaveLength(1);
    const historyB = await read(b.cookie, HISTORY);
    expect((historyB.data!.privacyRequests as { edges: unknown[] }).edges).toEqual([]);

    const auditor = await auditorOf(a.organisationId);
    const mine = await respondentOf(a);
    expect(
      (await post(auditor, '/api/privacy/exports', { subjectIds: [mine], format: 'json' })).statusCode,
    ).toBe(403);
    expect((await read(auditor, HISTORY)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await read(auditor, LOOKUP, { email: 'a@example.fr' })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await post(undefined, '/api/privacy/exports', { subjectIds: [mine], format: 'json' })).statusCode,
    ).toBe(401);
    expect((await read(undefined, HISTORY)).errors).toBeDefined();
  });
});
