import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceDocumentsAsOf } from '../projections/documents/queries';
import type { BinderRequest } from '../services/binder/content';
import { execute } from '../services/db/database';
import { binderDocuments } from '../services/documents';
import { evidenceDocumentStream } from '../services/documents/events';
import { fixedClock } from '../services/kernel/clock';
import { graphql, startTestApp, type TestApp } from './support/app';
import { tinyPdf, tinyPng } from './support/file-fixtures';
import { multipartBody, type Part } from './support/multipart';

const DOCUMENT = `query ($id: ID!) { evidenceDocument(id: $id) {
  id title on version indicators note fileName mediaType size downloadUrl withdrawn withdrawnOn withdrawnReason
  revision canManage
  versions { version title on indicators note fileName mediaType size sha256 downloadUrl addedByName }
} }`;
const LIST = `query ($indicator: Int, $search: String, $includeWithdrawn: Boolean) {
  evidenceDocuments(indicator: $indicator, search: $search, includeWithdrawn: $includeWithdrawn) {
    id title version withdrawn
  }
}`;

/** A PDF of its own bytes: each version's file differs from the others. */
const pdfSaying = (words: string) => Buffer.concat([tinyPdf(), Buffer.from(`% ${words}\n`, 'latin1')]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);

const fields = (values: Record<string, string>): Part[] =>
  Object.entries(values).map(([name, value]) => ({ name, value }));

