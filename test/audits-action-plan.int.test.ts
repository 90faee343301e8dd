import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionIdOfRequest } from '../services/actions/requests';
import { fixedClock } from '../services/kernel/clock';
import { startTestApp, type TestApp } from './support/app';
import { hasPdfText, pdfText } from './support/pdf-text';

describe('the action plan for the certifier: an audit’s non-conformities, deadlines and corrective actions', () => {
  // 1 March 2027 at noon in Paris.
  const clock = fixedClock(new Date('2027-03-01T11:00:00Z'));
  let t: TestApp;
  let cookie: string;
  let organisationId: string;
  let otherCookie: string;

  const post = (url: string, payload: object, as = cookie) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: as } });
  const get = async (url: string, as = cookie) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { cookie: as, 'x-min-position': String(await t.lastPosition()) },
    });
  const heldAudit = async (as = cookie) => {
    const planned = await post(
      '/api/audits',
      {
        kind: 'surveillance',
        certifierName: 'Certificateur Exemple',
        plannedFrom: '2027-02-10',
        plannedTo: '2027-02-11',
      },
      as,
    );
    expect(planned.statusCode, planned.body).toBe(201);
    const { id } = planned.json() as { id: string };
    const held = await post(`/api/audits/${id}/held`, { heldFrom: '2027-02-10', heldTo: '2027-02-11' }, as);
    expect(held.statusCode, held.body).toBe(200);
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ({ cookie, organisationId } = await t.organisation('Formations Dupont'));
    ({ cookie: otherCookie } = await t.organisation('Organisme Voisin'));
  });
  afterAll(() => t?.close());

  it.skipIf(!hasPdfText)(
    'lists each non-conformity with its finding, grade, deadline by the rules, plan and corrective actions',
    async () => {
      const auditId = await heldAudit();
      const major = await post(`/api/audits/${auditId}/non-conformities`, {
        indicator: 31,
        grade: 'major',
        finding: 'Les réclamations ne reçoivent pas d’accusé de réception',
        notifiedOn: '2027-02-15',
      });
      expect(major.statusCode, major.body).toBe(201);
      const minor = await post(`/api/audits/${auditId}/non-conformities`, {
        indicator: 30,
        grade: 'minor',
        finding: 'Les financeurs ne sont pas sollicités',
        notifiedOn: '2027-02-15',
      });
      expect(minor.statusCode, minor.body).toBe(201);
      const majorId = (major.json() as { id: string }).id;
      const plan = await post(`/api/non-conformities/${majorId}/action-plan`, {
        actionPlan: 'Accuser réception de chaque réclamation sous 48 heures',
      });
      expect(plan.statusCode, plan.body).toBe(200);
      const requested = await post(`/api/non-conformities/${majorId}/action-requests`, {
        title: 'Mettre en place un accusé de réception automatique',
      });
      expect(requested.statusCode, requested.body).toBe(201);
      const { id: requestId } = requested.json() as { id: string };
      const actionStream = `improvementaction-${actionIdOfRequest(organisationId, requestId)}`;
      await expect
        .poll(
          async () => {
            await t.actionReactor.pickUp();
            return (await t.store.readStream(actionStream)).length;
          },
          { timeout: 30_000, interval: 50 },
        )
        .toBe(1);

      const response = await get(`/api/audits/${auditId}/action-plan.pdf`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toContain('plan-actions-2027-02-10.pdf');
      const text = pdfText(response.rawPayload);
      expect(text).toContain('Plan d’actions — non-conformités');
      expect(text).toContain(
        'Audit de surveillance du 10 février 2027 au 11 février 2027, par Certificateur Exemple',
      );
      expect(text).toContain('Les réclamations ne reçoivent pas d’accusé de réception');
      expect(text).toContain('Les financeurs ne sont pas sollicités');
      // Major: effective within 3 months of the notification; minor: carried out within 6, checked at the next audit.
      expect(text).toContain('15 mai 2027 (actions efficaces, 3 mois)');
      expect(text).toContain('mise en œuvre au plus tard le 15 août 2027, vérifiée à l’audit suivant');
      expect(text).toContain('Accuser réception de chaque réclamation sous 48 heures');
      expect(text).toContain('Mettre en place un accusé de réception automatique — planifiée');
      // The minor has neither plan nor action yet, and says so.
      expect(text).toContain('à rédiger');
      expect(text).toContain('Aucune action corrective enregistrée.');
      // The major comes first: the table and the detail are ordered by deadline.
      expect(text.indexOf('1. Indicateur 31 — non-conformité majeure')).toBeLessThan(
        text.indexOf('2. Indicateur 30 — non-conformité mineure'),
      );

      // Drawn twice at the same moment, the document is the same bytes.
      const again = await get(`/api/audits/${auditId}/action-plan.pdf`);
      expect(again.rawPayload.equals(response.rawPayload)).toBe(true);
    },
  );

  it('answers 409 for an audit without non-conformities, 404 for an unknown one, 400 for a malformed id', async () => {
    const auditId = await heldAudit();
    const empty = await get(`/api/audits/${auditId}/action-plan.pdf`);
    expect(empty.statusCode).toBe(409);
    expect(empty.json()).toMatchObject({ code: 'audit_without_non_conformities' });
    const unknown = await get('/api/audits/00000000-0000-4000-8000-000000000000/action-plan.pdf');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'audit_not_found' });
    const malformed = await get('/api/audits/not-an-id/action-plan.pdf');
    expect(malformed.statusCode).toBe(400);
  });

  it('never draws another organisation’s plan, and asks for a session', async () => {
    const auditId = await heldAudit(otherCookie);
    const recorded = await post(
      `/api/audits/${auditId}/non-conformities`,
      { indicator: 32, grade: 'major', finding: 'Constat de l’autre organisme', notifiedOn: '2027-02-15' },
      otherCookie,
    );
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect((await get(`/api/audits/${auditId}/action-plan.pdf`, otherCookie)).statusCode).toBe(200);
    const fromA = await get(`/api/audits/${auditId}/action-plan.pdf`);
    expect(fromA.statusCode).toBe(404);
    expect(fromA.body).not.toContain('Constat de l’autre organisme');
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/audits/${auditId}/action-plan.pdf` });
    expect(anonymous.statusCode).toBe(401);
  });
});
