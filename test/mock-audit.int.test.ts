import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestApp, type TestApp } from './support/app';
import { colleague } from './support/team';

const MOCK_AUDIT = `query ($id: ID!) {
  mockAudit(id: $id) {
    id status scope majors minors observations
    indicators { number criterion majorOnly checkpoints { code group ticked } findings { id grade text withdrawn actionId } }
  }
}`;

describe('mock audit: walked in the auditor’s order, findings graded by the real rules, turned into actions', () => {
  let t: TestApp;
  let cookie: string;
  let admin: Awaited<ReturnType<TestApp['organisation']>>;
  const post = (url: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  const read = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await graphql(t.app, cookie, query, variables, await t.lastPosition());
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const start = async (indicators?: number[]) => {
    const started = await post('/api/mock-audits', indicators ? { indicators } : {});
    expect(started.statusCode, started.body).toBe(201);
    return started.json().id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.organisation('Formations Audit Blanc');
    cookie = admin.cookie;
  });
  afterAll(() => t?.stop());

  it('walks the applicable indicators criterion by criterion, 30 with a checkpoint per stakeholder group', async () => {
    const id = await start();
    const audit = (await read(MOCK_AUDIT, { id })).mockAudit as {
      scope: number[];
      indicators: {
        number: number;
        criterion: number;
        checkpoints: { code: string; group: string | null }[];
      }[];
    };
    expect(audit.scope).toEqual(audit.indicators.map((indicator) => indicator.number));
    const criteria = audit.indicators.map((indicator) => indicator.criterion);
    expect(criteria).toEqual([...criteria].sort((a, b) => a - b));
    const thirty = audit.indicators.find((indicator) => indicator.number === 30)!;
    const groups = new Set(thirty.checkpoints.map((point) => point.group).filter(Boolean));
    expect([...groups]).toEqual(['learners', 'trainers', 'funders', 'companies']);
  });

  it('records a major on 31, refuses a minor there with minor_on_major_only_indicator and writes nothing', async () => {
    const id = await start([30, 31, 32]);
    const before = await t.lastPosition();
    const minor = await post(`/api/mock-audits/${id}/findings`, {
      indicator: 31,
      grade: 'minor',
      text: 'Pas d’accusé de réception',
    });
    expect(minor.statusCode).toBe(400);
    expect(minor.json().code).toBe('minor_on_major_only_indicator');
    expect(await t.lastPosition()).toBe(before);
    const major = await post(`/api/mock-audits/${id}/findings`, {
      indicator: 31,
      grade: 'major',
      text: 'Aucun accusé de réception envoyé aux réclamants',
    });
    expect(major.statusCode, major.body).toBe(201);
    const minorOn30 = await post(`/api/mock-audits/${id}/findings`, {
      indicator: 30,
      grade: 'minor',
      text: 'Financeurs jamais relancés',
    });
    expect(minorOn30.statusCode, minorOn30.body).toBe(201);
    const audit = (await read(MOCK_AUDIT, { id })).mockAudit as { majors: number; minors: number };
    expect(audit).toMatchObject({ majors: 1, minors: 1 });
  });

  it('refuses bad input, an indicator outside the scope and an unknown checkpoint with their codes, writing nothing', async () => {
    const id = await start([31]);
    const before = await t.lastPosition();
    const cases: [string, object, string][] = [
      ['findings', { indicator: 31, grade: 'fatal', text: 'x' }, 'validation_failed'],
      ['findings', { indicator: 31, grade: 'major', text: '   ' }, 'validation_failed'],
      ['findings', { indicator: 12, grade: 'minor', text: 'x' }, 'indicator_outside_scope'],
      ['checkpoints', { indicator: 31, checkpoint: 'nothing', ticked: true }, 'unknown_checkpoint'],
      ['checkpoints', { indicator: 30, checkpoint: 'analysis', ticked: true }, 'indicator_outside_scope'],
    ];
    for (const [path, payload, code] of cases) {
      const refused = await post(`/api/mock-audits/${id}/${path}`, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().code, JSON.stringify(payload)).toBe(code);
    }
    const notApplicable = await post('/api/mock-audits', { indicators: [31, 77] });
    expect(notApplicable.statusCode).toBe(400);
    expect(notApplicable.json().code).toBe('indicator_not_applicable');
    expect(await t.lastPosition()).toBe(before);
  });

  it('turns a finding into one improvement action: 201 then 200 with the same action id', async () => {
    const id = await start([31, 32]);
    const finding = await post(`/api/mock-audits/${id}/findings`, {
      indicator: 31,
      grade: 'major',
      text: 'Registre des réclamations incomplet',
    });
    const findingId = finding.json().id as string;
    const first = await post(`/api/mock-audits/${id}/findings/${findingId}/action`);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(`/api/mock-audits/${id}/findings/${findingId}/action`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    await t.actionReactor.pickUpThrough(first.json().position);
    const actionId = first.json().id as string;
    const action = await read(
      'query ($id: ID!) { improvementAction(id: $id) { title type origins { type id indicator } } }',
      { id: actionId },
    );
    expect(action.improvementAction).toEqual({
      title: 'Audit à blanc, indicateur 31 : Registre des réclamations incomplet',
      type: 'corrective',
      origins: [{ type: 'mock_audit_finding', id: findingId, indicator: 31 }],
    });
    const linked = await read(
      'query ($id: ID!) { actionsByOrigin(type: mock_audit_finding, id: $id) { id } }',
      { id: findingId },
    );
    expect(linked.actionsByOrigin).toEqual([{ id: actionId }]);
    const audit = (await read(MOCK_AUDIT, { id })).mockAudit as {
      indicators: { findings: { actionId: string | null }[] }[];
    };
    expect(audit.indicators[0]!.findings[0]!.actionId).toBe(actionId);
  });

  it('refuses a withdrawn finding’s action and any finding after completion (409); only the completion is evidence, on 32', async () => {
    const id = await start([31, 32]);
    const finding = await post(`/api/mock-audits/${id}/findings`, {
      indicator: 32,
      grade: 'major',
      text: 'Efficacité jamais vérifiée',
    });
    const findingId = finding.json().id as string;
    expect((await post(`/api/mock-audits/${id}/findings/${findingId}/withdraw`)).statusCode).toBe(200);
    const withdrawn = await post(`/api/mock-audits/${id}/findings/${findingId}/action`);
    expect(withdrawn.statusCode).toBe(409);
    expect(withdrawn.json().code).toBe('finding_withdrawn');
    const evidenceOf = async (indicator: number) =>
      (
        (
          await read('query ($i: Int!) { indicatorEvidence(indicator: $i) { byKind { kind items } } }', {
            i: indicator,
          })
        ).indicatorEvidence as { byKind: { kind: string; items: number }[] }
      ).byKind.find((row) => row.kind === 'mock_audit')?.items ?? 0;
    const before32 = await evidenceOf(32);
    const completed = await post(`/api/mock-audits/${id}/complete`);
    expect(completed.statusCode, completed.body).toBe(200);
    const late = await post(`/api/mock-audits/${id}/findings`, { indicator: 31, grade: 'major', text: 'x' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('mock_audit_completed');
    expect(await evidenceOf(32)).toBe(before32 + 1);
    expect(await evidenceOf(31)).toBe(0);
    const list = (await read('{ mockAudits { id status } }')).mockAudits as { id: string; status: string }[];
    expect(list.find((row) => row.id === id)?.status).toBe('completed');
  });

  it('erases a finding’s text with its author, keeping its grade', async () => {
    const manager = await colleague(t, admin, 'quality_manager', 'Claire Qualité');
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/mock-audits',
      payload: { indicators: [31] },
      headers: { cookie: manager.cookie },
    });
    const id = started.json().id as string;
    const finding = await t.app.inject({
      method: 'POST',
      url: `/api/mock-audits/${id}/findings`,
      payload: { indicator: 31, grade: 'major', text: 'Écrit par Claire' },
      headers: { cookie: manager.cookie },
    });
    expect(finding.statusCode, finding.body).toBe(201);
    const erased = await post(`/api/privacy/subjects/user:${manager.userId}/erase`, {
      reason: 'subject_request',
    });
    expect(erased.statusCode, erased.body).toBe(200);
    const audit = (await read(MOCK_AUDIT, { id })).mockAudit as {
      indicators: { findings: { grade: string; text: string }[] }[];
    };
    expect(audit.indicators[0]!.findings).toMatchObject([{ grade: 'major', text: '[effacé]' }]);
  });
});
