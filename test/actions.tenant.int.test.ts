import { describe, expect, it } from 'vitest';
import { tinyPdf } from './support/file-fixtures';
import { multipartBody } from './support/multipart';
import { twoTenants } from './support/tenants';

const ACTION = 'query ($id: ID!) { improvementAction(id: $id) { id title history { step } files { id } } }';

describe('improvement actions: a user of organisation A never reaches organisation B’s actions', () => {
  const fixture = twoTenants();

  const userIdOf = async (cookie: string) =>
    ((await fixture.read(cookie, '{ me { id } }')).data!.me as { id: string }).id;
  const content = (ownerId: string, overrides: Record<string, unknown> = {}) => ({
    title: 'Revoir l’accueil des nouveaux stagiaires',
    description: null,
    type: 'improvement',
    priority: 'normal',
    ownerId,
    dueOn: '2099-01-15',
    origins: [{ type: 'internal_review', id: null, indicator: null }],
    ...overrides,
  });
  const planFor = async (cookie: string, overrides: Record<string, unknown> = {}) => {
    const response = await fixture.post(
      cookie,
      '/api/improvement-actions',
      content(await userIdOf(cookie), overrides),
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const upload = (cookie: string, actionId: string) => {
    const form = multipartBody([{ name: 'file', filename: 'preuve.pdf', bytes: tinyPdf() }]);
    return fixture.t.app.inject({
      method: 'POST',
      url: `/api/improvement-actions/${actionId}/evidence`,
      payload: form.payload,
      headers: { cookie, ...form.headers },
    });
  };

  it('lists and finds only its own actions; another’s reads as missing', async () => {
    const { a, b, read } = fixture;
    const mine = await planFor(a.cookie);
    const complaint = await fixture.post(b.cookie, '/api/complaints', {
      channel: 'letter',
      group: 'funder',
      anonymous: false,
      name: 'Paul Durand',
      postalAddress: '1 rue de la Paix, 75002 Paris',
      text: 'Les attestations ne nous sont jamais parvenues.',
    });
    const theirComplaint = complaint.json().id as string;
    const theirs = await planFor(b.cookie, { origins: [{ type: 'complaint', id: theirComplaint }] });
    const list = await read(a.cookie, '{ improvementActions { id } }');
    const ids = (list.data!.improvementActions as { id: string }[]).map((node) => node.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    const foreign = await read(a.cookie, ACTION, { id: theirs });
    const missing = await read(a.cookie, ACTION, { id: crypto.randomUUID() });
    expect(foreign).toEqual(missing);
    expect(foreign.data?.improvementAction).toBeNull();
    const byOrigin = await read(
      a.cookie,
      'query ($id: ID!) { actionsByOrigin(type: complaint, id: $id) { id } }',
      { id: theirComplaint },
    );
    expect(byOrigin.data?.actionsByOrigin).toEqual([]);
    const counters = await read(a.cookie, '{ improvementPlanCounters { total } }');
    expect(counters.data?.improvementPlanCounters).toEqual({ total: 1 });
    const share = await read(
      a.cookie,
      '{ improvementOriginShare(from: "2000-01-01", to: "2099-12-31") { fromComplaints } }',
    );
    expect(share.data?.improvementOriginShare).toEqual({ fromComplaints: 0 });
    const burndown = await read(a.cookie, '{ improvementPlanBurndown { open } }');
    const weeks = burndown.data!.improvementPlanBurndown as { open: number }[];
    expect(weeks.at(-1)).toEqual({ open: 1 });
  });

  it('cannot act on B’s action nor name B’s records: every route answers like a missing one, nothing written', async () => {
    const { a, b, t } = fixture;
    const theirs = await planFor(b.cookie);
    const file = await upload(b.cookie, theirs);
    expect(file.statusCode, file.body).toBe(201);
    const unknown = crypto.randomUUID();
    const aOwner = await userIdOf(a.cookie);
    const before = await t.lastPosition();
    const steps: [string, object][] = [
      ['edit', content(aOwner)],
      ['start', {}],
      ['progress-notes', { note: 'Note' }],
      ['completion', { summary: null }],
      ['effectiveness-check', { outcome: 'effective', comment: 'OK' }],
      ['cancellation', { reason: 'other' }],
    ];
    for (const [path, payload] of steps) {
      for (const ifMatch of [undefined, '0']) {
        const attempt = (id: string) =>
          t.app.inject({
            method: 'POST',
            url: `/api/improvement-actions/${id}/${path}`,
            payload,
            headers: { cookie: a.cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
          });
        const foreign = await attempt(theirs);
        const missing = await attempt(unknown);
        expect(foreign.statusCode, `${path} ${foreign.body}`).toBe(404);
        expect(foreign.json()).toEqual(missing.json());
      }
    }
    expect((await upload(a.cookie, theirs)).statusCode).toBe(404);
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/improvement-actions/${theirs}/evidence/${file.json().id}`,
      headers: { cookie: a.cookie },
    });
    expect(download.statusCode).toBe(404);
    const ownFile = await t.app.inject({
      method: 'GET',
      url: `/api/improvement-actions/${theirs}/evidence/${file.json().id}`,
      headers: { cookie: b.cookie },
    });
    expect(ownFile.statusCode).toBe(200);

    const bOwner = await fixture.post(
      a.cookie,
      '/api/improvement-actions',
      content(await userIdOf(b.cookie)),
    );
    expect(bOwner.statusCode).toBe(400);
    expect(bOwner.json().code).toBe('owner_not_member');
    const bComplaint = await fixture.post(
      a.cookie,
      '/api/improvement-actions',
      content(aOwner, { origins: [{ type: 'incident', id: crypto.randomUUID() }] }),
    );
    expect(bComplaint.statusCode).toBe(404);
    expect(await t.lastPosition()).toBe(before);
  });

  it('lets an auditor read the plan but change nothing', async () => {
    const { a, t } = fixture;
    const mine = await planFor(a.cookie);
    const auditor = await fixture.auditorOf(a.organisationId);
    const before = await t.lastPosition();
    const refused = await fixture.post(auditor, `/api/improvement-actions/${mine}/start`, {});
    expect(refused.statusCode).toBe(403);
    expect(
      (await fixture.post(auditor, '/api/improvement-actions', content(await userIdOf(a.cookie)))).statusCode,
    ).toBe(403);
    expect(await t.lastPosition()).toBe(before);
    const read = await fixture.read(auditor, ACTION, { id: mine });
    expect(read.data?.improvementAction).toMatchObject({ id: mine });
  });
});
