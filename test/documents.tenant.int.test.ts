import { describe, expect, it } from 'vitest';
import { tinyPdf } from './support/file-fixtures';
import { multipartBody } from './support/multipart';
import { twoTenants } from './support/tenants';

const versionForm = (title: string) =>
  multipartBody([
    { name: 'title', value: title },
    { name: 'on', value: '2026-09-01' },
    { name: 'indicators', value: '1' },
    { name: 'file', filename: 'programme.pdf', bytes: tinyPdf() },
  ]);

describe('evidence documents: a user of organisation A never reaches organisation B’s documents', () => {
  const fixture = twoTenants();

  const upload = (cookie: string, url: string, title: string, headers: Record<string, string> = {}) => {
    const form = versionForm(title);
    return fixture.t.app.inject({
      method: 'POST',
      url,
      payload: form.payload,
      headers: { cookie, ...form.headers, ...headers },
    });
  };
  const addFor = async (cookie: string, title: string) => {
    const response = await upload(cookie, '/api/evidence-documents', title);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };

  it('lists and finds only its own documents; another’s reads as missing, its file too', async () => {
    const { a, b, read, t } = fixture;
    const mine = await addFor(a.cookie, 'Programme A');
    const theirs = await addFor(b.cookie, 'Programme B');
    const list = await read(a.cookie, '{ evidenceDocuments(includeWithdrawn: true) { id title } }');
    const ids = (list.data!.evidenceDocuments as { id: string }[]).map((row) => row.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    const byIndicator = await read(a.cookie, '{ evidenceDocuments(indicator: 1) { id } }');
    expect(JSON.stringify(byIndicator.data)).not.toContain(theirs);
    const query = 'query ($id: ID!) { evidenceDocument(id: $id) { id title versions { fileName } } }';
    const foreign = await read(a.cookie, query, { id: theirs });
    const missing = await read(a.cookie, query, { id: crypto.randomUUID() });
    expect(foreign).toEqual(missing);
    expect(foreign.data?.evidenceDocument).toBeNull();

    const fileOf = async (id: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/evidence-documents/${id}/versions/1/file`,
        headers: { cookie: a.cookie, 'x-min-position': String(await t.lastPosition()) },
      });
    expect((await fileOf(mine)).statusCode).toBe(200);
    const foreignFile = await fileOf(theirs);
    const missingFile = await fileOf(crypto.randomUUID());
    expect(foreignFile.statusCode).toBe(404);
    expect(foreignFile.json()).toEqual(missingFile.json());
  });

  it('cannot add a version to B’s document nor withdraw it: answered like a missing one, nothing written', async () => {
    const { a, b, t } = fixture;
    const theirs = await addFor(b.cookie, 'Règlement B');
    const unknown = crypto.randomUUID();
    const before = await t.lastPosition();
    const attempts: Record<string, string>[] = [{}, { 'if-match': '0' }];
    for (const headers of attempts) {
      const foreign = await upload(a.cookie, `/api/evidence-documents/${theirs}/versions`, 'Pris', headers);
      const missing = await upload(a.cookie, `/api/evidence-documents/${unknown}/versions`, 'Pris', headers);
      expect(foreign.statusCode, foreign.body).toBe(404);
      expect(foreign.json()).toEqual(missing.json());
      const withdraw = (id: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/evidence-documents/${id}/withdraw`,
          payload: { reason: 'Pris' },
          headers: { cookie: a.cookie, ...headers },
        });
      const foreignWithdrawal = await withdraw(theirs);
      expect(foreignWithdrawal.statusCode).toBe(404);
      expect(foreignWithdrawal.json()).toEqual((await withdraw(unknown)).json());
    }
    expect(await t.lastPosition()).toBe(before);
    const still = await fixture.read(
      b.cookie,
      'query ($id: ID!) { evidenceDocument(id: $id) { version withdrawn } }',
      { id: theirs },
    );
    expect(still.data?.evidenceDocument).toEqual({ version: 1, withdrawn: false });
  });

  it('lets an auditor read and download documents but not add nor withdraw them, and strangers nothing', async () => {
    const { a, t, read } = fixture;
    const mine = await addFor(a.cookie, 'Livret A');
    const auditor = await fixture.auditorOf(a.organisationId);
    const reading = await read(
      auditor,
      'query ($id: ID!) { evidenceDocument(id: $id) { title canManage versions { downloadUrl } } }',
      { id: mine },
    );
    expect(reading.data?.evidenceDocument).toMatchObject({ title: 'Livret A', canManage: false });
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/evidence-documents/${mine}/versions/1/file`,
      headers: { cookie: auditor },
    });
    expect(download.statusCode).toBe(200);
    const before = await t.lastPosition();
    expect((await upload(auditor, '/api/evidence-documents', 'Par l’auditeur')).statusCode).toBe(403);
    expect((await upload(auditor, `/api/evidence-documents/${mine}/versions`, 'v2')).statusCode).toBe(403);
    expect(
      (await fixture.post(auditor, `/api/evidence-documents/${mine}/withdraw`, { reason: 'Non' })).statusCode,
    ).toBe(403);
    expect(await t.lastPosition()).toBe(before);
    const anonymous = await read(undefined, '{ evidenceDocuments { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const form = versionForm('Anonyme');
    const stranger = await t.app.inject({
      method: 'POST',
      url: '/api/evidence-documents',
      payload: form.payload,
      headers: form.headers,
    });
    expect(stranger.statusCode).toBe(401);
  });
});
