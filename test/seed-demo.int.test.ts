import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from '../scripts/demo/seed';
import { parisDate } from '../services/kernel/paris-time';
import { addCalendarDays } from '../services/kernel/working-days';
import { graphql, startTestApp, type TestApp } from './support/app';

const DEMO = /* GraphQL */ `
  query Demo($from: Date!, $to: Date!) {
    trainingActions(first: 50) { edges { node { id } } }
    results { answerCount }
    questionnaires { id audience }
    campaigns { audience status answerCount invitedCount }
    partnerContacts(first: 50) { edges { node { id } } }
    resultsPublication { snapshots { id } lastPublishedOn }
    complaintCounters { total open overdue }
    complaints(first: 50) { edges { node { status } } }
    incidentCounts { total open resolved }
    incidents(first: 50) { edges { node { category } } }
    improvementPlanCounters { planned inProgress done closed cancelled toSchedule total }
    watchNotes { theme notExploited communications archived analysedOn }
    disabilityNetwork { partners { name } referent { __typename } meetings { __typename } }
    audits { kind status nonConformities { indicator open } }
    certificationCycle { issuedOn }
    evidenceSummary(from: $from, to: $to) { indicator count }
  }
`;

type Data = {
  trainingActions: { edges: unknown[] };
  results: { answerCount: number };
  questionnaires: { audience: string }[];
  campaigns: { audience: string; status: string; answerCount: number; invitedCount: number }[];
  partnerContacts: { edges: unknown[] };
  resultsPublication: { snapshots: unknown[]; lastPublishedOn: string | null };
  complaintCounters: { total: number; open: number; overdue: number };
  complaints: { edges: { node: { status: string } }[] };
  incidentCounts: { total: number; open: number; resolved: number };
  incidents: { edges: { node: { category: string } }[] };
  improvementPlanCounters: Record<string, number>;
  watchNotes: {
    theme: string;
    notExploited: boolean;
    communications: number;
    archived: boolean;
    analysedOn: string | null;
  }[];
  disabilityNetwork: { partners: unknown[]; referent: unknown; meetings: unknown[] };
  audits: { kind: string; status: string; nonConformities: { indicator: number; open: boolean }[] }[];
  certificationCycle: { issuedOn: string } | null;
  evidenceSummary: { indicator: number; count: number }[];
};

describe('the demo organisation', () => {
  let t: TestApp;
  let data: Data;

  beforeAll(async () => {
    t = await startTestApp();
    const seeded = await seedDemo({ db: t.database.db, store: t.store });
    if (!seeded.created) throw new Error('the demo organisation was not created');
    expect(await t.runner.waitForPosition(seeded.position, 300_000)).toBe(true);
    const cookie = await t.login(DEMO_EMAIL, DEMO_PASSWORD);
    const today = parisDate(new Date());
    const answer = await graphql(t.app, cookie, DEMO, { from: addCalendarDays(today, -365), to: today });
    expect(answer.errors).toBeUndefined();
    data = answer.data as Data;
    // A year of an organisation's life, seeded and projected: minutes on a shared, busy machine.
  }, 600_000);
  afterAll(() => t?.stop());

  it('shows a year of training and learners’ views', () => {
    expect(data.trainingActions.edges.length).toBeGreaterThan(0);
    expect(data.results.answerCount).toBeGreaterThan(0);
  });

  it('solicited funders, companies and the teaching team, and logged contacts with partners', () => {
    expect(new Set(data.questionnaires.map((q) => q.audience))).toEqual(
      new Set(['funder', 'company', 'trainer']),
    );
    expect(new Set(data.campaigns.map((c) => c.audience))).toEqual(new Set(['funder', 'company', 'trainer']));
    expect(data.campaigns.every((c) => c.status === 'closed' && c.invitedCount > 0)).toBe(true);
    expect(data.campaigns.reduce((sum, c) => sum + c.answerCount, 0)).toBeGreaterThan(0);
    expect(data.partnerContacts.edges.length).toBeGreaterThan(0);
  });

  it('published its results', () => {
    expect(data.resultsPublication.snapshots.length).toBeGreaterThan(0);
    expect(data.resultsPublication.lastPublishedOn).not.toBeNull();
  });

  it('handled complaints through their life, one of them overdue', () => {
    expect(data.complaintCounters.total).toBeGreaterThan(0);
    expect(data.complaintCounters.overdue).toBeGreaterThanOrEqual(1);
    const statuses = data.complaints.edges.map((edge) => edge.node.status);
    expect(statuses).toContain('closed');
    expect(statuses).toContain('received');
  });

  it('recorded difficulties and disruptions, a learner at risk and a disability accommodation among them', () => {
    expect(data.incidentCounts.resolved).toBeGreaterThan(0);
    expect(data.incidentCounts.open).toBeGreaterThan(0);
    const categories = data.incidents.edges.map((edge) => edge.node.category);
    expect(categories).toEqual(expect.arrayContaining(['dropout_risk', 'disability_accommodation']));
  });

  it('keeps improvement actions in every status', () => {
    const counters = data.improvementPlanCounters;
    for (const status of ['planned', 'inProgress', 'done', 'closed', 'cancelled']) {
      expect(counters[status], status).toBeGreaterThan(0);
    }
  });

  it('keeps watch notes on every theme, analysed and passed on, one left unexploited', () => {
    expect(new Set(data.watchNotes.map((note) => note.theme))).toEqual(
      new Set(['legal_regulatory', 'skills_jobs', 'innovation', 'disability']),
    );
    expect(data.watchNotes.filter((note) => note.notExploited)).toHaveLength(1);
    expect(data.watchNotes.some((note) => note.analysedOn && note.communications > 0)).toBe(true);
  });

  it('has a disability network with partners, a referent and meetings', () => {
    expect(data.disabilityNetwork.partners.length).toBeGreaterThan(0);
    expect(data.disabilityNetwork.referent).not.toBeNull();
    expect(data.disabilityNetwork.meetings.length).toBeGreaterThan(0);
  });

  it('follows its certification cycle: the initial audit held with non-conformities, the surveillance planned', () => {
    expect(data.certificationCycle).not.toBeNull();
    const initial = data.audits.find((audit) => audit.kind === 'initial');
    expect(initial?.status).toBe('report_received');
    expect(initial?.nonConformities.map((nc) => nc.open).sort()).toEqual([false, true]);
    expect(data.audits.find((audit) => audit.kind === 'surveillance')?.status).toBe('planned');
  });

  it('has evidence over the last twelve months on indicators 1, 2, 23 to 26 and 30 to 32', () => {
    const counts = new Map(data.evidenceSummary.map((row) => [row.indicator, row.count]));
    for (const indicator of [1, 2, 23, 24, 25, 26, 30, 31, 32]) {
      expect(counts.get(indicator) ?? 0, `indicator ${indicator}`).toBeGreaterThan(0);
    }
  });

  it('is seeded once: a second run writes nothing', async () => {
    expect(await seedDemo({ db: t.database.db, store: t.store })).toEqual({ created: false });
  });
});
