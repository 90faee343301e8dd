import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../services/kernel/clock';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

const PUBLICATION = `{ resultsPublication {
  publicPath embedPath jsonPath revision freshness lastPublishedOn
  snapshots { id label status stale responseRate supersedesId withdrawalReason trainingActionTitle publishedOn }
} }`;

interface Publication {
  publicPath: string | null;
  embedPath: string | null;
  jsonPath: string | null;
  revision: number;
  freshness: string;
  lastPublishedOn: string | null;
  snapshots: {
    id: string;
    label: string;
    status: string;
    stale: boolean;
    responseRate: number;
    supersedesId: string | null;
    withdrawalReason: string | null;
    trainingActionTitle: string | null;
    publishedOn: string;
  }[];
}

const snapshot = (overrides: Record<string, unknown> = {}) => ({
  label: 'Premier semestre 2026',
  periodFrom: '2026-01-01',
  periodTo: '2026-06-30',
  scope: { kind: 'organisation' },
  figures: {
    trainees: 40,
    respondents: 30,
    satisfactionAverage: 4.4,
    satisfiedShare: 92,
    completionRate: 95,
    dropOutRate: 5,
    successRate: null,
  },
  note: 'Chiffres <b>vérifiés</b> & arrondis',
  ...overrides,
});

describe('publication: dated result figures on a public page (indicator 2)', () => {
  // 23:30 in Paris on 14 July 2026 is already 15 July there (UTC+2 in summer).
  const clock = fixedClock(new Date('2026-07-14T22:30:00Z'));
  let t: TestApp;
  let cookie: string;
  let email: string;

  const publish = (payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/results-snapshots', payload, headers: { cookie, ...headers } });
  const read = async () => {
    const result = await graphql(t.app, cookie, PUBLICATION, {}, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!.resultsPublication as Publication;
  };
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ({ cookie, email } = await t.organisation('Formations Horizon'));
  });
  afterAll(() => t?.stop());

  it('warns that nothing is published before the first snapshot, and has no public page yet', async () => {
    expect(await read()).toMatchObject({ freshness: 'none', publicPath: null, snapshots: [], revision: -1 });
  });

  it('publishes figures that the public HTML page and the JSON show, dated in Paris, as evidence of indicator 2', async () => {
    const response = await publish(snapshot());
    expect(response.statusCode).toBe(201);
    const { id } = response.json();
    const publication = await read();
    expect(publication).toMatchObject({ freshness: 'up_to_date', lastPublishedOn: '2026-07-15' });
    expect(publication.snapshots).toMatchObject([
      { id, status: 'current', responseRate: 75, publishedOn: '2026-07-15' },
    ]);
    expect(publication.publicPath).toMatch(/^\/resultats\/[A-Za-z0-9_-]{22}$/);

    const page = await get(publication.publicPath!);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('Formations Horizon');
    expect(page.body).toContain('Publié le <time datetime="2026-07-15">15 juillet 2026</time>');
    expect(page.body).toContain('du <time datetime="2026-01-01">1 janvier 2026</time>');
    expect(page.body).toContain('taux de réponse\u00a0: 75\u00a0%');
    expect(page.body).toContain('4,4\u00a0/\u00a05');
    expect(page.body).toContain('Chiffres &lt;b&gt;vérifiés&lt;/b&gt; &amp; arrondis');
    expect(page.body).not.toContain('<script');

    const json = await get(publication.jsonPath!);
    expect(json.statusCode).toBe(200);
    expect(json.headers['access-control-allow-origin']).toBe('*');
    expect(json.json()).toMatchObject({
      organisation: { name: 'Formations Horizon' },
      page: publication.publicPath,
      current: [
        {
          id,
          periodFrom: '2026-01-01',
          periodTo: '2026-06-30',
          publishedOn: '2026-07-15',
          scope: { kind: 'organisation', title: null },
          figures: { trainees: 40, respondents: 30, responseRate: 75, satisfiedShare: 92 },
        },
      ],
      previous: [],
    });

    const evidence = await graphql(
      t.app,
      cookie,
      '{ evidenceTimeline(indicator: 2, first: 10) { edges { node { kind title summary sourceType sourceId } } } }',
      {},
      await t.lastPosition(),
    );
    expect(
      (evidence.data!.evidenceTimeline as { edges: { node: unknown }[] }).edges.map((edge) => edge.node),
    ).toEqual([
      {
        kind: 'results_published',
        title: 'Résultats publiés du 01/01/2026 au 30/06/2026 (toutes les actions)',
        summary: 'Premier semestre 2026',
        sourceType: 'results_snapshot',
        sourceId: id,
      },
    ]);

    const embed = await get(publication.embedPath!);
    expect(embed.statusCode).toBe(200);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'");
  });

  it('supersedes the snapshot of the same scope on the public page; the history stays', async () => {
    const before = await read();
    const first = before.snapshots.find((row) => row.status === 'current')!;
    const action = await t.app.inject({
      method: 'POST',
      url: '/api/training-actions',
      payload: { title: 'Excel avancé', category: 'training' },
      headers: { cookie },
    });
    const actionSnapshot = await publish(
      snapshot({
        label: 'Excel 2026',
        scope: { kind: 'training_action', trainingActionId: action.json().id },
      }),
      { 'x-min-position': String(action.json().position) },
    );
    expect(actionSnapshot.statusCode).toBe(201);
    const second = await publish(snapshot({ label: 'Second relevé 2026', periodFrom: '2026-04-01' }));
    expect(second.statusCode).toBe(201);

    const after = await read();
    const byId = new Map(after.snapshots.map((row) => [row.id, row]));
    expect(byId.get(first.id)?.status).toBe('superseded');
    expect(byId.get(second.json().id)).toMatchObject({ status: 'current', supersedesId: first.id });
    expect(byId.get(actionSnapshot.json().id)).toMatchObject({
      status: 'current',
      trainingActionTitle: 'Excel avancé',
    });

    const json = (await get(after.jsonPath!)).json();
    expect(json.current.map((row: { label: string }) => row.label).sort()).toEqual([
      'Excel 2026',
      'Second relevé 2026',
    ]);
    expect(json.previous.map((row: { id: string }) => row.id)).toEqual([first.id]);
    const page = (await get(after.publicPath!)).body;
    expect(page).toContain('Publications précédentes');
    expect(page).toContain('Excel avancé');
  });

  it('withdraws a snapshot with a reason: off the public page, its predecessor current again', async () => {
    const before = await read();
    const current = before.snapshots.find((row) => row.label === 'Second relevé 2026')!;
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/results-snapshots/${current.id}/withdraw`,
      payload: { reason: 'Erreur de saisie' },
      headers: { cookie, 'if-match': String(before.revision - 1) },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'revision_conflict',
      details: { currentRevision: before.revision },
    });

    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/results-snapshots/${current.id}/withdraw`,
      payload: { reason: 'Erreur de saisie' },
      headers: { cookie, 'if-match': String(before.revision) },
    });
    expect(withdrawn.statusCode).toBe(200);
    const after = await read();
    expect(after.snapshots.find((row) => row.id === current.id)).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'Erreur de saisie',
    });
    expect(after.snapshots.find((row) => row.id === current.supersedesId)?.status).toBe('current');
    const json = (await get(after.jsonPath!)).json();
    expect(JSON.stringify(json)).not.toContain(current.id);
    expect((await get(after.publicPath!)).body).not.toContain('Second relevé 2026');

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/results-snapshots/${current.id}/withdraw`,
      payload: { reason: 'Encore' },
      headers: { cookie },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('snapshot_already_withdrawn');
  });

  it.each([
    ['a period ending tomorrow in Paris', snapshot({ periodTo: '2026-07-16' }), 'period_in_future'],
    ['a reversed period', snapshot({ periodFrom: '2026-07-01', periodTo: '2026-06-30' }), 'period_reversed'],
    [
      'more respondents than trainees',
      snapshot({ figures: { ...snapshot().figures, respondents: 41 } }),
      'respondents_exceed_trainees',
    ],
    [
      'a rate over 100 %',
      snapshot({ figures: { ...snapshot().figures, completionRate: 101, dropOutRate: 0 } }),
      'percentage_out_of_range',
    ],
    [
      'an average over 5',
      snapshot({ figures: { ...snapshot().figures, satisfactionAverage: 6 } }),
      'satisfaction_out_of_range',
    ],
    [
      'a typed response rate instead of counts',
      snapshot({ figures: { responseRate: 80 } }),
      'validation_failed',
    ],
    ['a date that does not exist', snapshot({ periodFrom: '2026-02-30' }), 'validation_failed'],
    ['a label with a NUL', snapshot({ label: 'a\u0000b' }), 'invalid_characters'],
  ])('refuses %s with 400 and a code, storing nothing', async (_, payload, code) => {
    const before = await t.lastPosition();
    const response = await publish(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
    expect(await t.lastPosition()).toBe(before);
  });

  it('answers 404 for an unknown training action, and for a public id that names nothing', async () => {
    const response = await publish(
      snapshot({ scope: { kind: 'training_action', trainingActionId: crypto.randomUUID() } }),
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('training_action_not_found');
    expect((await get('/resultats/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await get('/resultats/not-an-id')).statusCode).toBe(404);
    const json = await get('/api/public/results/AAAAAAAAAAAAAAAAAAAAAA.json');
    expect(json.statusCode).toBe(404);
    expect(json.json().code).toBe('results_not_found');
  });

  it('publishes once for a retried request (Idempotency-Key)', async () => {
    const headers = { 'idempotency-key': 'publish-results-retry-1' };
    const first = await publish(snapshot({ label: 'Relevé rejoué' }), headers);
    const before = await t.lastPosition();
    const retry = await publish(snapshot({ label: 'Relevé rejoué' }), headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await t.lastPosition()).toBe(before);
  });

  it('warns when the current snapshot is older than 12 months, and not on its last day', async () => {
    clock.advance(365 * 86_400_000);
    // A year later the session has long ended.
    cookie = await t.login(email, PASSWORD);
    // Paris date 2027-07-15: exactly 12 months after the publication.
    expect((await read()).freshness).toBe('up_to_date');
    clock.advance(86_400_000);
    cookie = await t.login(email, PASSWORD);
    const late = await read();
    expect(late.freshness).toBe('stale');
    expect(late.snapshots.filter((row) => row.stale).length).toBeGreaterThan(0);
    expect(late.snapshots.filter((row) => row.status !== 'current').every((row) => !row.stale)).toBe(true);
  });
});
