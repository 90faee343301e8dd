import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProjections } from '../projections/index';
import { rebuildProjection } from '../projections/runner/rebuild';
import { registerAccount } from '../services/access/accounts';
import { loadConfig } from '../services/config';
import { execute } from '../services/db/database';
import { loggerOptions } from '../services/http/logging';
import { ERASED } from '../services/privacy/declarations';
import { PASSWORD, startTestApp, type TestApp } from './support/app';
import { primaryKind } from './support/databases';
import { answer, openFeedbackLink } from './support/training-fixture';

const LEARNER = ['Gwendoline', 'Kerbrat-Ollivier'];
const COMMENT = 'Très claire, merci. Gwendoline Kerbrat-Ollivier, stagiaire du groupe B';
const USER = { displayName: 'Anatole Viennet-Brocard', email: 'anatole.viennet@exemple-of.fr' };
const SEEDED = [...LEARNER, USER.displayName, 'Viennet', USER.email];

const readModels = allProjections.filter((projection) =>
  ['feedback', 'evidence', 'organisations', 'team'].includes(projection.name),
);

describe('erasing a learner’s comment and a user leaves no trace of them in the database or the logs', () => {
  let t: TestApp;
  const lines: string[] = [];
  let cookie: string;
  let responseId: string;
  let userId: string;

  /** Every row of every table of the database, as text, by table. */
  const dump = async () => {
    const tables = await execute<{ schema: string; name: string }>(
      t.database.db,
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const byTable = new Map<string, string>();
    for (const { schema, name } of tables) {
      // Raw SQL: a whole row as text, for any table.
      const rows = await execute<{ row: string }>(
        t.database.db,
        `SELECT t::text AS row FROM "${schema}"."${name}" t`,
      );
      byTable.set(`${schema}.${name}`, rows.map((row) => row.row).join('\n'));
    }
    return byTable;
  };
  const foundIn = (texts: Map<string, string>) =>
    [...texts].flatMap(([table, text]) =>
      SEEDED.filter((value) => text.includes(value)).map((value) => `${table}: ${value}`),
    );

  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const projection of readModels) {
      for (const table of projection.tables) {
        tables[table] = await execute(t.database.db, `SELECT * FROM ${table} ORDER BY 1, 2`);
      }
    }
    return tables;
  };
  const settled = async () => {
    expect(await t.runner.waitForPosition(await t.lastPosition(), 30_000)).toBe(true);
  };
  const erase = (subjectId: string, as = cookie) =>
    t.app.inject({
      method: 'POST',
      url: `/api/privacy/subjects/${subjectId}/erase`,
      headers: { cookie: as },
      payload: { reason: 'subject_request' },
    });

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ logger: { ...loggerOptions(loadConfig({ LOG_LEVEL: 'trace' })), stream } });
    const admin = await t.organisation('Organisme RGPD');
    cookie = admin.cookie;
    const registered = await registerAccount(
      { db: t.database.db, store: t.store, clock: { now: () => new Date() } },
      {
        organisationId: admin.organisationId,
        ...USER,
        role: 'contributor',
        password: PASSWORD,
        actorId: admin.userId,
      },
    );
    userId = registered.userId;
    const link = await openFeedbackLink(t, cookie);
    expect((await answer(t, link.token, { rating: 4, comment: COMMENT })).statusCode).toBe(201);
    await settled();
    const rows = await execute<{ id: string }>(t.database.db, 'SELECT id FROM feedback_responses');
    responseId = rows[0]!.id;
  });
  afterAll(() => t?.stop());

  it('keeps the seeded values out of the log itself, while the read models show them', async () => {
    const tables = await dump();
    expect(tables.get('public.es_events')).toBeDefined();
    expect(foundIn(new Map([['es_events', tables.get('public.es_events')!]]))).toEqual([]);
    expect(tables.get('public.feedback_responses')).toContain(LEARNER[1]);
    expect(tables.get('public.users')).toContain(USER.email);
  });

  it('refuses an erasure from a non-admin, and another organisation’s subject answers as unknown', async () => {
    const other = await t.organisation('Autre organisme');
    expect((await erase(`respondent:${responseId}`, other.cookie)).statusCode).toBe(404);
    const unknown = await erase(`user:${crypto.randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('subject_not_found');
    const contributor = await t.login(USER.email, PASSWORD);
    expect((await erase(`respondent:${responseId}`, contributor)).statusCode).toBe(403);
  });

  it('erases both: nothing seeded is left in any table but the sign-in accounts, nor in the logs', async () => {
    const first = await erase(`respondent:${responseId}`);
    expect(first.statusCode, first.body).toBe(200);
    expect((await erase(`user:${userId}`)).statusCode).toBe(200);
    expect((await erase(`user:${userId}`)).json().code).toBe('subject_already_erased');
    await settled();

    const found = foundIn(await dump());
    expect(found).toEqual([]);
    expect(foundIn(new Map([['logs', lines.join('')]]))).toEqual([]);
  });

  it('keeps the rating and the evidence, with the erased fields as the marker', async () => {
    const [response] = await execute<{ rating: number; comment: string }>(
      t.database.db,
      'SELECT rating, comment FROM feedback_responses WHERE id = $1',
      [responseId],
    );
    expect(response).toEqual({ rating: 4, comment: ERASED });
    const items = await execute<{ indicator: number; summary: string; title: string }>(
      t.database.db,
      `SELECT indicator, summary, title FROM evidence_items WHERE event_type = 'FeedbackSubmitted'`,
    );
    expect(items).toEqual([{ indicator: 30, summary: ERASED, title: expect.stringContaining('4/5') }]);
    const [user] = await execute(t.database.db, 'SELECT email, display_name FROM users WHERE id = $1', [
      userId,
    ]);
    expect(user).toEqual({ email: ERASED, display_name: ERASED });
  });

  it('rebuilds the read models from the log into the same rows', async () => {
    const before = await snapshot();
    for (const projection of readModels) await rebuildProjection(t.database, t.store, projection);
    expect(await snapshot()).toEqual(before);
  });

  // pg_dump reads a server; PGlite is covered by the table dump above.
  it.runIf(primaryKind() === 'postgres')('leaves nothing seeded in a pg_dump of the database', async () => {
    const { stdout } = await promisify(execFile)('pg_dump', ['--data-only', '--no-owner', t.testDb.url!], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const hits = foundIn(new Map([['pg_dump', stdout]]));
    const accountRows = stdout.split('\n').filter((line) => SEEDED.some((value) => line.includes(value)));
    // Only the sign-in account's row (its e-mail and name), as above.
    expect(accountRows.every((line) => line.includes(userId) && line.includes(USER.email))).toBe(true);
    expect(hits.every((hit) => !LEARNER.some((value) => hit.endsWith(value)))).toBe(true);
  });
});
