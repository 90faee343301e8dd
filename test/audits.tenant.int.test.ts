import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

const audit = {
  kind: 'initial',
  certifierName: 'Certificateur',
  plannedFrom: '2025-01-10',
  plannedTo: '2025-01-10',
};

describe('audits: a user of organisation A never reaches organisation B’s audits, NCs, calendar or feed', () => {
  const fixture = twoTenants();

  const heldAuditWithNc = async (cookie: string) => {
    const { post } = fixture;
    const planned = await post(cookie, '/api/audits', audit);
    expect(planned.statusCode, planned.body).toBe(201);
    const auditId = planned.json().id as string;
    expect(
      (await post(cookie, `/api/audits/${auditId}/held`, { heldFrom: '2025-01-10', heldTo: '2025-01-10' }))
        .statusCode,
    ).toBe(200);
    const nc = await post(cookie, `/api/audits/${auditId}/non-conformities`, {
      indicator: 12,
      grade: 'minor',
      finding: 'Constat secret',
      notifiedOn: '2025-01-15',
    });
    expect(nc.statusCode, nc.body).toBe(201);
    return { auditId, ncId: nc.json().id as string };
  };

  it('reads only its own audits and NCs; another’s read as missing', async () => {
    const { a, b, read } = fixture;
    const mine = await heldAuditWithNc(a.cookie);
    const theirs = await heldAuditWithNc(b.cookie);
    const list = await read(a.cookie, '{ audits { id } openNonConformities { id finding } }');
    const ids = (list.data!.audits as { id: string }[]).map((row) => row.id);
    expect(ids).toContain(mine.auditId);
    expect(ids).not.toContain(theirs.auditId);
    expect(JSON.stringify(list.data)).not.toContain(theirs.ncId);
    for (const [field, id] of [
      ['audit', theirs.auditId],
      ['nonConformity', theirs.ncId],
    ] as const) {
      const foreign = await read(a.cookie, `query ($id: ID!) { ${field}(id: $id) { id } }`, { id });
      expect(foreign.data?.[field]).toBeNull();
    }
    const calendar = await read(a.cookie, '{ calendar(from: "2025-01-01", to: "2026-12-31") { id href } }');
    expect(JSON.stringify(calendar.data)).not.toContain(theirs.ncId);
    expect(JSON.stringify(calendar.data)).toContain(mine.auditId);
  });

  it('cannot change B’s audit or NC: answered like a missing one, and nothing is written', async () => {
    const { a, b, post, t } = fixture;
    const theirs = await heldAuditWithNc(b.cookie);
    const unknown = crypto.randomUUID();
    const before = await t.lastPosition();
    const attempts: [string, object][] = [
      ['/api/audits/:id/reschedule', { plannedFrom: '2025-02-01', plannedTo: '2025-02-01' }],
      ['/api/audits/:id/cancel', { reason: 'other' }],
      ['/api/audits/:id/held', { heldFrom: '2025-01-10', heldTo: '2025-01-10' }],
      ['/api/audits/:id/report', { receivedOn: '2025-01-20' }],
      [
        '/api/audits/:id/non-conformities',
        { indicator: 12, grade: 'minor', finding: 'x', notifiedOn: '2025-01-15' },
      ],
    ];
    for (const [path, payload] of attempts) {
      const foreign = await post(a.cookie, path.replace(':id', theirs.auditId), payload);
      const missing = await post(a.cookie, path.replace(':id', unknown), payload);
      expect(foreign.statusCode, path).toBe(404);
      expect(foreign.json()).toEqual(missing.json());
    }
    for (const [path, payload] of [
      ['/api/non-conformities/:id/action-plan', { actionPlan: 'x' }],
      ['/api/non-conformities/:id/close', { closedOn: '2025-01-20', evidence: 'x', effective: true }],
      ['/api/non-conformities/:id/action-requests', { title: 'x' }],
    ] as const) {
      const foreign = await post(a.cookie, path.replace(':id', theirs.ncId), payload);
      const missing = await post(a.cookie, path.replace(':id', unknown), payload);
      expect(foreign.statusCode, path).toBe(404);
      expect(foreign.json()).toEqual(missing.json());
    }
    expect(await t.lastPosition()).toBe(before);
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/audits/${theirs.auditId}/report-file`,
      headers: { cookie: a.cookie },
    });
    expect(download.statusCode).toBe(404);
  });

  it('serves in A’s feed nothing of B', async () => {
    const { a, b, post, t } = fixture;
    const theirs = await heldAuditWithNc(b.cookie);
    const { url } = (await post(a.cookie, '/api/calendar-feed')).json();
    const feed = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).not.toContain(theirs.ncId);
    expect(feed.body).not.toContain(theirs.auditId);
  });

  it('lets an auditor read but not plan', async () => {
    const { a, auditorOf, post } = fixture;
    const auditor = await auditorOf(a.organisationId);
    expect((await post(auditor, '/api/audits', audit)).statusCode).toBe(403);
  });
});
