import { describe, expect, it } from 'vitest';
import { twoTenants } from './support/tenants';

describe('feedback: a user of organisation A never reaches organisation B’s links, answers and evidence', () => {
  const fixture = twoTenants();

  it('reads only its own answers, evidence and figures', async () => {
    const { a, b, read } = fixture;
    const result = await read(
      a.cookie,
      `{ trainingActions(first: 100) { edges { node { sessions { responses { comment } feedbackLinks { id } } } } }
         evidenceTimeline(indicator: 30, first: 100) { totalCount edges { node { title summary sourceId } } }
         evidenceSummary { indicator count }
         dashboard { feedbackCount } }`,
    );
    expect(result.errors).toBeUndefined();
    const text = JSON.stringify(result.data);
    expect(text).toContain(a.secret);
    expect(text).not.toContain(b.secret);
    expect(text).not.toContain(b.data.sessionId);
    expect(text).not.toContain(b.data.linkId);
    expect(result.data?.dashboard).toEqual({ feedbackCount: 1 });
  });

  it('cannot open a feedback link on B’s session nor close B’s link, and nothing is written', async () => {
    const { a, b, post, t } = fixture;
    const before = await t.lastPosition();
    const open = await post(a.cookie, `/api/sessions/${b.data.sessionId}/feedback-links`);
    expect(open.statusCode).toBe(404);
    expect(open.json().code).toBe('session_not_found');
    const close = await post(a.cookie, `/api/feedback-links/${b.data.linkId}/close`);
    const closeMissing = await post(a.cookie, `/api/feedback-links/${crypto.randomUUID()}/close`);
    expect(close.statusCode).toBe(404);
    expect(close.json()).toEqual(closeMissing.json());
    expect(await t.lastPosition()).toBe(before);
  });

  it('can close its own link (the same command that failed on B’s link)', async () => {
    const { a, post } = fixture;
    expect((await post(a.cookie, `/api/feedback-links/${a.data.linkId}/close`)).statusCode).toBe(200);
  });

  it('does not let an auditor open a link', async () => {
    const { a, post } = fixture;
    const cookie = await fixture.auditorOf(a.organisationId);
    expect((await post(cookie, `/api/sessions/${a.data.sessionId}/feedback-links`)).statusCode).toBe(403);
  });
});
