import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../services/config';
import { execute } from '../services/db/database';
import { migrate } from '../services/db/migrate';
import { checkFiles, type FileLimits, fileLimitsOf } from '../services/files/check';
import { sendStoredFile } from '../services/files/download';
import {
  eraseFilesOf,
  type FilesDeps,
  putFile,
  putFiles,
  readFile,
  storeCheckedFiles,
} from '../services/files/store';
import { acceptFileForms, receiveForm } from '../services/files/upload';
import { registerErrorHandler } from '../services/http/error-handler';
import { AppError } from '../services/kernel/errors';
import { newId } from '../services/kernel/ids';
import { newDataKey } from '../services/privacy/crypto';
import { allPersonalData } from '../services/privacy/registry';
import { checkKeyEncryptionKey, createVault, type Vault } from '../services/privacy/vault';
import { migrations } from '../services/runtime';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases';
import { ooxmlOf, tinyPdf, tinyPng } from './support/file-fixtures';
import { multipartBody, type Part } from './support/multipart';

const LIMITS: FileLimits = { maxBytes: 4096, maxFiles: 3 };
const STATEMENT = 'Le formateur ne s’est pas présenté le 12 mars — Camille Durand-Lefèvre';
const EXECUTABLE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0x00, 0x03, 0x00, 0xff, 0xff])]);

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
};

