import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilesTables } from '../services/files/tables';
import { fixedClock } from '../services/kernel/clock';
import { graphql, startTestApp, type TestApp } from './support/app';
import { odfOf, ooxmlOf, tinyPdf, tinyPng } from './support/file-fixtures';
import { multipartBody, type Part } from './support/multipart';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './support/smtp';

const EXECUTABLE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const MAX_BYTES = 4096;

const COMPLAINT = `query ($id: ID!) { complaint(id: $id) {
  reference status channel group anonymous complainantName complainantEmail text erased
  attachments { id name mediaType sizeBytes receivedAt downloadPath }
} }`;

interface Attachment {
  id: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  downloadPath: string;
}

const filed = (overrides: Record<string, unknown> = {}) => ({
  submissionId: crypto.randomUUID(),
  group: 'learner',
  anonymous: false,
  name: 'Camille Durand',
  email: 'camille.durand@example.fr',
  phone: null,
  about: 'Session de mai, site de Lyon',
  text: 'La formatrice était absente deux jours et personne ne nous a prévenus.',
  ...overrides,
});

const pdfPart = (filename = 'attestation.pdf'): Part => ({ name: 'attachments', filename, bytes: tinyPdf() });

describe('the public complaint page: an address per organisation, a complaint with its files, all or nothing', () => {
  // Tuesday 11 May 2027, 10:00 in Paris.
  const clock = fixedClock(new Date('2027-05-11T08:00:00Z'));
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: { cookie: string; organisationId: string };
  let other: { cookie: string; organisationId: string };
  let path: string;

  const issue = async (cookie = admin.cookie) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/complaint-page/address',
      headers: { cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { path: string; generation: number; position: number };
  };
  const address = (of: string) => of.replace('/r/', '');
  const file = (target: string, complaint: object, files: Part[] = []) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/complaints/${address(target)}`,
      ...multipartBody([{ name: 'complaint', value: JSON.stringify(complaint) }, ...files]),
    });
  const read = async (query: string, variables: Record<string, unknown>, cookie = admin.cookie) => {
    const result = await graphql(t.app, cookie, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const fileRows = async () =>
    Number(
      (
        await t.database.db
          .withTables<FilesTables>()
          .selectFrom('files')
          .select((eb) => eb.fn.countAll().as('count'))
          .executeTakeFirstOrThrow()
      ).count,
    );
  /** Runs a refused request and checks that it wrote nothing: no event, no file. */
  const refused = async (request: () => Promise<{ statusCode: number; json(): unknown }>) => {
    const [position, files] = [await t.lastPosition(), await fileRows()];
    const response = await request();
    expect(await t.lastPosition()).toBe(position);
    expect(await fileRows()).toBe(files);
    return { status: response.statusCode, ...(response.json() as { code: string; details?: object }) };
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      clock,
      env: {
        SMTP_URL: smtp.url,
        MAIL_RETRY_BASE_MS: '200',
        FILE_MAX_BYTES: String(MAX_BYTES),
        FILES_MAX_PER_REQUEST: '2',
      },
    });
    admin = await t.organisation('Formations Écoute');
    other = await t.organisation('Autre Organisme');
    ({ path } = await issue());
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  it('gives the page a short unguessable address, stored only as its hash, shown again to members', async () => {
    expect(path).toMatch(/^\/r\/[A-Za-z0-9_-]{20}$/);
    const { complaintPage } = await read('{ complaintPage { path generation } }', {});
    expect(complaintPage).toEqual({ path, generation: 1 });
    const events = await t.database.db
      .withTables<{ es_events: { stream_id: string; data: unknown } }>()
      .selectFrom('es_events')
      .select('data')
      .where('stream_id', '=', `complaintpage-${admin.organisationId}`)
      .execute();
    expect(JSON.stringify(events)).not.toContain(address(path));
    const page = await t.app.inject({ method: 'GET', url: `/api/public/complaints/${address(path)}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({
      organisation: { name: 'Formations Écoute', privacyNotice: { isDefault: true } },
      acknowledgeWithinWorkingDays: 2,
      attachments: {
        maxFiles: 2,
        maxBytes: MAX_BYTES,
        mediaTypes: expect.arrayContaining(['application/pdf']),
      },
    });
  });

  it('files a complaint with an attachment: in the register with its file, acknowledged by mail', async () => {
    const complaint = filed();
    const response = await file(path, complaint, [pdfPart('attestation.pdf')]);
    expect(response.statusCode, response.body).toBe(201);
    const answer = response.json();
    expect(answer).toMatchObject({
      reference: 'R-2027-001',
      receivedOn: '2027-05-11',
      acknowledgeWithinWorkingDays: 2,
    });

    const view = (await read(COMPLAINT, { id: answer.id })).complaint as {
      channel: string;
      text: string;
      attachments: Attachment[];
    };
    expect(view).toMatchObject({
      reference: 'R-2027-001',
      status: 'received',
      channel: 'web_form',
      complainantName: 'Camille Durand',
      text: `Objet : Session de mai, site de Lyon\n\n${complaint.text}`,
    });
    expect(view.attachments).toEqual([
      expect.objectContaining({
        name: 'attestation.pdf',
        mediaType: 'application/pdf',
        sizeBytes: tinyPdf().length,
      }),
    ]);
    const download = await t.app.inject({
      method: 'GET',
      url: view.attachments[0]!.downloadPath,
      headers: { cookie: admin.cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(tinyPdf())).toBe(true);

    const acknowledged = await t.app.inject({
      method: 'POST',
      url: `/api/complaints/${answer.id}/acknowledgement`,
      headers: { cookie: admin.cookie },
      payload: { message: 'Nous avons bien reçu votre réclamation.' },
    });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    const of = (): ReceivedMail[] => smtp.accepted.filter((mail) => mail.to.includes(complaint.email));
    await expect.poll(() => of().length, { timeout: 30_000, interval: 50 }).toBe(1);
    expect(of()[0]!.subject).toContain('Formations Écoute');
  });

  it('makes a retry with the same submission id the same complaint, storing its files once', async () => {
    const complaint = filed({ name: 'Léa Petit', email: 'lea.petit@example.fr' });
    const first = await file(path, complaint, [pdfPart()]);
    expect(first.statusCode, first.body).toBe(201);
    const files = await fileRows();
    const position = await t.lastPosition();
    const again = await file(path, complaint, [pdfPart()]);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await fileRows()).toBe(files);
    expect(await t.lastPosition()).toBe(position);
  });

  it('takes a letter as text, a Word or OpenDocument file and a spreadsheet, recognised by their content', async () => {
    const letter = 'Madame, Monsieur,\nje vous écris au sujet de la session de mai.\n';
    const answer = await file(path, filed({ name: 'Inès Roux', email: 'ines.roux@example.fr' }), [
      { name: 'attachments', filename: 'lettre.txt', bytes: Buffer.from(letter, 'utf8') },
      { name: 'attachments', filename: 'courrier.docx', bytes: ooxmlOf('word') },
    ]);
    expect(answer.statusCode, answer.body).toBe(201);
    const view = (await read(COMPLAINT, { id: answer.json().id })).complaint as { attachments: Attachment[] };
    expect(view.attachments.map((attachment) => attachment.mediaType).sort()).toEqual([
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'text/plain; charset=utf-8',
    ]);

    const spreadsheets = await file(path, filed({ name: 'Inès Roux', email: 'ines.roux@example.fr' }), [
      {
        name: 'attachments',
        filename: 'facture.ods',
        bytes: odfOf('application/vnd.oasis.opendocument.spreadsheet'),
      },
      { name: 'attachments', filename: 'releve.xlsx', bytes: ooxmlOf('xl') },
    ]);
    expect(spreadsheets.statusCode, spreadsheets.body).toBe(201);
  });

  it('refuses a forged, an oversized or one file too many, and bad input, with a code, writing nothing', async () => {
    const forged = await refused(() =>
      file(path, filed(), [pdfPart(), { name: 'attachments', filename: 'cv.pdf', bytes: EXECUTABLE }]),
    );
    expect(forged).toMatchObject({ status: 400, code: 'file_type_unsupported', details: { index: 1 } });

    const oversized = await refused(() =>
      file(path, filed(), [
        { name: 'attachments', filename: 'long.txt', bytes: Buffer.alloc(MAX_BYTES + 1, 'a') },
      ]),
    );
    expect(oversized).toMatchObject({ status: 413, code: 'file_too_large' });

    const tooMany = await refused(() =>
      file(path, filed(), [pdfPart('a.pdf'), pdfPart('b.pdf'), pdfPart('c.pdf')]),
    );
    expect(tooMany).toMatchObject({ status: 400, code: 'too_many_files' });

    const office = await refused(() =>
      file(path, filed(), [{ name: 'attachments', filename: 'logo.png', bytes: Buffer.from('<svg></svg>') }]),
    );
    expect(office).toMatchObject({ status: 400, code: 'file_type_unsupported' });

    const noContact = await refused(() => file(path, filed({ email: null }), [pdfPart()]));
    expect(noContact).toMatchObject({ status: 400, code: 'complainant_contact_missing' });
    const anonymousNamed = await refused(() => file(path, filed({ anonymous: true }), [pdfPart()]));
    expect(anonymousNamed).toMatchObject({ status: 400, code: 'anonymous_with_identity' });
    const badEmail = await refused(() => file(path, filed({ email: 'pas une adresse' }), [pdfPart()]));
    expect(badEmail.status).toBe(400);
    const noText = await refused(() => file(path, filed({ text: '   ' }), [pdfPart()]));
    expect(noText.status).toBe(400);
    const notJson = await refused(() =>
      t.app.inject({
        method: 'POST',
        url: `/api/public/complaints/${address(path)}`,
        ...multipartBody([{ name: 'complaint', value: '{not json' }, pdfPart()]),
      }),
    );
    expect(notJson).toMatchObject({ status: 400, code: 'complaint_field_malformed' });
  });

  it('answers an unknown address 404 and a regenerated one 410 "moved", writing nothing', async () => {
    const unknown = await refused(() => file('/r/AAAAAAAAAAAAAAAAAAAA', filed(), [pdfPart()]));
    expect(unknown).toMatchObject({ status: 404, code: 'complaint_page_not_found' });
    const malformed = await t.app.inject({ method: 'GET', url: '/api/public/complaints/..%2F..' });
    expect(malformed.statusCode).toBe(404);

    const contributor = await t.app.inject({
      method: 'POST',
      url: '/api/complaint-page/address',
      headers: { cookie: other.cookie },
    });
    expect(contributor.statusCode).toBe(200); // the other organisation's admin issues its own page
    const { path: otherPath } = contributor.json();
    expect(otherPath).not.toBe(path);

    const renewed = await issue();
    expect(renewed.generation).toBe(2);
    expect(renewed.path).not.toBe(path);
    const moved = await refused(() => file(path, filed(), [pdfPart()]));
    expect(moved).toMatchObject({
      status: 410,
      code: 'complaint_page_moved',
      details: { organisationName: 'Formations Écoute' },
    });
    const movedPage = await t.app.inject({ method: 'GET', url: `/api/public/complaints/${address(path)}` });
    expect(movedPage.statusCode).toBe(410);
    const current = await file(renewed.path, filed(), [pdfPart()]);
    expect(current.statusCode, current.body).toBe(201);
    path = renewed.path;
  });

  it('keeps each organisation to its own: another organisation’s user sees no file, downloads nothing, issues nothing here', async () => {
    const response = await file(path, filed({ name: 'Noé Martin', email: 'noe@example.fr' }), [pdfPart()]);
    const { id } = response.json();
    const view = (await read(COMPLAINT, { id })).complaint as { attachments: Attachment[] };
    const download = view.attachments[0]!.downloadPath;
    const foreign = await t.app.inject({ method: 'GET', url: download, headers: { cookie: other.cookie } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('file_not_found');
    const foreignView = await graphql(t.app, other.cookie, COMPLAINT, { id }, await t.lastPosition());
    expect(foreignView.data?.complaint ?? null).toBeNull();
    const anonymous = await t.app.inject({ method: 'GET', url: download });
    expect(anonymous.statusCode).toBe(401);
    // A file of another complaint of the same organisation is not served under this one.
    const elsewhere = download.replace(id, crypto.randomUUID());
    expect(
      (await t.app.inject({ method: 'GET', url: elsewhere, headers: { cookie: admin.cookie } })).statusCode,
    ).toBe(404);
  });

  it('takes files with a staff entry too (multipart), checked the same way', async () => {
    const entry = {
      channel: 'letter',
      group: 'company',
      anonymous: false,
      name: 'Entreprise Dupont',
      postalAddress: '1 rue de la Paix, 75002 Paris',
      text: 'Courrier reçu : la convention n’a pas été respectée.',
    };
    const post = (files: Part[]) => {
      const body = multipartBody([{ name: 'complaint', value: JSON.stringify(entry) }, ...files]);
      return t.app.inject({
        method: 'POST',
        url: '/api/complaints',
        headers: { cookie: admin.cookie, ...body.headers },
        payload: body.payload,
      });
    };
    const forged = await refused(() =>
      post([{ name: 'attachments', filename: 'scan.pdf', bytes: EXECUTABLE }]),
    );
    expect(forged).toMatchObject({ status: 400, code: 'file_type_unsupported' });
    const response = await post([{ name: 'attachments', filename: 'courrier.png', bytes: tinyPng() }]);
    expect(response.statusCode, response.body).toBe(201);
    const view = (await read(COMPLAINT, { id: response.json().id })).complaint as {
      channel: string;
      attachments: Attachment[];
    };
    expect(view.channel).toBe('letter');
    expect(view.attachments.map((attachment) => attachment.mediaType)).toEqual(['image/png']);
  });

  it('erasing the complainant makes their name, contact, text and files unreadable', async () => {
    const response = await file(path, filed({ name: 'Inès Moreau', email: 'ines@example.fr' }), [pdfPart()]);
    const { id } = response.json();
    const before = (await read(COMPLAINT, { id })).complaint as { attachments: Attachment[] };
    const download = before.attachments[0]!.downloadPath;
    const erase = await t.app.inject({
      method: 'POST',
      url: `/api/privacy/subjects/complainant:${id}/erase`,
      headers: { cookie: admin.cookie },
      payload: { reason: 'subject_request' },
    });
    expect(erase.statusCode, erase.body).toBe(200);
    const after = (await read(COMPLAINT, { id })).complaint;
    expect(after).toMatchObject({
      erased: true,
      complainantName: '[effacé]',
      complainantEmail: '[effacé]',
      text: '[effacé]',
      attachments: [],
    });
    const gone = await t.app.inject({ method: 'GET', url: download, headers: { cookie: admin.cookie } });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('file_erased');
  });
});

describe('the public complaint page under a flood', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_LINK_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 429 with Retry-After past the page’s allowance, and the refused request writes nothing', async () => {
    const { cookie } = await t.organisation('Organisme très demandé');
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/complaint-page/address',
      headers: { cookie },
    });
    const url = `/api/public/complaints/${issued.json().path.replace('/r/', '')}`;
    for (let index = 0; index < 3; index++) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
    const position = await t.lastPosition();
    const limited = await t.app.inject({
      method: 'POST',
      url,
      ...multipartBody([{ name: 'complaint', value: JSON.stringify(filed()) }]),
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.lastPosition()).toBe(position);
  });
});
