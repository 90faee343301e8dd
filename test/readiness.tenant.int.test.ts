import { describe, expect, it } from 'vitest';
import { parisDate } from '../services/kernel/paris-time';
import { addCalendarDays } from '../services/kernel/working-days';
import { binderReadiness, gatherReadinessFacts } from '../services/readiness';
import { twoTenants } from './support/tenants';

const READINESS = `{ auditReadiness {
  period { from to }
  indicators { number status reasons { code fr } }
  counts { ready atRisk missing }
} }`;

interface ReadinessView {
  period: { from: string; to: string };
  indicators: { number: number; status: string; reasons: { code: string; fr: string }[] }[];
}

describe('audit readiness: an organisation’s readiness reads its own facts only', () => {
  const fixture = twoTenants();

  const readinessOf = async (cookie: string | undefined) => {
    const result = await fixture.read(cookie, READINESS);
    expect(result.errors).toBeUndefined();
    return result.data!.auditReadiness as ReadinessView;
  };
  const indicatorOf = (view: ReadinessView, number: number) =>
    view.indicators.find((candidate) => candidate.number === number)!;
  const codesOf = (view: ReadinessView, number: number) =>
    indicatorOf(view, number).reasons.map((reason) => reason.code);

  it('B’s network, watch notes and late complaint never count for A, through GraphQL or the binder', async () => {
    const { a, b, post, t } = fixture;
    const today = parisDate(new Date());
    const steps: [string, object][] = [
      ['/api/disability-network/partners', { kind: 'mdph', name: 'MDPH 69', contacts: [] }],
      [
        '/api/watch-notes',
        {
          theme: 'skills_jobs',
          title: 'Nouveau référentiel de compétences',
          sourceName: 'France compétences',
          informationOn: today,
          summary: 'Nos modules sont à revoir.',
        },
      ],
      [
        '/api/complaints',
        {
          channel: 'letter',
          group: 'funder',
          anonymous: false,
          name: 'OPCO Exemple',
          phone: '01 02 03 04 05',
          text: 'La facture de mars ne correspond pas au devis.',
          receivedOn: addCalendarDays(today, -30),
        },
      ],
    ];
    for (const [url, payload] of steps) {
      const response = await post(b.cookie, url, payload);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(201);
    }
    const meId = (await fixture.read(b.cookie, '{ me { id } }')).data!.me as { id: string };
    const referent = await post(b.cookie, '/api/disability-network/referent', {
      memberId: meId.id,
      trainings: [],
    });
    expect(referent.statusCode, referent.body).toBe(200);

    const theirs = await readinessOf(b.cookie);
    expect(indicatorOf(theirs, 26)).toMatchObject({ status: 'ready', reasons: [] });
    expect(codesOf(theirs, 24)).toEqual([]);
    expect(codesOf(theirs, 31)).toEqual(['complaints_past_deadline']);

    const mine = await readinessOf(a.cookie);
    expect(codesOf(mine, 26)).toEqual(['no_evidence', 'no_disability_referent', 'no_disability_partner']);
    expect(codesOf(mine, 24)).toEqual(['no_evidence', 'no_watch_note']);
    expect(codesOf(mine, 31)).toEqual(['no_evidence']);
    // A's own feedback answer evidences its 30, B's evidences B's alone.
    expect(codesOf(mine, 30)).not.toContain('no_evidence');

    const facts = await gatherReadinessFacts(t.database.db, a.organisationId, mine.period, today);
    expect(facts.complaints.register).toEqual([]);
    expect(facts.disabilityNetwork).toEqual({ hasReferent: false, partners: 0 });
    expect(facts.watch.notes).toEqual([]);
    expect(facts.evidence.get(24)).toBeUndefined();

    const stated = await binderReadiness(t.database.db)({
      organisationId: a.organisationId,
      ...mine.period,
      indicators: [24, 26, 31],
      asOfPosition: await t.lastPosition(),
      asOfRecordedAt: new Date().toISOString(),
    });
    expect(stated.get(26)?.status).toBe('missing');
    expect(stated.get(31)?.reasons).toEqual([expect.stringContaining('Aucune preuve enregistrée')]);
  });

  it('every member reads it, an auditor too; nobody signed out does', async () => {
    const { a } = fixture;
    const auditor = await fixture.auditorOf(a.organisationId);
    expect(await readinessOf(auditor)).toEqual(await readinessOf(a.cookie));
    const anonymous = await fixture.read(undefined, READINESS);
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
