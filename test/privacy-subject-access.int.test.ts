import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProjections } from '../projections/index';
import { rebuildProjection } from '../projections/runner/rebuild';
import { registerAccount } from '../services/access/accounts';
import { execute } from '../services/db/database';
import { ERASED } from '../services/privacy/declarations';
import type { SubjectExport } from '../services/privacy/export';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

/** Person A: a user of the first organisation, invited there first, written to twice. */
const A = { email: 'Zoe.OBrien-Lefevre@exemple-of.fr', displayName: 'Zoé O’Brien-Lefèvre & <fils>' };
/** Person B: a colleague of A's, in the same organisation. */
const B = { email: 'barnabe.quintard@exemple-of.fr', displayName: 'Barnabé Quintard-Maëlle' };
const OTHER_ORGANISATION = 'Organisme Voisin Kergalet';

const LOOKUP = `query ($email: String!) {
  personalDataSubjects(email: $email) { id kind erased first last events { type count first last } }
}`;
const HISTORY = `query { privacyRequests(first: 20) { edges { node {
  kind occurredAt actorId actorName subjectIds reason format
} } } }`;

type Subject = { id: string; kind: string; erased: boolean; events: { type: string; count: number }[] };

describe('subject access: a person is looked up by address and exported, within their organisation only', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp['organisation']>>;
  let neighbour: Awaited<ReturnType<TestApp['organisation']>>;
  let userA: string;
  let invitationA: string;
  let neighbourInvitation: string;
  let bCookie: string;
  const subjectsOfA: string[] = [];

  const settled = async () => {
    expect(await t.runner.waitForPosition(await t.lastPosition(), 30_000)).toBe(true);
  };
  const lookup = async (cookie: string, email: string) => {
    const result = await graphql(t.app, cookie, LOOKUP, { email }, await t.lastPosition());
    return result;
  };
  const subjectIdsOf = async (cookie: string, email: string) => {
    const result = await lookup(cookie, email);
    expect(result.errors).toBeUndefined();
    return (result.data!.personalDataSubjects as Subject[]).map((subject) => subject.id).sort();
  };
  const exportOf = (cookie: string, subjectIds: string[], format: 'json' | 'html' = 'json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/privacy/exports',
      headers: { cookie },
      payload: { subjectIds, format },
    });
  const invite = async (cookie: string, email: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/team/invitations',
      headers: { cookie },
      payload: { email, role: 'contributor' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const storedLog = async () =>
    (await execute<{ row: string }>(t.database.db, 'SELECT data::text AS row FROM es_events'))
      .map((row) => row.row)
      .join('\n');

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.organisation('Organisme Subject Access');
    neighbour = await t.organisation(OTHER_ORGANISATION);
    const deps = { db: t.database.db, store: t.store, clock: { now: () => new Date() } };

    invitationA = await invite(admin.cookie, A.email);
    userA = (
      await registerAccount(deps, {
        organisationId: admin.organisationId,
        ...A,
        role: 'contributor',
        password: PASSWORD,
        actorId: admin.userId,
      })
    ).userId;
    await t.mail.queue({
      organisationId: admin.organisationId,
      to: A.email,
      locale: 'fr',
      template: 'sign_in_failures',
      params: { failures: 5, lastAttemptAt: new Date().toISOString() },
      actor: { type: 'system' },
    });
    await registerAccount(deps, {
      organisationId: admin.organisationId,
      ...B,
      role: 'contributor',
      password: PASSWORD,
      actorId: admin.userId,
    });
    await invite(admin.cookie, 'someone.else@exemple-of.fr');
    await t.mail.queue({
      organisationId: admin.organisationId,
      to: B.email,
      locale: 'fr',
      template: 'sign_in_failures',
      params: { failures: 5, lastAttemptAt: new Date().toISOString() },
      actor: { type: 'system' },
    });
    // The neighbouring organisation invites the same address: its own person, not A.
    neighbourInvitation = await invite(neighbour.cookie, A.email.toUpperCase());
    bCookie = await t.login(B.email, PASSWORD);
    await t.login(A.email, PASSWORD);
    await settled();
  });
  afterAll(() => t?.stop());

  it('finds every subject of A by address (any case), and none of B nor of the other organisation', async () => {
    const found = await subjectIdsOf(admin.cookie, `  ${A.email.toLowerCase()} `);
    subjectsOfA.push(...found);
    expect(found).toContain(`user:${userA}`);
    expect(found).toContain(`contact:${invitationA}`);
    // The invitation's mail and the sign-in warning: two message recipients.
    expect(found.filter((id) => id.startsWith('contact:')).length).toBe(3);
    expect(found).toHaveLength(4);
    expect(found).not.toContain(`contact:${neighbourInvitation}`);

    const subjects = (await lookup(admin.cookie, A.email)).data!.personalDataSubjects as Subject[];
    const user = subjects.find((subject) => subject.id === `user:${userA}`)!;
    expect(user.kind).toBe('user');
    expect(user.erased).toBe(false);
    expect(user.events.map((event) => event.type)).toContain('UserRegistered');
  });

  it('answers the other organisation with its own subjects only, and nothing of A', async () => {
    const theirs = await subjectIdsOf(neighbour.cookie, A.email);
    expect(theirs).toContain(`contact:${neighbourInvitation}`);
    expect(theirs.some((id) => subjectsOfA.includes(id))).toBe(false);
    expect(await subjectIdsOf(neighbour.cookie, B.email)).toEqual([]);
    const refused = await exportOf(neighbour.cookie, [`user:${userA}`]);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('subject_not_found');
  });

  it('exports every seeded field of A, and nothing of B nor of the other organisation', async () => {
    const response = await exportOf(admin.cookie, subjectsOfA);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="donnees-personnelles-.*\.json"$/,
    );
    const text = response.body;
    for (const value of [A.email, A.displayName, A.email.toUpperCase()]) {
      if (value === A.email.toUpperCase()) expect(text).not.toContain(value);
      else expect(text).toContain(value);
    }
    for (const value of [
      B.email,
      B.displayName,
      OTHER_ORGANISATION,
      neighbourInvitation,
      neighbour.organisationId,
    ]) {
      expect(text).not.toContain(value);
    }
    expect(text).not.toContain('someone.else');

    const body = response.json() as SubjectExport;
    expect(body.organisation.id).toBe(admin.organisationId);
    const user = body.subjects.find((subject) => subject.subjectId === `user:${userA}`)!;
    const userId = userA;
    expect(user.events.find((event) => event.type === 'UserRegistered')?.personalData).toEqual({
      email: A.email,
      displayName: A.displayName,
    });
    // A fact naming them by id only: their sign-in.
    expect(user.events.find((event) => event.type === 'UserSignedIn')).toMatchObject({
      personalData: {},
      details: { userId },
    });
    expect(user.outsideLog['access.accounts']?.[0]).toMatchObject({
      email: A.email,
      display_name: A.displayName,
    });
    const invitation = body.subjects.find((subject) => subject.subjectId === `contact:${invitationA}`)!;
    // Invitations keep the address lower-cased, as typed otherwise.
    expect(invitation.events.find((event) => event.type === 'InvitationSent')?.personalData).toEqual({
      email: A.email.toLowerCase(),
    });
    const recipients = body.subjects.filter((subject) =>
      subject.events.some((event) => event.type === 'MailQueued'),
    );
    expect(recipients).toHaveLength(2);
    expect(
      recipients.map(
        (recipient) => recipient.events.find((event) => event.type === 'MailQueued')?.personalData,
      ),
    ).toEqual(expect.arrayContaining([{ to: A.email }, { to: A.email.toLowerCase() }]));
    for (const recipient of recipients) {
      // Never the message's parameters: the invitation's carry the inviter's name and a single-use link.
      expect(JSON.stringify(recipient.outsideLog)).not.toContain('acceptUrl');
    }
  });

  it('renders the same export as a self-contained, escaped French page', async () => {
    const response = await exportOf(admin.cookie, [`user:${userA}`], 'html');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    const page = response.body;
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Zoé O’Brien-Lefèvre &amp; &lt;fils&gt;');
    expect(page).not.toContain('<fils>');
    expect(page).toContain('Organisme Subject Access');
    expect(page).toContain('heure de Paris');
    expect(page).not.toContain('<script');
    expect(page).not.toContain(B.email);
  });

  it('validates its input and refuses non-admins', async () => {
    expect((await exportOf(bCookie, [`user:${userA}`])).statusCode).toBe(403);
    const forbidden = await lookup(bCookie, A.email);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await graphql(t.app, bCookie, HISTORY)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await exportOf(admin.cookie, [`user:${crypto.randomUUID()}`]);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('subject_not_found');
    const mixed = await exportOf(admin.cookie, [`user:${userA}`, `contact:${neighbourInvitation}`]);
    expect(mixed.statusCode).toBe(404);
    for (const payload of [
      { subjectIds: [], format: 'json' },
      { subjectIds: ['user:nope'], format: 'json' },
      { subjectIds: [`user:${userA}`], format: 'pdf' },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/privacy/exports',
        headers: { cookie: admin.cookie },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toEqual(expect.any(String));
    }
    const badAddress = await lookup(admin.cookie, 'not an address');
    expect(badAddress.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('records each export as an event with ids and a format, and no personal value in the log', async () => {
    await settled();
    const exported = await execute<{ data: Record<string, unknown>; metadata: { actor: { id: string } } }>(
      t.database.db,
      `SELECT data, metadata FROM es_events WHERE type = 'PersonalDataExported' ORDER BY position`,
    );
    // The refused exports (403, 404, 400) recorded nothing.
    expect(exported).toHaveLength(2);
    expect(exported[0]!.data).toEqual({
      exportId: expect.any(String),
      subjectIds: [...subjectsOfA].sort(),
      format: 'json',
      exportedBy: admin.userId,
    });
    expect(exported[0]!.metadata.actor.id).toBe(admin.userId);
    const log = await storedLog();
    for (const value of [
      A.email,
      A.email.toLowerCase(),
      A.email.toUpperCase(),
      'Brien',
      B.email,
      'Quintard',
    ]) {
      expect(log).not.toContain(value);
    }
    const history = await graphql(t.app, admin.cookie, HISTORY, {}, await t.lastPosition());
    const nodes = (history.data!.privacyRequests as { edges: { node: Record<string, unknown> }[] }).edges.map(
      (edge) => edge.node,
    );
    expect(nodes.map((node) => [node.kind, node.format])).toEqual([
      ['export', 'html'],
      ['export', 'json'],
    ]);
    expect(nodes[0]!.actorName).toBe('Admin Organisme Subject Access');
    const theirs = await graphql(t.app, neighbour.cookie, HISTORY, {}, await t.lastPosition());
    expect((theirs.data!.privacyRequests as { edges: unknown[] }).edges).toEqual([]);
  });

  it('after erasing A’s user, exports the ERASED marker and no longer finds them by address', async () => {
    const erased = await t.app.inject({
      method: 'POST',
      url: `/api/privacy/subjects/user:${userA}/erase`,
      headers: { cookie: admin.cookie },
      payload: { reason: 'subject_request' },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    await settled();

    const response = await exportOf(admin.cookie, [`user:${userA}`]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).not.toContain(A.email);
    expect(response.body).not.toContain('Brien');
    const user = (response.json() as SubjectExport).subjects[0]!;
    expect(user.erased).toBe(true);
    expect(user.events.find((event) => event.type === 'UserRegistered')?.personalData).toEqual({
      email: ERASED,
      displayName: ERASED,
    });
    expect(user.events.find((event) => event.type === 'PersonalDataErased')?.details).toEqual({
      reason: 'subject_request',
    });

    const found = await subjectIdsOf(admin.cookie, A.email);
    expect(found).not.toContain(`user:${userA}`);
    expect(found).toContain(`contact:${invitationA}`);
    const emails = await execute<{ email: string }>(
      t.database.db,
      'SELECT email FROM privacy_subject_emails WHERE subject_id = $1',
      [`user:${userA}`],
    );
    expect(emails).toEqual([]);

    const history = await graphql(t.app, admin.cookie, HISTORY, {}, await t.lastPosition());
    const nodes = (history.data!.privacyRequests as { edges: { node: Record<string, unknown> }[] }).edges.map(
      (edge) => edge.node,
    );
    // Newest first: the export that followed the erasure, then the erasure.
    expect(nodes.map((node) => node.kind)).toEqual(['export', 'erasure', 'export', 'export']);
    expect(nodes[1]).toMatchObject({
      kind: 'erasure',
      reason: 'subject_request',
      subjectIds: [`user:${userA}`],
    });
  });

  it('rebuilds its index from the log into the same rows (erased addresses stay out)', async () => {
    const projection = allProjections.find((candidate) => candidate.name === 'subject_access')!;
    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(
          projection.tables.map(async (table) => [
            table,
            await execute(t.database.db, `SELECT * FROM ${table} ORDER BY 1, 2`),
          ]),
        ),
      );
    const before = await snapshot();
    await rebuildProjection(t.database, t.store, projection);
    expect(await snapshot()).toEqual(before);
  });
});
