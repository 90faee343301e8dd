import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { registerAccount } from '../../services/access/accounts';
import { graphql, PASSWORD, startTestApp, type TestApp, type TestAppOptions } from './app';
import { answer, type OpenedLink, openFeedbackLink } from './training-fixture';

export interface Tenant {
  organisationId: string;
  cookie: string;
  /** A training action, a session, an open feedback link and one answer whose comment is a secret. */
  data: OpenedLink;
  secret: string;
}

export interface TwoTenants {
  t: TestApp;
  a: Tenant;
  b: Tenant;
  /** A POST as the given cookie (none: anonymous). */
  post(cookie: string | undefined, url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** Signs in a new auditor (read-only member) of the organisation; answers the session cookie. */
  auditorOf(organisationId: string): Promise<string>;
  /** A GraphQL read as the given cookie, after every write so far. */
  read(
    cookie: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
  ): ReturnType<typeof graphql>;
}

/**
 * Two organisations, A and B, each with its own data, for a slice's tenant-isolation tests: each slice keeps
 * its cases in its own `test/<slice>.tenant.int.test.ts`. Call it at the top of a describe block.
 */
export const twoTenants = (options: TestAppOptions = {}): TwoTenants => {
  const fixture = {} as TwoTenants;
  const tenant = async (name: string): Promise<Tenant> => {
    const { cookie, organisationId } = await fixture.t.organisation(name);
    const data = await openFeedbackLink(fixture.t, cookie, { title: `Action ${name}` });
    const secret = `secret of ${name}`;
    const answered = await answer(fixture.t, data.token, { comment: secret });
    if (answered.statusCode !== 201) throw new Error(`answer failed: ${answered.body}`);
    return { organisationId, cookie, data, secret };
  };
  beforeAll(async () => {
    fixture.t = await startTestApp(options);
    fixture.post = (cookie, url, payload = {}) =>
      fixture.t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
    fixture.read = async (cookie, query, variables = {}) =>
      graphql(fixture.t.app, cookie, query, variables, await fixture.t.lastPosition());
    fixture.auditorOf = async (organisationId) => {
      const email = `auditor.${crypto.randomUUID()}@example.fr`;
      const { db } = fixture.t.database;
      await registerAccount(
        { db, store: fixture.t.store, clock: { now: () => new Date() } },
        { organisationId, email, displayName: 'Auditrice', role: 'auditor', password: PASSWORD },
      );
      return fixture.t.login(email, PASSWORD);
    };
    fixture.a = await tenant('A');
    fixture.b = await tenant('B');
  });
  afterAll(() => fixture.t?.stop());
  return fixture;
};
