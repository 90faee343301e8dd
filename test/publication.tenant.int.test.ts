import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

const snapshot = (label: string, scope: object = { kind: 'organisation' }) => ({
  label,
  periodFrom: '2026-01-01',
  periodTo: '2026-01-31',
  scope,
  figures: {
    trainees: 12,
    respondents: 9,
    satisfactionAverage: 4.1,
    satisfiedShare: null,
    completionRate: 100,
    dropOutRate: 0,
    successRate: null,
  },
  note: null,
});

const PUBLICATION = '{ resultsPublication { publicPath jsonPath embedPath snapshots { id label } } }';

describe('publication: an organisation never sees, changes or exposes another’s published results', () => {
  const fixture = twoTenants();

  const publishAs = async (cookie: string, label: string, scope?: object) => {
    const response = await fixture.post(cookie, '/api/results-snapshots', snapshot(label, scope));
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const publicationOf = async (cookie: string) =>
    (await fixture.read(cookie, PUBLICATION)).data!.resultsPublication as {
      publicPath: string;
      jsonPath: string;
      embedPath: string;
      snapshots: { id: string; label: string }[];
    };

  it('lists only its own snapshots, and each public page shows only its organisation’s, without its id', async () => {
    const { a, b, t } = fixture;
    await publishAs(a.cookie, 'Relevé secret de A');
    await publishAs(b.cookie, 'Relevé de B');
    const mine = await publicationOf(a.cookie);
    const theirs = await publicationOf(b.cookie);
    expect(mine.snapshots.map((row) => row.label)).toEqual(['Relevé secret de A']);
    expect(mine.publicPath).not.toBe(theirs.publicPath);

    for (const path of [theirs.publicPath, theirs.jsonPath, theirs.embedPath]) {
      const response = await t.app.inject({ method: 'GET', url: path });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Relevé de B');
      expect(response.body).not.toContain('Relevé secret de A');
      expect(response.body).not.toContain(b.organisationId);
      expect(response.body).not.toContain(a.organisationId);
    }
    // The public id is not derived from the organisation's id.
    expect(theirs.publicPath).not.toContain(b.organisationId.replaceAll('-', '').slice(0, 8));
  });

  it('cannot withdraw B’s snapshot: 404 like a missing one, and nothing is written', async () => {
    const { a, b, post, t } = fixture;
    const theirs = await publishAs(b.cookie, 'Relevé de B à garder');
    const before = await t.lastPosition();
    const foreign = await post(a.cookie, `/api/results-snapshots/${theirs}/withdraw`, {
      reason: 'Pour voir',
    });
    const missing = await post(a.cookie, `/api/results-snapshots/${crypto.randomUUID()}/withdraw`, {
      reason: 'Pour voir',
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(await t.lastPosition()).toBe(before);
    expect((await publicationOf(b.cookie)).snapshots.map((row) => row.id)).toContain(theirs);
  });

  it('cannot publish figures for B’s training action: 404 like a missing one', async () => {
    const { a, b, post, t } = fixture;
    const before = await t.lastPosition();
    const foreign = await post(
      a.cookie,
      '/api/results-snapshots',
      snapshot('Sur l’action de B', { kind: 'training_action', trainingActionId: b.data.actionId }),
    );
    const missing = await post(
      a.cookie,
      '/api/results-snapshots',
      snapshot('Sur une action inconnue', { kind: 'training_action', trainingActionId: crypto.randomUUID() }),
    );
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(await t.lastPosition()).toBe(before);
  });

  it('lets an auditor read published results but not publish or withdraw; strangers get nothing', async () => {
    const { a, post, read } = fixture;
    const auditor = await fixture.auditorOf(a.organisationId);
    const reading = await read(auditor, PUBLICATION);
    expect(reading.errors).toBeUndefined();
    expect((await post(auditor, '/api/results-snapshots', snapshot('Auditrice'))).statusCode).toBe(403);
    const id = (reading.data!.resultsPublication as { snapshots: { id: string }[] }).snapshots[0]!.id;
    expect((await post(auditor, `/api/results-snapshots/${id}/withdraw`, { reason: 'Non' })).statusCode).toBe(
      403,
    );
    expect((await read(undefined, PUBLICATION)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(undefined, '/api/results-snapshots', snapshot('Anonyme'))).statusCode).toBe(401);
  });
});
