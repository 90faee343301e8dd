import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestApp, type TestApp } from './support/app';
import { tinyPdf } from './support/file-fixtures';
import { multipartBody } from './support/multipart';
import { colleague } from './support/team';
import { answer, openFeedbackLink } from './support/training-fixture';

const INDICATOR = `query ($number: Int!) { selfAssessmentIndicator(number: $number) {
  number wording revision rating ratingNote evidenceCount canManage
  approach { version text }
  approachHistory { version text writtenByName }
  evidence { kind id title on reference }
  evidenceChoices { kind id title linked }
} }`;

/** The text pdftotext reads from a PDF. */
const pdfText = (bytes: Buffer) => {
  const folder = mkdtempSync(join(tmpdir(), 'self-assessment-'));
  try {
    writeFileSync(join(folder, 'document.pdf'), bytes);
    return execFileSync('pdftotext', ['-layout', join(folder, 'document.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/** The text of a DOCX's body. */
const docxText = (bytes: Buffer) => {
  const folder = mkdtempSync(join(tmpdir(), 'self-assessment-'));
  try {
    writeFileSync(join(folder, 'document.docx'), bytes);
    const xml = execFileSync('unzip', ['-p', join(folder, 'document.docx'), 'word/document.xml'], {
      encoding: 'utf8',
    });
    return xml.replace(/<[^>]+>/g, '');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

describe('self-assessment: versioned approach, linked evidence, rating, preparatory document', () => {
  let t: TestApp;
  let admin: { cookie: string; organisationId: string; userId: string; email: string };
  let quality: string;
  let contributor: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.organisation('Formations Autoévaluées');
    quality = (await colleague(t, admin, 'quality_manager', 'Qualité Claire')).cookie;
    contributor = (await colleague(t, admin, 'contributor', 'Contributeur Paul')).cookie;
  });
  afterAll(() => t.stop());

  const post = (cookie: string, url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...headers } });
  const read = async (number: number) =>
    (await graphql(t.app, quality, INDICATOR, { number }, await t.lastPosition())).data
      ?.selfAssessmentIndicator as Record<string, unknown> & {
      revision: number;
      evidenceChoices: { kind: string; id: string; title: string; linked: boolean }[];
    };
  const get = async (url: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { cookie: quality, 'x-min-position': String(await t.lastPosition()) },
    });

  it('keeps every change of the approach as a version; a stale revision answers 409 with the current one', async () => {
    const first = await post(quality, '/api/self-assessment/30/approach', {
      text: 'Nous **recueillons** les avis.',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ indicator: 30, changed: true });
    const revision = first.json().revision as number;
    const second = await post(
      quality,
      '/api/self-assessment/30/approach',
      { text: 'Nous **recueillons** les avis.\n\n- des stagiaires\n- des financeurs' },
      { 'if-match': String(revision) },
    );
    expect(second.statusCode, second.body).toBe(200);
    const before = await t.lastPosition();
    const stale = await post(
      quality,
      '/api/self-assessment/30/approach',
      { text: 'Autre' },
      { 'if-match': String(revision) },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'revision_conflict',
      details: { currentRevision: revision + 1 },
    });
    expect(await t.lastPosition()).toBe(before);
    const same = await post(quality, '/api/self-assessment/30/approach', {
      text: 'Nous **recueillons** les avis.\n\n- des stagiaires\n- des financeurs',
    });
    expect(same.json().changed).toBe(false);

    const view = await read(30);
    expect(view.approach).toMatchObject({ version: 2 });
    expect(view.approachHistory).toEqual([
      expect.objectContaining({ version: 2, writtenByName: 'Qualité Claire' }),
      expect.objectContaining({ version: 1, text: 'Nous **recueillons** les avis.' }),
    ]);
  });

  it('refuses bad input with a code and a message, and writes nothing', async () => {
    const before = await t.lastPosition();
    const refusals = [
      ['/api/self-assessment/30/approach', { text: '   ' }, 400],
      ['/api/self-assessment/30/approach', { text: 'x'.repeat(20001) }, 400],
      ['/api/self-assessment/99/approach', { text: 'Texte' }, 400],
      ['/api/self-assessment/30/rating', { rating: 'excellent' }, 400],
      ['/api/self-assessment/30/evidence', { kind: 'document', id: 'pas-un-id' }, 400],
      ['/api/self-assessment/30/evidence', { kind: 'document', id: crypto.randomUUID() }, 404],
      ['/api/self-assessment/30/evidence', { kind: 'evidence_item', id: crypto.randomUUID() }, 404],
      ['/api/self-assessment/30/evidence/unlink', { kind: 'document', id: crypto.randomUUID() }, 404],
    ] as const;
    for (const [url, payload, status] of refusals) {
      const response = await post(quality, url, payload);
      expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(status);
      expect(response.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    const contributorTry = await post(contributor, '/api/self-assessment/30/approach', { text: 'Texte' });
    expect(contributorTry.statusCode).toBe(403);
    expect(await t.lastPosition()).toBe(before);
  });

  it('links a document and a timeline item of the indicator, refuses another indicator’s, rates, and draws the document', async () => {
    const form = multipartBody([
      { name: 'title', value: 'Procédure de recueil des appréciations' },
      { name: 'on', value: '2026-01-05' },
      { name: 'indicators', value: '30, 31' },
      { name: 'file', filename: 'procedure.pdf', bytes: tinyPdf() },
    ]);
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/evidence-documents',
      payload: form.payload,
      headers: { cookie: admin.cookie, ...form.headers },
    });
    expect(added.statusCode, added.body).toBe(201);
    const documentId = added.json().id as string;
    const other = multipartBody([
      { name: 'title', value: 'Livret d’accueil' },
      { name: 'on', value: '2026-01-05' },
      { name: 'indicators', value: '1' },
      { name: 'file', filename: 'livret.pdf', bytes: tinyPdf() },
    ]);
    const otherId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/evidence-documents',
        payload: other.payload,
        headers: { cookie: admin.cookie, ...other.headers },
      })
    ).json().id as string;
    const link = await openFeedbackLink(t, admin.cookie, { title: 'Gestion de projet' });
    expect((await answer(t, link.token)).statusCode).toBe(201);

    const choices = (await read(30)).evidenceChoices;
    const item = choices.find((choice) => choice.kind === 'evidence_item');
    expect(item, JSON.stringify(choices)).toBeDefined();
    expect(choices.some((choice) => choice.id === documentId)).toBe(true);

    const before = await t.lastPosition();
    const foreignIndicator = await post(quality, '/api/self-assessment/30/evidence', {
      kind: 'document',
      id: otherId,
    });
    expect(foreignIndicator.statusCode).toBe(400);
    expect(foreignIndicator.json().code).toBe('evidence_of_another_indicator');
    const itemOfAnother = await post(quality, '/api/self-assessment/31/evidence', {
      kind: 'evidence_item',
      id: item!.id,
    });
    expect(itemOfAnother.statusCode).toBe(400);
    expect(itemOfAnother.json().code).toBe('evidence_of_another_indicator');
    expect(await t.lastPosition()).toBe(before);

    for (const target of [
      { kind: 'document', id: documentId },
      { kind: 'evidence_item', id: item!.id },
    ]) {
      const linked = await post(quality, '/api/self-assessment/30/evidence', target);
      expect(linked.statusCode, linked.body).toBe(200);
    }
    const rated = await post(quality, '/api/self-assessment/30/rating', {
      rating: 'partly',
      note: 'Financeurs à relancer',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    await post(quality, '/api/self-assessment/31/approach', {
      text: 'Chaque réclamation reçoit une réponse sous 15 jours.',
    });
    await post(quality, '/api/self-assessment/31/rating', { rating: 'conform' });

    const view = await read(30);
    expect(view).toMatchObject({ rating: 'partly', ratingNote: 'Financeurs à relancer', evidenceCount: 2 });
    expect((view.evidence as { kind: string }[]).map((row) => row.kind).sort()).toEqual([
      'document',
      'evidence_item',
    ]);

    const pdf = await get('/api/self-assessment/document.pdf');
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const position = Number(pdf.headers['x-log-position']);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Document préparatoire');
    expect(text).toContain('recueillons');
    expect(text).toContain('Procédure de recueil des appréciations');
    expect(text).toContain('Partiellement conforme');
    expect(text).toContain('réponse sous 15 jours');
    expect(text).toContain(`position ${position}`);

    // Drawn again at the same position after a change: the same bytes, and the change is not in it.
    await post(quality, '/api/self-assessment/30/approach', { text: 'Texte réécrit ensuite' });
    const today = pdf.headers['content-disposition']!.toString().match(
      /preparatoire-(\d{4}-\d{2}-\d{2})/,
    )![1];
    const again = await get(`/api/self-assessment/document.pdf?asOf=${today}&position=${position}`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.rawPayload.equals(pdf.rawPayload)).toBe(true);

    const docx = await get(`/api/self-assessment/document.docx?asOf=${today}&position=${position}`);
    expect(docx.statusCode).toBe(200);
    const words = docxText(docx.rawPayload);
    expect(words).toContain('recueillons');
    expect(words).toContain('Partiellement conforme');
    expect(words).not.toContain('Texte réécrit ensuite');

    const future = await get('/api/self-assessment/document.pdf?asOf=2999-01-01');
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('as_of_in_future');
    const badDate = await get('/api/self-assessment/document.pdf?asOf=2026-02-30');
    expect(badDate.statusCode).toBe(400);
  });
});
