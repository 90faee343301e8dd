import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBinderExport } from '../projections/binder/queries';
import { registerAccount } from '../services/access/accounts';
import { yearBefore } from '../services/binder/period';
import { renderBinderPdf } from '../services/binder/render-pdf';
import { requestOf } from '../services/binder/runner';
import { createBinderSource } from '../services/binder/source';
import { verifyBinder } from '../services/binder/verify';
import { execute } from '../services/db/database';
import type { Role } from '../services/kernel/auth';
import { fixedClock } from '../services/kernel/clock';
import { parisDate } from '../services/kernel/paris-time';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import { tinyPdf } from './support/file-fixtures';
import { multipartBody } from './support/multipart';

const run = promisify(execFile);

const EXPORT_FIELDS =
  'id from to indicators status fileName sha256 bytes fingerprint items events downloadUrl';

interface ExportRow {
  id: string;
  from: string;
  to: string;
  indicators: number[];
  status: string;
  fileName: string | null;
  sha256: string | null;
  bytes: number | null;
  fingerprint: string | null;
  items: number | null;
  events: number | null;
  downloadUrl: string | null;
}

describe('audit binders from request to download: verifiable, reproducible, as of a day', () => {
  // The log dates events by the database's clock, the app by its own: the app's starts two days ago, and what is
  // recorded then is dated two days back in the log too (below), so that "as of yesterday" means the same to both.
  const DAY = 24 * 3600_000;
  const clock = fixedClock(new Date(Date.now() - 2 * DAY));
  const yesterday = parisDate(new Date(Date.now() - DAY));
  let t: TestApp;
  let cookie: string;
  let organisationId: string;
  let email: string;
  let work: string;
  let documentId: string;

  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  const read = async (as: string, query: string, variables: Record<string, unknown> = {}) =>
    graphql(t.app, as, query, variables, await t.lastPosition());
  const complaint = async (text: string) => {
    const recorded = await post('/api/complaints', {
      channel: 'phone',
      group: 'learner',
      anonymous: false,
      name: 'Jeanne Martin',
      email: 'jeanne.martin@example.fr',
      text,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
  };
  /** Asks for a binder, writes it, and answers it as GraphQL reads it. */
  const exportBinder = async (body: object): Promise<ExportRow> => {
    const requested = await post('/api/binder-exports', body);
    expect(requested.statusCode, requested.body).toBe(201);
    const { id, position } = requested.json() as { id: string; position: number };
    await t.runner.waitForPosition(position, 30_000);
    await t.binderRunner.drain();
    const result = await read(cookie, `query ($id: ID!) { binderExport(id: $id) { ${EXPORT_FIELDS} } }`, {
      id,
    });
    expect(result.errors).toBeUndefined();
    return result.data!.binderExport as ExportRow;
  };
  const download = async (row: ExportRow) => {
    const response = await t.app.inject({ method: 'GET', url: row.downloadUrl!, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    return response.rawPayload;
  };
  const member = async (role: Role) => {
    const address = `${role}.${crypto.randomUUID()}@example.fr`;
    await registerAccount(
      { db: t.database.db, store: t.store, clock },
      { organisationId, email: address, displayName: `Membre ${role}`, role, password: PASSWORD },
    );
    return t.login(address, PASSWORD);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, runBinderRunner: false });
    ({ cookie, organisationId, email } = await t.organisation('Formations Dossier'));
    work = await mkdtemp(join(tmpdir(), 'binder-export-'));
    await complaint('La salle de la session de mai était trop petite.');
    await complaint('Le support de cours est arrivé en retard.');
    const form = multipartBody([
      { name: 'title', value: 'Procédure de traitement des réclamations' },
      { name: 'on', value: parisDate(clock.now()) },
      { name: 'indicators', value: '31' },
      { name: 'file', filename: 'procédure réclamations.pdf', bytes: tinyPdf() },
    ]);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/evidence-documents',
      payload: form.payload,
      headers: { cookie, ...form.headers },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    documentId = uploaded.json().id;
    await t.runner.waitForPosition(await t.lastPosition(), 30_000);
    await execute(t.database.db, `UPDATE es_events SET recorded_at = recorded_at - interval '2 days'`);
    // The binders below are drawn as of yesterday: what is recorded from today on is not theirs.
    clock.advance(2 * DAY);
    cookie = await t.login(email, PASSWORD);
  });

  afterAll(async () => {
    await t?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('writes a signed archive whose SHA256SUMS checks with sha256sum -c, and which verifies offline', async () => {
    const row = await exportBinder({ asOf: yesterday });
    expect(row).toMatchObject({
      status: 'completed',
      fileName: `dossier-qualiopi-${yearBefore(yesterday)}-au-${yesterday}.zip`,
      from: yearBefore(yesterday),
      to: yesterday,
    });
    expect(row.items).toBeGreaterThanOrEqual(2);
    expect(row.events).toBeGreaterThanOrEqual(2);
    const bytes = await download(row);
    expect(bytes.length).toBe(row.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);

    const zipPath = join(work, 'first.zip');
    await writeFile(zipPath, bytes);
    const unpacked = join(work, 'first');
    await run('unzip', ['-q', zipPath, '-d', unpacked]);
    const { stdout } = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: unpacked });
    expect(stdout).toContain('binder.pdf: OK');
    // The evidence document current on that day travels with its exact bytes.
    expect(stdout).toContain(`documents/${documentId}/v1/`);
    const carried = stdout.split('\n').find((line) => line.startsWith(`documents/${documentId}/v1/`))!;
    const carriedPath = carried.replace(/: OK$/, '');
    expect(Buffer.compare(await readFile(join(unpacked, carriedPath)), tinyPdf())).toBe(0);
    expect(stdout).not.toMatch(/FAILED/);

    const { data } = await read(cookie, '{ binderSigningKey { fingerprint publicKeyPem } }');
    const key = data!.binderSigningKey as { fingerprint: string; publicKeyPem: string };
    expect(key.fingerprint).toBe(row.fingerprint);
    expect(await readFile(join(unpacked, 'public-key.pem'), 'utf8')).toBe(key.publicKeyPem);
    const verified = await verifyBinder(zipPath, { fingerprint: key.fingerprint });
    expect(verified.failures).toEqual([]);
    expect(verified.ok).toBe(true);

    // Altered after the download: sha256sum -c names the file, and the verifier refuses it.
    const pdf = join(unpacked, 'binder.pdf');
    const altered = await readFile(pdf);
    const at = altered.length - 10;
    altered.writeUInt8(altered.readUInt8(at) ^ 1, at);
    await writeFile(pdf, altered);
    const failed = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: unpacked }).catch(
      (error: { stdout: string }) => error,
    );
    expect(failed.stdout).toContain('binder.pdf: FAILED');
  });

  it('draws the same PDF whether it counts and picks the latest items in the database or reads them all', async () => {
    const row = await exportBinder({});
    const stored = await findBinderExport(t.database.db, organisationId, row.id);
    const source = await createBinderSource({ db: t.database.db }, requestOf(stored!));
    expect(source.hourlyCounts).toBeDefined();
    const { hourlyCounts: _counts, latest: _latest, ...readingAll } = source;
    const bytes = async (stream: NodeJS.ReadableStream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      return Buffer.concat(chunks);
    };
    // Two latest items at most: the cap cuts inside an indicator, as it does on a large one.
    const shortcut = await bytes(await renderBinderPdf(source, { maxItemsPerIndicator: 2 }));
    const read = await bytes(await renderBinderPdf(readingAll, { maxItemsPerIndicator: 2 }));
    expect(shortcut.length).toBeGreaterThan(1000);
    expect(Buffer.compare(shortcut, read)).toBe(0);
  });

  it('gives the same bytes for the same day, whatever was recorded since', async () => {
    const first = await exportBinder({ asOf: yesterday });
    await complaint('Une troisième réclamation, ce jour.');
    const again = await exportBinder({ asOf: yesterday });
    expect(again.id).not.toBe(first.id);
    expect(again.sha256).toBe(first.sha256);
    expect(Buffer.compare(await download(again), await download(first))).toBe(0);

    // Drawn as of today, the binder holds today's complaint too, and states readiness as of its request.
    const today = await exportBinder({});
    expect(today.sha256).not.toBe(first.sha256);
    expect(today.items).toBeGreaterThan(first.items!);
    const requested = (await t.store.readStream(`binderexport-${today.id}`))[0]!;
    const stated = (requested.data as { readiness: Record<string, { status: string; reasons: string[] }> })
      .readiness;
    expect(
      Object.keys(stated)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(today.indicators);
    expect(['ready', 'at_risk', 'missing']).toContain(stated['31']!.status);
    // Of a past day, no readiness is stated: today's read models would not say what that day's did.
    expect((await t.store.readStream(`binderexport-${again.id}`))[0]!.data).toMatchObject({
      readiness: null,
    });
  });

  it('shows binders to the auditor, and to no contributor', async () => {
    const auditor = await read(await member('auditor'), '{ binderExports { status downloadUrl } }');
    expect(auditor.errors).toBeUndefined();
    const rows = auditor.data!.binderExports as { status: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((row) => row.status === 'completed')).toBe(true);
    const contributor = await read(await member('contributor'), '{ binderExports { id } }');
    expect(contributor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asks = await t.app.inject({
      method: 'POST',
      url: '/api/binder-exports',
      payload: {},
      headers: { cookie: await member('auditor') },
    });
    expect(asks.statusCode).toBe(403);
  });
});