for (const kind of databaseKinds()) {
  describe(`files port on ${kind}`, () => {
    let testDb: TestDatabase | undefined;
    let app: FastifyInstance | undefined;
    let vault: Vault;
    let deps: FilesDeps;
    let kek: Buffer;
    const organisationId = newId();
    const otherOrganisationId = newId();

    const setUp = async () => {
      testDb = await createTestDatabase(kind);
      kek = newDataKey();
      await migrate(testDb.database.db, migrations);
      await checkKeyEncryptionKey(testDb.database.db, kek);
      vault = createVault(testDb.database.db, { kek, declarations: allPersonalData });
      deps = { db: testDb.database.db, vault };
      return deps;
    };
    afterEach(async () => {
      await app?.close();
      app = undefined;
      await testDb?.drop();
      testDb = undefined;
    });

    const storedRows = () =>
      execute<{ id: string; name: string | null; bytes: Buffer; subject_id: string | null }>(
        testDb!.database.db,
        'SELECT id, name, bytes, subject_id FROM files',
      );

    /** A test-only app: a complaint-like form (text and attachments in one request) and a download route. */
    const testApp = async () => {
      app = Fastify();
      registerErrorHandler(app);
      await app.register(async (forms) => {
        await acceptFileForms(forms);
        forms.post('/test/:organisationId/complaint', async (request) => {
          const { organisationId: target } = request.params as { organisationId: string };
          const form = await receiveForm(request, LIMITS);
          const checked = checkFiles(form.files, LIMITS);
          const files = await storeCheckedFiles(
            deps,
            { organisationId: target, subject: `complainant:${form.fields.complainantId}` },
            checked,
          );
          return { fields: form.fields, files };
        });
      });
      app.get('/test/:organisationId/files/:fileId', async (request, reply) => {
        const params = request.params as { organisationId: string; fileId: string };
        return sendStoredFile(reply, await readFile(deps, params.organisationId, params.fileId));
      });
      return app;
    };

    it('stores an organisation document in clear and reads it back with its metadata', async () => {
      await setUp();
      const pdf = tinyPdf();
      const stored = await putFile(deps, {
        organisationId,
        bytes: pdf,
        declaredName: 'C:\\Docs\\procédure.pdf',
      });
      expect(stored).toMatchObject({ mediaType: 'application/pdf', size: pdf.length, name: 'procédure.pdf' });
      expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);

      const read = await readFile(deps, organisationId, stored.fileId);

      expect(read).toEqual({ status: 'found', file: stored, bytes: pdf });
      const [row] = await storedRows();
      expect(row!.subject_id).toBeNull();
      expect(Buffer.from(row!.bytes).equals(pdf)).toBe(true);
    });

    it('seals a personal file: neither its bytes nor its name are in clear in the table', async () => {
      await setUp();
      const subject = `complainant:${newId()}`;
      const text = Buffer.from(STATEMENT, 'utf8');

      const stored = await putFile(deps, {
        organisationId,
        bytes: text,
        declaredName: 'plainte-camille-durand.txt',
        subject,
      });

      const [row] = await storedRows();
      expect(row!.subject_id).toBe(subject);
      expect(Buffer.from(row!.bytes).includes(Buffer.from('Camille'))).toBe(false);
      expect(row!.name).not.toContain('camille');
      const read = await readFile(deps, organisationId, stored.fileId);
      expect(read).toMatchObject({ status: 'found', file: { name: 'plainte-camille-durand.txt' } });
      expect(read.status === 'found' && read.bytes.toString('utf8')).toBe(STATEMENT);
    });

    it('reads a personal file as erased once its subject is erased, and scrubs its row', async () => {
      await setUp();
      const subject = `complainant:${newId()}`;
      const kept = await putFile(deps, { organisationId, bytes: tinyPdf(), declaredName: 'devis.pdf' });
      const personal = await putFile(deps, {
        organisationId,
        bytes: tinyPng(),
        declaredName: 'photo.png',
        subject,
      });

      await vault.erase(subject);

      expect(await readFile(deps, organisationId, personal.fileId)).toEqual({
        status: 'erased',
        fileId: personal.fileId,
      });
      await eraseFilesOf(deps.db, subject);
      expect((await readFile(deps, organisationId, personal.fileId)).status).toBe('erased');
      const row = (await storedRows()).find((candidate) => candidate.id === personal.fileId);
      expect(row).toMatchObject({ name: null });
      expect(row!.bytes.length).toBe(0);
      expect((await readFile(deps, organisationId, kept.fileId)).status).toBe('found');
    });

    it('refuses to keep a file about a subject erased already', async () => {
      await setUp();
      const subject = `complainant:${newId()}`;
      await putFile(deps, { organisationId, bytes: tinyPdf(), subject });
      await vault.erase(subject);

      const refusal = await errorOf(putFile(deps, { organisationId, bytes: tinyPdf(), subject }));

      expect(refusal).toMatchObject({ status: 409, code: 'subject_erased' });
      expect(await storedRows()).toHaveLength(1);
    });

    it('refuses a file about a subject another process erased, though this one used their key a moment ago', async () => {
      await setUp();
      const subject = `complainant:${newId()}`;
      await putFile(deps, { organisationId, bytes: tinyPdf(), subject });
      // Another process (its own vault over the same database) erases the person; this vault used their key
      // just before, and would still remember it for 30 s.
      await createVault(testDb!.database.db, { kek, declarations: allPersonalData }).erase(subject);

      const refusal = await errorOf(putFile(deps, { organisationId, bytes: tinyPdf(), subject }));

      expect(refusal).toMatchObject({ status: 409, code: 'subject_erased' });
      expect(await storedRows()).toHaveLength(1);
    });

    it("does not find another organisation's file, nor an id that is not one", async () => {
      await setUp();
      const stored = await putFile(deps, { organisationId, bytes: tinyPdf() });

      expect(await readFile(deps, otherOrganisationId, stored.fileId)).toEqual({ status: 'not_found' });
      expect(await readFile(deps, organisationId, newId())).toEqual({ status: 'not_found' });
      expect(await readFile(deps, organisationId, 'not-a-uuid')).toEqual({ status: 'not_found' });
    });

    it('stores nothing when any file of a request is refused', async () => {
      await setUp();
      const good = { bytes: tinyPdf(), declaredName: 'a.pdf' };

      const wrongType = await errorOf(
        putFiles(
          deps,
          { organisationId, files: [good, { bytes: EXECUTABLE, declaredName: 'b.pdf' }] },
          LIMITS,
        ),
      );
      const tooMany = await errorOf(
        putFiles(deps, { organisationId, files: [good, good, good, good] }, LIMITS),
      );
      const tooLarge = await errorOf(
        putFiles(deps, { organisationId, files: [good, { bytes: Buffer.alloc(5000, 'a') }] }, LIMITS),
      );

      expect(wrongType).toMatchObject({
        status: 400,
        code: 'file_type_unsupported',
        details: { index: 1, detected: 'executable' },
      });
      expect(tooMany).toMatchObject({ status: 400, code: 'too_many_files', details: { maxFiles: 3 } });
      expect(tooLarge).toMatchObject({ status: 413, code: 'file_too_large', details: { index: 1 } });
      expect(await storedRows()).toHaveLength(0);
    });

    it('takes its limits from the configuration: 10 MB and 5 files by default', () => {
      expect(fileLimitsOf(loadConfig({}))).toEqual({ maxBytes: 10 * 1024 * 1024, maxFiles: 5 });
      expect(fileLimitsOf(loadConfig({ FILE_MAX_BYTES: '2048', FILES_MAX_PER_REQUEST: '2' }))).toEqual({
        maxBytes: 2048,
        maxFiles: 2,
      });
    });

    it('receives a form with its text and files in one request, and serves each file as a download', async () => {
      await setUp();
      const server = await testApp();
      const complainantId = newId();
      const docx = ooxmlOf('word');

      const response = await server.inject({
        method: 'POST',
        url: `/test/${organisationId}/complaint`,
        ...multipartBody([
          { name: 'complainantId', value: complainantId },
          { name: 'description', value: STATEMENT },
          { name: 'attachments', filename: 'capture d’écran.png', bytes: tinyPng() },
          { name: 'attachments', filename: 'attestation.pdf', bytes: docx },
        ]),
      });

      expect(response.statusCode).toBe(200);
      const body = response.json() as { fields: Record<string, string>; files: { fileId: string }[] };
      expect(body.fields).toEqual({ complainantId, description: STATEMENT });
      expect(body.files).toMatchObject([
        { mediaType: 'image/png', name: 'capture d’écran.png' },
        {
          mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          name: 'attestation.pdf',
        },
      ]);
      const download = await server.inject({ url: `/test/${organisationId}/files/${body.files[0]!.fileId}` });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('image/png');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="capture d_ecran.png"; filename*=UTF-8''capture%20d%E2%80%99%C3%A9cran.png`,
      );
      expect(download.rawPayload.equals(tinyPng())).toBe(true);
      const elsewhere = await server.inject({
        url: `/test/${otherOrganisationId}/files/${body.files[0]!.fileId}`,
      });
      expect(elsewhere.statusCode).toBe(404);
      expect(elsewhere.json()).toMatchObject({ code: 'file_not_found' });

      await vault.erase(`complainant:${complainantId}`);
      const erased = await server.inject({ url: `/test/${organisationId}/files/${body.files[1]!.fileId}` });
      expect(erased.statusCode).toBe(404);
      expect(erased.json()).toMatchObject({ code: 'file_erased' });
    });

    it('answers a form with a refused file by naming what was found, storing nothing', async () => {
      await setUp();
      const server = await testApp();
      const post = (parts: Part[]) =>
        server.inject({
          method: 'POST',
          url: `/test/${organisationId}/complaint`,
          ...multipartBody([{ name: 'complainantId', value: newId() }, ...parts]),
        });
      const pdf = { name: 'attachments', filename: 'a.pdf', bytes: tinyPdf() };

      const wrongType = await post([pdf, { name: 'attachments', filename: 'photo.jpg', bytes: EXECUTABLE }]);
      const svg = await post([
        { name: 'attachments', filename: 'logo.png', bytes: Buffer.from('<svg></svg>') },
      ]);
      const tooMany = await post([pdf, pdf, pdf, pdf]);
      const tooLarge = await post([
        pdf,
        { name: 'attachments', filename: 'big.txt', bytes: Buffer.alloc(5000, 'a') },
      ]);
      const notMultipart = await server.inject({
        method: 'POST',
        url: `/test/${organisationId}/complaint`,
        payload: { description: 'x' },
      });
      const truncated = await server.inject({
        method: 'POST',
        url: `/test/${organisationId}/complaint`,
        headers: { 'content-type': 'multipart/form-data; boundary=abc' },
        payload:
          '--abc\r\nContent-Disposition: form-data; name="attachments"; filename="a.pdf"\r\n\r\n%PDF-1.4',
      });

      expect([wrongType.statusCode, wrongType.json()]).toMatchObject([
        400,
        { code: 'file_type_unsupported', details: { index: 1, detected: 'executable' } },
      ]);
      expect(svg.json()).toMatchObject({ code: 'file_type_unsupported', details: { detected: 'svg' } });
      expect([tooMany.statusCode, tooMany.json()]).toMatchObject([400, { code: 'too_many_files' }]);
      expect([tooLarge.statusCode, tooLarge.json()]).toMatchObject([413, { code: 'file_too_large' }]);
      expect([notMultipart.statusCode, notMultipart.json()]).toMatchObject([
        400,
        { code: 'multipart_expected' },
      ]);
      expect(truncated.statusCode).toBe(400);
      expect(await storedRows()).toHaveLength(0);
    });
  });
}
