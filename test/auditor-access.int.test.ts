import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAccount } from '../services/access/accounts';
import { execute } from '../services/db/database';
import { fixedClock } from '../services/kernel/clock';
import type { MailTables } from '../services/mail/tables';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

const DAY = 24 * 3600_000;

const LINKS = `{ auditorAccessLinks {
  id auditorName auditorEmail status from until useCount lastUsedAt binderExportIds
  uses { what binderExportId origin at }
} }`;

interface LinkView {
  id: string;
  auditorName: string;
  status: string;
  useCount: number;
  binderExportIds: string[] | null;
  uses: { what: string; binderExportId: string | null; origin: string | null }[];
}

const cookieOf = (response: LightMyRequestResponse) => {
  const sid = response.cookies.find((cookie) => cookie.name === 'sid');
  return `sid=${sid!.value}`;
};

describe('auditor access links: granted by an admin, opened read-only, every use recorded', () => {
  const clock = fixedClock(new Date());
  let t: TestApp;
  let admin: string;
  let email: string;
  let organisationId: string;
  let covered: string;
  let other: string;

  const post = (cookie: string | undefined, url: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
  const read = async (cookie: string, query: string) =>
    graphql(t.app, cookie, query, {}, await t.lastPosition());
  const links = async () => {
    const answer = await read(admin, LINKS);
    expect(answer.errors).toBeUndefined();
    return answer.data!.auditorAccessLinks as LinkView[];
  };
  const binder = async () => {
    const requested = await post(admin, '/api/binder-exports', {});
    expect(requested.statusCode, requested.body).toBe(201);
    const { id, position } = requested.json() as { id: string; position: number };
    await t.runner.waitForPosition(position, 30_000);
    await t.binderRunner.drain();
    return id;
  };
  const grant = async (body: object = {}) => {
    const granted = await post(admin, '/api/auditor-access/links', {
      auditorName: 'Claire Auditrice',
      auditorEmail: 'claire.auditrice@certif.example',
      ...body,
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const answer = granted.json() as { id: string; url: string; position: number };
    return { ...answer, token: answer.url.split('/auditor/')[1]! };
  };
  const open = (token: string) => post(undefined, '/api/public/auditor-access/sessions', { token });

  beforeAll(async () => {
    t = await startTestApp({ clock, runBinderRunner: false });
    ({ cookie: admin, email, organisationId } = await t.organisation('Formations Auditées'));
    const complaint = await post(admin, '/api/complaints', {
      channel: 'phone',
      group: 'learner',
      anonymous: false,
      name: 'Jeanne Martin',
      email: 'jeanne.martin@example.fr',
      text: 'La salle était trop petite.',
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    covered = await binder();
    other = await binder();
  });
  afterAll(() => t?.stop());

  it('opens a read-only auditor session that reads the dashboard and downloads the binders the link covers', async () => {
    const link = await grant({ binderExportIds: [covered] });
    expect(link.url).toMatch(/\/auditor\/[A-Za-z0-9_-]{43}$/);

    const opened = await open(link.token);
    expect(opened.statusCode, opened.body).toBe(201);
    const auditor = cookieOf(opened);
    expect(new Date(opened.json().expiresAt).getTime()).toBeLessThanOrEqual(clock.now().getTime() + 14 * DAY);

    const dashboard = await read(
      auditor,
      `{ me { role } auditorLinkSession { binderExportIds }
         dashboard { trainingActionCount } evidenceSummary { indicator count }
         binderExports { id downloadUrl } }`,
    );
    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data).toMatchObject({
      me: { role: 'auditor' },
      auditorLinkSession: { binderExportIds: [covered] },
      binderExports: [{ id: covered, downloadUrl: `/api/binder-exports/${covered}/download` }],
    });
    expect(
      (dashboard.data!.evidenceSummary as { indicator: number; count: number }[]).length,
    ).toBeGreaterThan(0);

    const download = await t.app.inject({
      method: 'GET',
      url: `/api/binder-exports/${covered}/download`,
      headers: { cookie: auditor },
    });
    expect(download.statusCode, download.body).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/binder-exports/${other}/download`,
      headers: { cookie: auditor },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('binder_not_covered');

    const [listed] = await links();
    expect(listed).toMatchObject({
      id: link.id,
      auditorName: 'Claire Auditrice',
      status: 'active',
      useCount: 2,
      binderExportIds: [covered],
    });
    expect(listed!.uses.map((use) => [use.what, use.binderExportId])).toEqual([
      ['binder_downloaded', covered],
      ['opened', null],
    ]);
    expect(listed!.uses[0]!.origin).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(listed!.uses[0]!.origin).toBe(listed!.uses[1]!.origin);
  });

  it('never writes: a command through the link answers 403, and the admin’s list is not the auditor’s to read', async () => {
    const auditor = cookieOf(await open((await grant()).token));
    const complaint = await post(auditor, '/api/complaints', {
      channel: 'phone',
      group: 'learner',
      anonymous: true,
      text: 'Écrit par un lien d’auditeur',
    });
    expect(complaint.statusCode).toBe(403);
    expect((await post(auditor, '/api/binder-exports', {})).statusCode).toBe(403);
    expect((await post(auditor, '/api/account/sessions/end-others')).statusCode).toBe(403);
    const list = await read(auditor, LINKS);
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('mails the link to the auditor, and keeps its token nowhere in clear: neither in the log nor in a table', async () => {
    const link = await grant({ auditorEmail: 'mail.auditrice@certif.example' });
    expect((await open(link.token)).statusCode).toBe(201);
    const outbox = () =>
      t.database.db
        .withTables<MailTables>()
        .selectFrom('mail_dev_outbox')
        .select(['subject', 'text_body'])
        .where('recipient', '=', 'mail.auditrice@certif.example')
        .execute();
    // The development outbox is what the mail server would have received: the message itself.
    await vi.waitFor(async () => expect(await outbox()).toHaveLength(1), { timeout: 30_000, interval: 50 });
    expect((await outbox())[0]!.text_body).toContain(link.url);
    // Its parameters (the link included) are kept until the delivery is recorded, then erased with it: look once
    // the message is settled, not while it is being recorded.
    const unsettled = () =>
      t.database.db
        .withTables<MailTables>()
        .selectFrom('mail_deliveries')
        .select('message_id')
        .where('recipient', '=', 'mail.auditrice@certif.example')
        .execute();
    await vi.waitFor(async () => expect(await unsettled()).toHaveLength(0), {
      timeout: 30_000,
      interval: 50,
    });

    const columns = await execute<{ table_name: string; column_name: string }>(
      t.database.db,
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND data_type IN ('text', 'jsonb', 'json', 'character varying')
          AND table_name <> 'mail_dev_outbox'`,
    );
    expect(columns.some((column) => column.table_name === 'es_events')).toBe(true);
    const holding: string[] = [];
    for (const { table_name, column_name } of columns) {
      const rows = await execute<{ found: number }>(
        t.database.db,
        `SELECT count(*)::int AS found FROM "${table_name}" WHERE "${column_name}"::text LIKE $1`,
        [`%${link.token}%`],
      );
      if (rows[0]!.found > 0) holding.push(`${table_name}.${column_name}`);
    }
    expect(holding).toEqual([]);
  });

  it('refuses a revoked link with 410, and ends the sessions it opened at once', async () => {
    const link = await grant();
    const auditor = cookieOf(await open(link.token));
    const revoked = await post(admin, `/api/auditor-access/links/${link.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await read(auditor, '{ me { role } }')).data?.me).toBeNull();
    const again = await open(link.token);
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('auditor_link_revoked');
    expect((await links()).find((listed) => listed.id === link.id)?.status).toBe('revoked');
  });

  it('refuses an unknown token with 404, and a link past its last day with 410', async () => {
    expect((await open('x'.repeat(43))).json().code).toBe('auditor_link_not_found');
    const link = await grant({ until: undefined });
    const auditor = cookieOf(await open(link.token));
    clock.advance(14 * DAY);
    expect((await read(auditor, '{ me { role } }')).data?.me).toBeNull();
    const expired = await open(link.token);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('auditor_link_expired');
    admin = await t.login(email, PASSWORD);
    expect((await links()).find((listed) => listed.id === link.id)?.status).toBe('expired');
  });

  it('refuses a link longer than 60 days, and lets admins only grant one', async () => {
    const tooLong = await post(admin, '/api/auditor-access/links', {
      auditorName: 'Claire Auditrice',
      auditorEmail: 'claire.auditrice@certif.example',
      until: new Date(clock.now().getTime() + 61 * DAY).toISOString().slice(0, 10),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().code).toBe('auditor_link_too_long');

    const address = `qm.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock },
      {
        organisationId,
        email: address,
        displayName: 'Responsable qualité',
        role: 'quality_manager',
        password: PASSWORD,
      },
    );
    const manager = await t.login(address, PASSWORD);
    const refused = await post(manager, '/api/auditor-access/links', {
      auditorName: 'Claire Auditrice',
      auditorEmail: 'claire.auditrice@certif.example',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('limits attempts to open a link from one address', async () => {
    const answers: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) answers.push((await open('y'.repeat(43))).statusCode);
    expect(answers.at(-1)).toBe(429);
  });
});
