import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyPdf } from './support/file-fixtures';
import { multipartBody } from './support/multipart';
import { twoTenants } from './support/tenants';

const CHOICES = `query ($number: Int!) { selfAssessmentIndicator(number: $number) {
  approach { text } evidence { id } evidenceChoices { kind id }
} }`;

describe('self-assessment: a user of organisation A never reaches organisation B’s', () => {
  const fixture = twoTenants();

  it('cannot link B’s evidence item: answered like a missing one (404), nothing written', async () => {
    const { a, b, read, post, t } = fixture;
    const theirs = await read(b.cookie, CHOICES, { number: 30 });
    const item = (
      theirs.data!.selfAssessmentIndicator as { evidenceChoices: { kind: string; id: string }[] }
    ).evidenceChoices.find((choice) => choice.kind === 'evidence_item');
    expect(item, JSON.stringify(theirs)).toBeDefined();
    const before = await t.lastPosition();
    const foreign = await post(a.cookie, '/api/self-assessment/30/evidence', {
      kind: 'evidence_item',
      id: item!.id,
    });
    const missing = await post(a.cookie, '/api/self-assessment/30/evidence', {
      kind: 'evidence_item',
      id: crypto.randomUUID(),
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(await t.lastPosition()).toBe(before);
  });

  it('cannot link B’s evidence document: answered like a missing one (404), nothing written', async () => {
    const { a, b, t } = fixture;
    const form = multipartBody([
      { name: 'title', value: 'Procédure de B' },
      { name: 'on', value: '2026-01-05' },
      { name: 'indicators', value: '30' },
      { name: 'file', filename: 'procedure.pdf', bytes: tinyPdf() },
    ]);
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/evidence-documents',
      payload: form.payload,
      headers: { cookie: b.cookie, ...form.headers },
    });
    expect(added.statusCode, added.body).toBe(201);
    const before = await t.lastPosition();
    // Sent once the read models show B's document: refused for being B's, not for being unseen yet.
    const link = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/self-assessment/30/evidence',
        payload: { kind: 'document', id },
        headers: { cookie: a.cookie, 'x-min-position': String(before) },
      });
    const foreign = await link(added.json().id);
    const missing = await link(crypto.randomUUID());
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(await t.lastPosition()).toBe(before);
  });

  it('reads only its own approach, and its document carries only its own text', async () => {
    const { a, b, read, post, t } = fixture;
    expect(
      (await post(b.cookie, '/api/self-assessment/31/approach', { text: 'Secret de B' })).statusCode,
    ).toBe(200);
    expect(
      (await post(a.cookie, '/api/self-assessment/31/approach', { text: 'Démarche de A' })).statusCode,
    ).toBe(200);
    const mine = await read(a.cookie, CHOICES, { number: 31 });
    expect(JSON.stringify(mine.data)).toContain('Démarche de A');
    expect(JSON.stringify(mine.data)).not.toContain('Secret de B');
    const docx = await t.app.inject({
      method: 'GET',
      url: '/api/self-assessment/document.docx',
      headers: { cookie: a.cookie, 'x-min-position': String(await t.lastPosition()) },
    });
    expect(docx.statusCode).toBe(200);
    const file = join(tmpdir(), `self-assessment-${crypto.randomUUID()}.docx`);
    writeFileSync(file, docx.rawPayload);
    const body = execFileSync('unzip', ['-p', file, 'word/document.xml']);
    rmSync(file);
    expect(body.toString('utf8')).toContain('Démarche de A');
    expect(body.toString('utf8')).not.toContain('Secret de B');
    // B's approach is in a stream of B's own: A's next version never touches it.
    const next = await post(a.cookie, '/api/self-assessment/31/approach', { text: 'Autre' });
    expect(next.statusCode).toBe(200);
    const theirs = await read(b.cookie, CHOICES, { number: 31 });
    expect(JSON.stringify(theirs.data)).toContain('Secret de B');
  });

  it('refuses an anonymous caller and an auditor', async () => {
    const { a, post } = fixture;
    expect((await post(undefined, '/api/self-assessment/30/approach', { text: 'x' })).statusCode).toBe(401);
    const auditor = await fixture.auditorOf(a.organisationId);
    expect((await post(auditor, '/api/self-assessment/30/approach', { text: 'x' })).statusCode).toBe(403);
  });
});
