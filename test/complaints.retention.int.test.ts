import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complainantSubject } from '../services/complaints/events';
import { incidentSubject } from '../services/complaints/incident-events';
import { fixedClock } from '../services/kernel/clock';
import { ERASED } from '../services/privacy/declarations';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

/** Wednesday 5 May 2027, 10:00 in Paris: every step below is taken at this instant. */
const HANDLED = '2027-05-05T08:00:00Z';

const COMPLAINT = `query ($id: ID!) { complaint(id: $id) {
  status erased complainantName complainantEmail text steps { kind text }
} }`;
const INCIDENT = `query ($id: ID!) { incident(id: $id) { status erased description resolution } }`;

const byPhone = (name: string) => ({
  channel: 'phone',
  group: 'learner',
  anonymous: false,
  name,
  email: `${name.toLowerCase().replace(' ', '.')}@example.fr`,
  text: `${name} se plaint de la salle de la session de mai.`,
});
const difficulty = (description: string) => ({
  kind: 'difficulty',
  category: 'dropout_risk',
  severity: 'moderate',
  site: 'Lyon',
  occurredOn: '2027-05-03',
  description,
});

/**
 * Defaults: a complainant's data 60 months from the complaint's closing or rejection, what an incident says of the
 * people concerned 36 months from its resolution. A reopened (so, open) complaint or incident is never erased by
 * age: its clock stops until it ends again.
 */
describe('retention of complaints and incidents: from their end, never while they are open', () => {
  const clock = fixedClock(new Date(HANDLED));
  const setClock = (at: string) => clock.advance(new Date(at).getTime() - clock.now().getTime());
  let t: TestApp;
  let cookie: string;
  let email: string;
  const complaints = {} as Record<'closed' | 'rejected' | 'reopened' | 'open', string>;
  const incidents = {} as Record<'resolved' | 'reopened', string>;

  const post = async (url: string, payload: object) => {
    const response = await t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie, 'x-min-position': String(await t.lastPosition()) },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as { id: string };
  };
  const read = async (query: string, id: string) => {
    const result = await graphql(t.app, cookie, query, { id }, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  /**
   * The complainants and incident subjects a sweep at `at` erases (the addresses the acknowledgement and answer
   * mails went to are contact logs, erased after their own year: campaign.retention and retention tests).
   */
  const sweepAt = async (at: string) => {
    setClock(at);
    const { erased } = await t.retentionReactor.sweep();
    expect(await t.runner.waitForPosition(await t.lastPosition(), 30_000)).toBe(true);
    return erased.filter((subject) => !subject.startsWith('contact:')).toSorted();
  };

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { RETENTION_SWEEP_MINUTES: '0', COMPLAINT_SWEEP_MINUTES: '0', CAMPAIGN_SWEEP_MINUTES: '0' },
    });
    ({ cookie, email } = await t.organisation('Organisme Conservation'));

    complaints.closed = (await post('/api/complaints', byPhone('Jeanne Martin'))).id;
    await post(`/api/complaints/${complaints.closed}/acknowledgement`, { message: 'Bien reçue.' });
    await post(`/api/complaints/${complaints.closed}/analysis`, { causes: 'Salle réservée trop tard.' });
    await post(`/api/complaints/${complaints.closed}/answer`, { answer: 'Une autre salle en juin.' });
    await post(`/api/complaints/${complaints.closed}/closure`, { outcome: 'resolved' });

    complaints.rejected = (await post('/api/complaints', byPhone('Paul Girard'))).id;
    await post(`/api/complaints/${complaints.rejected}/acknowledgement`, { message: 'Bien reçue.' });
    await post(`/api/complaints/${complaints.rejected}/rejection`, { reasons: 'La salle était conforme.' });

    complaints.reopened = (await post('/api/complaints', byPhone('Lina Roux'))).id;
    await post(`/api/complaints/${complaints.reopened}/closure`, { outcome: 'withdrawn' });
    await post(`/api/complaints/${complaints.reopened}/reopening`, { reason: 'Elle revient vers nous.' });

    complaints.open = (await post('/api/complaints', byPhone('Marc Blanc'))).id;

    incidents.resolved = (await post('/api/incidents', difficulty('Sophie parle d’abandonner.'))).id;
    await post(`/api/incidents/${incidents.resolved}/resolve`, { resolution: 'Sophie continue.' });
    incidents.reopened = (await post('/api/incidents', difficulty('Hugo manque des cours.'))).id;
    await post(`/api/incidents/${incidents.reopened}/resolve`, { resolution: 'Hugo est revenu.' });
    await post(`/api/incidents/${incidents.reopened}/reopen`, { reason: 'Hugo est de nouveau absent.' });
  }, 120_000);
  afterAll(() => t?.stop());

  it('erases what an incident says of people 36 months after its resolution, unless it was reopened', async () => {
    expect(await sweepAt('2030-05-05T07:59:00Z')).toEqual([]);
    expect(await sweepAt(HANDLED.replace('2027', '2030'))).toEqual([
      incidentSubject({ incidentId: incidents.resolved }),
    ]);
    cookie = await t.login(email, PASSWORD);
    expect((await read(INCIDENT, incidents.resolved)).incident).toEqual({
      status: 'resolved',
      erased: true,
      description: ERASED,
      resolution: ERASED,
    });
    expect((await read(INCIDENT, incidents.reopened)).incident).toMatchObject({
      status: 'open',
      erased: false,
      description: 'Hugo manque des cours.',
    });
  });

  it('erases a complainant 60 months after the closing or the rejection, keeps the steps, never an open one', async () => {
    expect(await sweepAt('2032-05-05T07:59:00Z')).toEqual([]);
    expect(await sweepAt(HANDLED.replace('2027', '2032'))).toEqual(
      [complaints.closed, complaints.rejected]
        .map((complaintId) => complainantSubject({ complaintId }))
        .toSorted(),
    );
    cookie = await t.login(email, PASSWORD);
    const closed = (await read(COMPLAINT, complaints.closed)).complaint as {
      status: string;
      erased: boolean;
      complainantName: string | null;
      text: string | null;
      steps: { kind: string; text: string | null }[];
    };
    expect(closed).toMatchObject({ status: 'closed', erased: true });
    expect([closed.complainantName, closed.text]).not.toContain('Jeanne Martin');
    expect(JSON.stringify(closed)).not.toMatch(/Jeanne|Salle réservée|Une autre salle/);
    // The history stays: five steps, their words gone.
    expect(closed.steps.map((step) => step.kind)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'ComplaintAnalysed',
      'ComplaintAnswered',
      'ComplaintClosed',
    ]);
    expect((await read(COMPLAINT, complaints.rejected)).complaint).toMatchObject({
      status: 'rejected',
      erased: true,
    });
    for (const id of [complaints.reopened, complaints.open]) {
      expect((await read(COMPLAINT, id)).complaint).toMatchObject({ erased: false });
    }
    // The log itself reads the erased fields as the marker.
    const received = (await t.store.readStream(`complaint-${complaints.closed}`))[0]!.data as {
      name: string;
    };
    expect(received.name).toBe(ERASED);

    // Ten years on, the open ones are still there.
    expect(await sweepAt('2037-06-01T00:00:00Z')).toEqual([]);
  });
});
