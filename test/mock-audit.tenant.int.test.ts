import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

describe('mock audits: a user of organisation A never reaches organisation B’s mock audits or findings', () => {
  const fixture = twoTenants();

  const mockAuditWithFinding = async (cookie: string) => {
    const { post } = fixture;
    const started = await post(cookie, '/api/mock-audits', { indicators: [31] });
    expect(started.statusCode, started.body).toBe(201);
    const mockAuditId = started.json().id as string;
    const finding = await post(cookie, `/api/mock-audits/${mockAuditId}/findings`, {
      indicator: 31,
      grade: 'major',
      text: 'Constat secret',
    });
    expect(finding.statusCode, finding.body).toBe(201);
    return { mockAuditId, findingId: finding.json().id as string };
  };

  it('reads only its own mock audits; another’s reads as missing', async () => {
    const { a, b, read } = fixture;
    const mine = await mockAuditWithFinding(a.cookie);
    const theirs = await mockAuditWithFinding(b.cookie);
    const list = await read(a.cookie, '{ mockAudits { id } }');
    const ids = (list.data!.mockAudits as { id: string }[]).map((row) => row.id);
    expect(ids).toContain(mine.mockAuditId);
    expect(ids).not.toContain(theirs.mockAuditId);
    const foreign = await read(a.cookie, 'query ($id: ID!) { mockAudit(id: $id) { id } }', {
      id: theirs.mockAuditId,
    });
    expect(foreign.data?.mockAudit).toBeNull();
  });

  it('cannot change B’s mock audit nor turn its finding into an action: answered like a missing one, nothing written', async () => {
    const { a, b, post, t } = fixture;
    const theirs = await mockAuditWithFinding(b.cookie);
    const unknown = crypto.randomUUID();
    const before = await t.lastPosition();
    const attempts: [string, object][] = [
      ['/api/mock-audits/:id/checkpoints', { indicator: 31, checkpoint: 'register', ticked: true }],
      ['/api/mock-audits/:id/findings', { indicator: 31, grade: 'major', text: 'x' }],
      [`/api/mock-audits/:id/findings/${theirs.findingId}/withdraw`, {}],
      [`/api/mock-audits/:id/findings/${theirs.findingId}/action`, {}],
      ['/api/mock-audits/:id/complete', {}],
    ];
    for (const [path, payload] of attempts) {
      const foreign = await post(a.cookie, path.replace(':id', theirs.mockAuditId), payload);
      const missing = await post(a.cookie, path.replace(':id', unknown), payload);
      expect(foreign.statusCode, path).toBe(404);
      expect(foreign.json()).toEqual(missing.json());
    }
    expect(await t.lastPosition()).toBe(before);
  });

  it('refuses an auditor (read-only) and an anonymous caller, writing nothing', async () => {
    const { a, post, t, auditorOf } = fixture;
    const mine = await mockAuditWithFinding(a.cookie);
    const auditor = await auditorOf(a.organisationId);
    const before = await t.lastPosition();
    expect((await post(auditor, '/api/mock-audits', {})).statusCode).toBe(403);
    expect((await post(auditor, `/api/mock-audits/${mine.mockAuditId}/complete`)).statusCode).toBe(403);
    expect((await post(undefined, `/api/mock-audits/${mine.mockAuditId}/complete`)).statusCode).toBe(401);
    expect(await t.lastPosition()).toBe(before);
  });
});
