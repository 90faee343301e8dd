import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

describe('auditor access links are one organisation’s only', () => {
  const fixture = twoTenants({ runBinderRunner: false });

  const binderOf = async (cookie: string) => {
    const requested = await fixture.post(cookie, '/api/binder-exports', {});
    expect(requested.statusCode, requested.body).toBe(201);
    const { id, position } = requested.json() as { id: string; position: number };
    await fixture.t.runner.waitForPosition(position, 30_000);
    await fixture.t.binderRunner.drain();
    return id;
  };

  it('a link of A reads A’s data only, never B’s binders nor B’s comments', async () => {
    const { a, b } = fixture;
    const binderOfA = await binderOf(a.cookie);
    const binderOfB = await binderOf(b.cookie);
    const granted = await fixture.post(a.cookie, '/api/auditor-access/links', {
      auditorName: 'Claire Auditrice',
      auditorEmail: 'claire@certif.example',
      sendMail: false,
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const token = (granted.json() as { url: string }).url.split('/auditor/')[1]!;
    const opened = await fixture.post(undefined, '/api/public/auditor-access/sessions', { token });
    expect(opened.statusCode, opened.body).toBe(201);
    const auditor = `sid=${opened.cookies.find((cookie) => cookie.name === 'sid')!.value}`;

    const seen = await fixture.read(
      auditor,
      `query ($other: ID!) {
        me { organisation { id } }
        binderExports { id }
        other: binderExport(id: $other) { id }
        trainingActions(first: 100) { edges { node { sessions { responses { comment } } } } }
      }`,
      { other: binderOfB },
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data).toMatchObject({
      me: { organisation: { id: a.organisationId } },
      binderExports: [{ id: binderOfA }],
      other: null,
    });
    const text = JSON.stringify(seen.data);
    expect(text).toContain(a.secret);
    expect(text).not.toContain(b.secret);
    const download = await fixture.t.app.inject({
      method: 'GET',
      url: `/api/binder-exports/${binderOfB}/download`,
      headers: { cookie: auditor },
    });
    expect(download.statusCode).toBe(404);
  });

  it('B’s admin neither lists nor revokes A’s links', async () => {
    const { a, b } = fixture;
    const granted = await fixture.post(a.cookie, '/api/auditor-access/links', {
      auditorName: 'Paul Auditeur',
      auditorEmail: 'paul@certif.example',
      sendMail: false,
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const linkId = (granted.json() as { id: string }).id;

    const listedForB = await fixture.read(b.cookie, '{ auditorAccessLinks { id auditorName } }');
    expect(listedForB.errors).toBeUndefined();
    expect(JSON.stringify(listedForB.data)).not.toContain('Paul Auditeur');
    const listedForA = await fixture.read(a.cookie, '{ auditorAccessLinks { id } }');
    expect(listedForA.data!.auditorAccessLinks).toContainEqual({ id: linkId });

    const revoke = await fixture.post(b.cookie, `/api/auditor-access/links/${linkId}/revoke`);
    expect(revoke.statusCode).toBe(404);
    expect(revoke.json().code).toBe('auditor_link_not_found');
  });
});
