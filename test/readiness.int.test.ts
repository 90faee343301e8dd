import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../services/kernel/clock';
import { binderReadiness } from '../services/readiness';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';

const READINESS = `query ($from: Date, $to: Date) { auditReadiness(from: $from, to: $to) {
  period { from to }
  nextAudit { date daysLeft kind }
  indicators { number status reasons { code severity fr en } }
  counts { ready atRisk missing }
} }`;

interface IndicatorView {
  number: number;
  status: 'ready' | 'at_risk' | 'missing';
  reasons: { code: string; severity: string; fr: string; en: string }[];
}
interface ReadinessView {
  period: { from: string; to: string };
  nextAudit: { date: string; daysLeft: number; kind: string } | null;
  indicators: IndicatorView[];
  counts: { ready: number; atRisk: number; missing: number };
}

const DAY = 24 * 3600_000;

describe('audit readiness: each applicable indicator ready, at risk or missing as the facts change', () => {
  // Wednesday 5 May 2027, 10:00 in Paris; Thursday 6 May is Ascension Day.
  const clock = fixedClock(new Date('2027-05-05T08:00:00Z'));
  let t: TestApp;
  let cookie: string;
  let userId: string;
  let organisationId: string;
  let email: string;

  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  const posted = async (url: string, payload: object) => {
    const response = await post(url, payload);
    expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
    return response.json() as { id: string; position: number };
  };
  const readiness = async (variables: Record<string, unknown> = {}) => {
    const result = await graphql(t.app, cookie, READINESS, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!.auditReadiness as ReadinessView;
  };
  const indicator = async (number: number) => {
    const found = (await readiness()).indicators.find((candidate) => candidate.number === number);
    expect(found, `indicator ${number}`).toBeDefined();
    return found!;
  };
  const codes = (view: IndicatorView) => view.reasons.map((reason) => reason.code);
  const advance = async (days: number) => {
    clock.advance(days * DAY);
    // Sessions end over those days.
    cookie = await t.login(email, PASSWORD);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ({ cookie, userId, organisationId, email } = await t.organisation('Formations Prêtes'));
    const profile = await graphql(t.app, cookie, '{ organisationProfile { revision } }');
    const revision = (profile.data!.organisationProfile as { revision: number }).revision;
    const activities = await t.app.inject({
      method: 'POST',
      url: '/api/organisation/activities',
      payload: { categories: ['training'] },
      headers: { cookie, 'if-match': String(revision) },
    });
    expect(activities.statusCode, activities.body).toBe(200);
  });
  afterAll(() => t?.stop());

  it('covers the indicators that apply to the organisation over the year before today, none ready yet', async () => {
    const view = await readiness();
    expect(view.period).toEqual({ from: '2026-05-06', to: '2027-05-05' });
    expect(view.nextAudit).toBeNull();
    const numbers = view.indicators.map((candidate) => candidate.number);
    expect(numbers).toEqual(expect.arrayContaining([1, 2, 23, 24, 25, 26, 30, 31, 32]));
    expect(numbers).not.toContain(3);
    expect(view.counts.ready).toBe(0);
    expect(view.counts.atRisk + view.counts.missing).toBe(numbers.length);
    const twentySix = view.indicators.find((candidate) => candidate.number === 26)!;
    expect(twentySix.status).toBe('missing');
    expect(codes(twentySix)).toEqual(['no_evidence', 'no_disability_referent', 'no_disability_partner']);
    expect(twentySix.reasons[1]).toMatchObject({
      fr: 'Aucun référent handicap désigné.',
      en: 'No disability referent named.',
    });
  });

  it('31 goes at risk when a complaint passes its deadline, and back to ready once it is answered', async () => {
    expect((await indicator(31)).status).toBe('missing');
    const complaint = await posted('/api/complaints', {
      channel: 'phone',
      group: 'learner',
      anonymous: false,
      name: 'Jeanne Martin',
      phone: '06 12 34 56 78',
      text: 'La salle de la session de mai était trop petite et sans chauffage.',
    });
    expect(await indicator(31)).toEqual({ number: 31, status: 'ready', reasons: [] });

    // Due Monday 10 May (two working days, Ascension not counted); on Wednesday 12 May it is late.
    await advance(7);
    const late = await indicator(31);
    expect(late.status).toBe('at_risk');
    expect(late.reasons).toEqual([
      expect.objectContaining({
        code: 'complaints_past_deadline',
        severity: 'at_risk',
        fr: '1 réclamation attend un accusé de réception ou une réponse au-delà du délai fixé : R-2027-001.',
      }),
    ]);

    const steps: [string, object][] = [
      ['acknowledgement', { message: 'Nous avons bien reçu votre réclamation.', sendByEmail: false }],
      ['analysis', { causes: 'Salle réservée trop tard.' }],
      ['answer', { answer: 'Les sessions de juin auront lieu dans la grande salle.', sendByEmail: false }],
    ];
    for (const [step, body] of steps) await posted(`/api/complaints/${complaint.id}/${step}`, body);
    expect(await indicator(31)).toEqual({ number: 31, status: 'ready', reasons: [] });

    // 32 asks for improvement from that complaint, until an action comes from it.
    expect(codes(await indicator(32))).toContain('no_action_from_complaints');
    await posted('/api/improvement-actions', {
      title: 'Réserver les salles un mois à l’avance',
      type: 'corrective',
      priority: 'normal',
      ownerId: userId,
      dueOn: '2027-06-30',
      origins: [{ type: 'complaint', id: complaint.id }],
    });
    expect(codes(await indicator(32))).not.toContain('no_action_from_complaints');
  });

  it('a binder states readiness as of its last day, in French: the complaint was still unacknowledged then', async () => {
    const asOfPosition = await t.lastPosition();
    const request = {
      organisationId,
      from: '2026-05-13',
      to: '2027-05-11',
      indicators: [26, 31],
      asOfPosition,
      asOfRecordedAt: clock.now().toISOString(),
    };
    const stated = await binderReadiness(t.database.db)(request);
    expect([...stated.keys()]).toEqual([26, 31]);
    expect(stated.get(31)).toEqual({
      status: 'at_risk',
      reasons: [
        '1 réclamation attend un accusé de réception ou une réponse au-delà du délai fixé : R-2027-001.',
      ],
    });
    expect(stated.get(26)?.status).toBe('missing');
    const today = await binderReadiness(t.database.db)({ ...request, to: '2027-05-12' });
    expect(today.get(31)).toEqual({ status: 'ready', reasons: [] });
  });

  it('26 is ready once the disability network has a referent and a partner', async () => {
    await posted('/api/disability-network/partners', {
      kind: 'cap_emploi',
      name: 'Cap emploi 69',
      contacts: [],
    });
    expect(codes(await indicator(26))).toEqual(['no_disability_referent']);
    await posted('/api/disability-network/referent', { memberId: userId, trainings: [] });
    expect(await indicator(26)).toEqual({ number: 26, status: 'ready', reasons: [] });
  });

  it('24 needs a watch note in the period, then goes at risk when it stays unanalysed past the delay', async () => {
    expect(codes(await indicator(24))).toEqual(['no_evidence', 'no_watch_note']);
    await posted('/api/watch-notes', {
      theme: 'skills_jobs',
      title: 'Nouveau titre professionnel de formateur',
      sourceName: 'France compétences',
      informationOn: '2027-05-01',
      summary: 'Le titre évolue : nos modules de préparation sont à revoir.',
    });
    expect(await indicator(24)).toEqual({ number: 24, status: 'ready', reasons: [] });
    await advance(61);
    const late = await indicator(24);
    expect(late.status).toBe('at_risk');
    expect(late.reasons.map((reason) => reason.fr)).toEqual([
      '1 note de veille non exploitée au-delà du délai de 60 jours.',
    ]);
  });

  it('an audit held starts the period the day after it; one planned is counted down; its non-conformities weigh', async () => {
    // Today is Monday 12 July 2027.
    const held = await posted('/api/audits', {
      kind: 'initial',
      certifierName: 'Certificateur Exemple',
      plannedFrom: '2027-06-01',
      plannedTo: '2027-06-02',
    });
    await posted(`/api/audits/${held.id}/held`, { heldFrom: '2027-06-01', heldTo: '2027-06-02' });
    await posted('/api/audits', {
      kind: 'surveillance',
      certifierName: 'Certificateur Exemple',
      plannedFrom: '2027-09-20',
      plannedTo: '2027-09-21',
    });
    await posted(`/api/audits/${held.id}/non-conformities`, {
      indicator: 30,
      grade: 'minor',
      finding: 'Les financeurs ne sont pas sollicités.',
      notifiedOn: '2027-06-10',
    });
    const view = await readiness();
    expect(view.period).toEqual({ from: '2027-06-03', to: '2027-07-12' });
    expect(view.nextAudit).toEqual({ date: '2027-09-20', daysLeft: 70, kind: 'surveillance' });
    const thirty = view.indicators.find((candidate) => candidate.number === 30)!;
    expect(codes(thirty)).toContain('open_non_conformity');
    expect(thirty.reasons.find((reason) => reason.code === 'open_non_conformity')?.fr).toBe(
      '1 non-conformité d’audit reste ouverte (1 mineure) ; prochaine échéance le 10/12/2027.',
    );

    // The period asked for reads the evidence of that period: 31's complaint was in May.
    const may = await readiness({ from: '2027-05-01', to: '2027-05-31' });
    expect(may.period).toEqual({ from: '2027-05-01', to: '2027-05-31' });
    expect(may.indicators.find((candidate) => candidate.number === 31)?.status).toBe('ready');
    const summer = view.indicators.find((candidate) => candidate.number === 31)!;
    expect(codes(summer)).toEqual(['no_evidence']);
  });

  it('refuses a period that ends before it starts', async () => {
    const result = await graphql(t.app, cookie, READINESS, { from: '2027-05-02', to: '2027-05-01' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