describe('evidence documents: versions with their files, checked by content, withdrawn, as of a log position', () => {
  // Monday 15 March 2027, 10:00 in Paris.
  const clock = fixedClock(new Date('2027-03-15T09:00:00Z'));
  let t: TestApp;
  let cookie: string;
  let organisationId: string;

  const storedFiles = async () =>
    Number(
      (
        await execute<{ count: number }>(
          t.database.db,
          'SELECT count(*)::int AS count FROM files WHERE organisation_id = $1',
          [organisationId],
        )
      )[0]?.count,
    );
  /** A multipart command, sent once the read models show every write so far. */
  const send = async (url: string, parts: Part[], headers: Record<string, string> = {}) => {
    const form = multipartBody(parts);
    return t.app.inject({
      method: 'POST',
      url,
      payload: form.payload,
      headers: { cookie, 'x-min-position': String(await t.lastPosition()), ...form.headers, ...headers },
    });
  };
  const versionParts = (values: Record<string, string>, bytes: Buffer, filename = 'document.pdf') => [
    ...fields(values),
    { name: 'file', filename, bytes },
  ];
  const brochure = { title: 'Livret d’accueil', on: '2027-01-10', indicators: '1, 22' };
  const add = async (values: Record<string, string> = brochure, bytes = pdfSaying('livret v1')) => {
    const response = await send('/api/evidence-documents', versionParts(values, bytes, 'livret.pdf'));
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; revision: number; position: number };
  };
  const read = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await graphql(t.app, cookie, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the answer's shape as it comes
  const documentOf = async (id: string) => (await read(DOCUMENT, { id })).evidenceDocument as any;
  const listed = async (variables: Record<string, unknown> = {}) =>
    ((await read(LIST, variables)).evidenceDocuments as { id: string; version: number }[]).map((row) => [
      row.id,
      row.version,
    ]);
  const download = async (url: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { cookie, 'x-min-position': String(await t.lastPosition()) },
    });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ({ cookie, organisationId } = await t.organisation('Formations Documentées'));
    // A training organisation without certifying trainings nor apprenticeship: 3 and 13 do not apply to it.
    const declared = await t.app.inject({
      method: 'POST',
      url: '/api/organisation/activities',
      payload: { categories: ['training'] },
      headers: { cookie, 'if-match': '-1' },
    });
    expect(declared.statusCode, declared.body).toBe(200);
  });
  afterAll(() => t?.stop());

  it('adds a document with its file: listed, detailed, downloadable, on the timeline of each indicator it supports', async () => {
    const bytes = pdfSaying('livret v1');
    const { id } = await add(brochure, bytes);
    expect(await documentOf(id)).toMatchObject({
      title: 'Livret d’accueil',
      on: '2027-01-10',
      version: 1,
      indicators: [1, 22],
      note: null,
      fileName: 'livret.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      withdrawn: false,
      revision: 0,
      canManage: true,
      versions: [{ version: 1, downloadUrl: `/api/evidence-documents/${id}/versions/1/file` }],
    });
    expect(await listed({ indicator: 22 })).toContainEqual([id, 1]);
    expect(await listed({ indicator: 23 })).not.toContainEqual([id, 1]);
    expect(await listed({ search: 'accueil' })).toContainEqual([id, 1]);
    expect(await listed({ search: 'programme' })).not.toContainEqual([id, 1]);

    const file = await download(`/api/evidence-documents/${id}/versions/1/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(bytes)).toBe(true);

    for (const indicator of [1, 22]) {
      const timeline = await read(
        `{ evidenceTimeline(indicator: ${indicator}) { edges { node { kind sourceId title } } } }`,
      );
      const items = (
        timeline.evidenceTimeline as { edges: { node: { kind: string; sourceId: string; title: string } }[] }
      ).edges.filter((edge) => edge.node.sourceId === id);
      expect(items.map((edge) => [edge.node.kind, edge.node.title])).toEqual([
        ['evidence_document', 'Document « Livret d’accueil », version 1 — 10/01/2027'],
      ]);
    }
  });

  it('keeps the history when a new version replaces the current one: both files stay downloadable', async () => {
    const first = pdfSaying('plan 2026');
    const second = pdfSaying('plan 2027');
    const { id } = await add(
      { title: 'Plan de développement des compétences', on: '2026-12-01', indicators: '22' },
      first,
    );
    const replaced = await send(
      `/api/evidence-documents/${id}/versions`,
      versionParts(
        {
          title: 'Plan de développement des compétences 2027',
          on: '2027-03-01',
          indicators: '22',
          note: 'Validé en comité de direction',
        },
        second,
        'plan-2027.pdf',
      ),
      { 'if-match': '0' },
    );
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ id, revision: 1, changed: true });

    const document = await documentOf(id);
    expect(document).toMatchObject({
      title: 'Plan de développement des compétences 2027',
      version: 2,
      fileName: 'plan-2027.pdf',
      note: 'Validé en comité de direction',
      revision: 1,
    });
    expect(
      document.versions.map((version: { version: number; title: string; sha256: string }) => [
        version.version,
        version.title,
      ]),
    ).toEqual([
      [2, 'Plan de développement des compétences 2027'],
      [1, 'Plan de développement des compétences'],
    ]);
    expect(await listed({ indicator: 22 })).toContainEqual([id, 2]);
    expect((await download(document.versions[0].downloadUrl)).rawPayload.equals(second)).toBe(true);
    expect((await download(document.versions[1].downloadUrl)).rawPayload.equals(first)).toBe(true);
    expect((await download(`/api/evidence-documents/${id}/versions/3/file`)).statusCode).toBe(404);
  });

  it('checks a file by its content: an executable or a web page named .pdf is refused, a text stays a text', async () => {
    const before = await t.lastPosition();
    const filesBefore = await storedFiles();
    for (const bytes of [ELF, Buffer.from('<!DOCTYPE html><html><body>x</body></html>')]) {
      const refused = await send('/api/evidence-documents', versionParts(brochure, bytes, 'brochure.pdf'));
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().code).toBe('file_type_unsupported');
    }
    const missing = await send('/api/evidence-documents', fields(brochure));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('file_missing');
    expect(await t.lastPosition()).toBe(before);
    expect(await storedFiles()).toBe(filesBefore);

    const { id } = await add(brochure, Buffer.from('Programme de la formation, version texte.\n'));
    expect(await documentOf(id)).toMatchObject({
      mediaType: 'text/plain; charset=utf-8',
      fileName: 'livret.pdf',
    });
    const { id: image } = await add({ ...brochure, title: 'Affiche' }, tinyPng());
    expect((await documentOf(image)).mediaType).toBe('image/png');
  });

  it('refuses bad input with its code, appending and storing nothing', async () => {
    const { id } = await add();
    const before = await t.lastPosition();
    const filesBefore = await storedFiles();
    const refusals: [string, Record<string, string>, number, string][] = [
      ['/api/evidence-documents', { ...brochure, indicators: '' }, 400, 'no_indicator'],
      ['/api/evidence-documents', { ...brochure, indicators: '1, 3, 13' }, 400, 'indicator_not_applicable'],
      ['/api/evidence-documents', { ...brochure, indicators: '1, 33' }, 400, 'indicator_not_applicable'],
      ['/api/evidence-documents', { ...brochure, indicators: 'un' }, 400, 'validation_failed'],
      ['/api/evidence-documents', { ...brochure, on: '2027-03-16' }, 400, 'document_date_in_future'],
      ['/api/evidence-documents', { ...brochure, on: '2027-02-30' }, 400, 'validation_failed'],
      ['/api/evidence-documents', { ...brochure, title: ' ' }, 400, 'validation_failed'],
      ['/api/evidence-documents', { ...brochure, version: '0' }, 400, 'validation_failed'],
      [`/api/evidence-documents/${id}/versions`, { ...brochure, version: '1' }, 409, 'version_not_newer'],
      [
        `/api/evidence-documents/${crypto.randomUUID()}/versions`,
        brochure,
        404,
        'evidence_document_not_found',
      ],
    ];
    for (const [url, values, status, code] of refusals) {
      const refused = await send(url, versionParts(values, pdfSaying(`refus ${code}`)));
      expect(refused.statusCode, `${code}: ${refused.body}`).toBe(status);
      expect(refused.json().code).toBe(code);
    }
    const notApplicable = await send(
      '/api/evidence-documents',
      versionParts({ ...brochure, indicators: '1, 3, 13' }, tinyPdf()),
    );
    expect(notApplicable.json().details).toEqual({ indicators: [3, 13] });
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/evidence-documents/${id}/withdraw`,
      payload: { reason: '' },
      headers: { cookie },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('validation_failed');
    expect(await t.lastPosition()).toBe(before);
    expect(await storedFiles()).toBe(filesBefore);
  });

  it('refuses a new version sent on a stale revision: 409 with the current one, nothing written', async () => {
    const { id } = await add();
    const next = (ifMatch: string) =>
      send(
        `/api/evidence-documents/${id}/versions`,
        versionParts({ ...brochure, title: 'Livret d’accueil révisé' }, pdfSaying(`révision ${ifMatch}`)),
        { 'if-match': ifMatch },
      );
    expect((await next('0')).statusCode).toBe(200);
    const before = await t.lastPosition();
    const filesBefore = await storedFiles();
    const stale = await next('0');
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 1 } });
    expect(await t.lastPosition()).toBe(before);
    expect(await storedFiles()).toBe(filesBefore);
  });

  it('answers a retried upload (same Idempotency-Key) with its first result, keeping one file', async () => {
    const filesBefore = await storedFiles();
    const upload = () =>
      send('/api/evidence-documents', versionParts(brochure, pdfSaying('retry')), {
        'idempotency-key': 'upload-livret-retry',
      });
    const first = await upload();
    const again = await upload();
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await t.store.readStream(evidenceDocumentStream(first.json().id))).toHaveLength(1);
    expect(await storedFiles()).toBe(filesBefore + 1);
  });

  it('withdraws a document with its reason: out of the list unless asked for, its history kept, no new version', async () => {
    const { id } = await add({ ...brochure, title: 'Ancien règlement intérieur' });
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/evidence-documents/${id}/withdraw`,
      payload: { reason: 'Remplacé par le règlement 2027' },
      headers: { cookie, 'if-match': '0' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(await listed()).not.toContainEqual([id, 1]);
    expect(await listed({ includeWithdrawn: true })).toContainEqual([id, 1]);
    expect(await documentOf(id)).toMatchObject({
      withdrawn: true,
      withdrawnOn: '2027-03-15',
      withdrawnReason: 'Remplacé par le règlement 2027',
      versions: [{ version: 1 }],
    });
    expect((await download(`/api/evidence-documents/${id}/versions/1/file`)).statusCode).toBe(200);
    const refused = await send(
      `/api/evidence-documents/${id}/versions`,
      versionParts(brochure, pdfSaying('x')),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('evidence_document_withdrawn');
  });

  it('gives the versions current at a past log position, ignoring later versions and withdrawals', async () => {
    const { id: handbook, position: p1 } = await add(
      { title: 'Livret stagiaire', on: '2027-01-05', indicators: '1' },
      pdfSaying('handbook v1'),
    );
    const { id: plan, position: p2 } = await add(
      { title: 'Plan de formation', on: '2027-01-06', indicators: '22' },
      pdfSaying('plan v1'),
    );
    const revised = await send(
      `/api/evidence-documents/${handbook}/versions`,
      versionParts(
        { title: 'Livret stagiaire', on: '2027-03-01', indicators: '1, 22' },
        pdfSaying('handbook v2'),
      ),
    );
    const p3 = revised.json().position as number;
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/evidence-documents/${plan}/withdraw`,
      payload: { reason: 'Plan abandonné' },
      headers: { cookie },
    });
    const p4 = withdrawn.json().position as number;
    await t.runner.waitForPosition(p4, 30_000);

    const asOf = async (indicators: number[], position: number) =>
      (await evidenceDocumentsAsOf(t.database.db, organisationId, indicators, position))
        .filter((row) => row.document_id === handbook || row.document_id === plan)
        .map((row) => [row.document_id, row.version]);
    const byId = (rows: (string | number)[][]) =>
      [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(await asOf([1, 22], p1 - 1)).toEqual([]);
    expect(await asOf([1, 22], p1)).toEqual([[handbook, 1]]);
    expect(await asOf([1, 22], p2)).toEqual(
      byId([
        [handbook, 1],
        [plan, 1],
      ]),
    );
    expect(await asOf([22], p2)).toEqual([[plan, 1]]);
    expect(await asOf([1, 22], p3)).toEqual(
      byId([
        [handbook, 2],
        [plan, 1],
      ]),
    );
    // Version 2 of the handbook supports 22 as well: it is what a binder for 22 now carries.
    expect(await asOf([22], p3)).toEqual(
      byId([
        [handbook, 2],
        [plan, 1],
      ]),
    );
    expect(await asOf([1, 22], p4)).toEqual([[handbook, 2]]);
    expect(await asOf([1, 22], p4 + 1000)).toEqual([[handbook, 2]]);
    expect(await evidenceDocumentsAsOf(t.database.db, crypto.randomUUID(), [1, 22], p4)).toEqual([]);

    // The binder's source reads the same versions, each file opened from the files store.
    const request: BinderRequest = {
      organisationId,
      from: '2027-01-01',
      to: '2027-03-15',
      indicators: [1],
      asOfPosition: p2,
      asOfRecordedAt: clock.now().toISOString(),
    };
    const carried = [];
    for await (const document of binderDocuments({ db: t.database.db, vault: t.vault })(request)) {
      if (document.documentId === handbook) carried.push(document);
    }
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({
      documentId: handbook,
      version: 1,
      title: 'Livret stagiaire',
      on: '2027-01-05',
      indicators: [1],
      mediaType: 'application/pdf',
    });
    expect((await buffer(await carried[0]!.open())).equals(pdfSaying('handbook v1'))).toBe(true);
  });
});
