import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignsToSweep } from '../projections/campaigns/queries';
import type { EvidenceTables } from '../projections/evidence/tables';
import { campaignDecider } from '../services/campaign/decider';
import { campaignStream } from '../services/campaign/events';
import {
  CAMPAIGN_LINK_KEY_PURPOSE,
  campaignLinkToken,
  verifyCampaignLinkToken,
} from '../services/campaign/links';
import { createCampaignReactor } from '../services/campaign/reactor';
import { execute } from '../services/db/database';
import type { EventStore } from '../services/eventstore/types';
import { fixedClock } from '../services/kernel/clock';
import { runCommand } from '../services/kernel/command';
import { mailStream } from '../services/mail/events';
import { graphql, PASSWORD, startTestApp, type TestApp } from './support/app';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './support/smtp';

const PUBLIC_URL = 'https://qualite.example.fr';
/** Paris is UTC+1 in March 2027 until the 28th: 9:00 in Paris is 08:00Z. */
const SEND_ON = '2027-03-10';
const NINE_PARIS = new Date('2027-03-10T08:00:00Z');
const DAY = 86_400_000;

type Org = { organisationId: string; cookie: string; email: string };

describe('campaign mail: invitations and reminders by the campaign reactor, through a real SMTP server', () => {
  const clock = fixedClock(new Date('2027-02-01T10:00:00Z'));
  const setClock = (at: Date) => clock.advance(at.getTime() - clock.now().getTime());
  let smtp: TestSmtpServer;
  let t: TestApp;
  let alpha: Org;
  let beta: Org;
  let gamma: Org;
  /** Alpha's campaign: ana answers, bob opts out, cyd is reminded, dan is erased before the sending day. */
  let alphaCampaign: string;
  let betaCampaign: string;
  let gammaCampaign: string;
  const ids: Record<string, string> = {};

  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
  const settled = async () => {
    expect(await t.runner.waitForPosition(await t.lastPosition(), 30_000)).toBe(true);
  };
  const eventsOf = (campaignId: string) => t.store.readStream(campaignStream(campaignId));
  const queuedOf = async (campaignId: string) =>
    (await eventsOf(campaignId)).filter((event) => event.type === 'CampaignMessageQueued');
  const mailsTo = async (address: string, count = 1): Promise<ReceivedMail[]> => {
    const of = () => smtp.accepted.filter((mail) => mail.to.includes(address));
    await expect.poll(() => of().length, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(count);
    return of();
  };
  const linkKey = () => t.vault.derivedKey(CAMPAIGN_LINK_KEY_PURPOSE);
  const tokenIn = (mail: ReceivedMail) => {
    const match = /https:\/\/qualite\.example\.fr\/a\/(p\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\n/.exec(mail.text);
    expect(match, mail.text).not.toBeNull();
    return match![1]!;
  };
  const optOut = (token: string) =>
    t.app.inject({ method: 'POST', url: `/api/public/answers/${token}/opt-out`, payload: {} });

  /** A session, a questionnaire and a campaign sending on `sendOn`, with these people; answers the campaign's id. */
  const campaignWith = async (org: Org, sendOn: string, people: { key: string; firstName: string }[]) => {
    const action = await post('/api/training-actions', { title: 'Excel', category: 'training' }, org.cookie);
    const session = await post(
      `/api/training-actions/${action.json().id}/sessions`,
      { title: 'Mars', startsOn: '2027-03-01', endsOn: '2027-03-05', site: 'Lyon' },
      org.cookie,
    );
    const questionnaire = await post(
      '/api/questionnaires',
      { fromTemplate: 'learner_end_of_session' },
      org.cookie,
    );
    await settled();
    const planned = await post(
      '/api/campaigns',
      {
        questionnaireId: questionnaire.json().id,
        audience: 'learner',
        target: { sessionId: session.json().id },
        send: { anchor: 'date', date: sendOn },
        reminders: 1,
        reminderGapDays: 3,
        openDays: 10,
        anonymous: true,
      },
      org.cookie,
    );
    expect(planned.statusCode, planned.body).toBe(201);
    const campaignId = planned.json().id as string;
    const added = await post(
      `/api/campaigns/${campaignId}/respondents`,
      {
        respondents: people.map(({ key, firstName }) => ({
          email: `${key}@example.fr`,
          firstName,
          lastName: key.toUpperCase(),
        })),
      },
      org.cookie,
    );
    expect(added.statusCode, added.body).toBe(200);
    for (const event of await eventsOf(campaignId)) {
      if (event.type === 'CampaignRespondentAdded') {
        const data = event.data as { email: string; respondentId: string };
        ids[data.email.split('@')[0]!] = data.respondentId;
      }
    }
    return campaignId;
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      clock,
      env: {
        SMTP_URL: smtp.url,
        PUBLIC_URL,
        MAIL_RETRY_BASE_MS: '200',
        CAMPAIGN_SWEEP_MINUTES: '0',
        RETENTION_SWEEP_MINUTES: '0',
      },
    });
    alpha = await t.organisation('Formations Alpha');
    beta = await t.organisation('Formations Beta');
    gamma = await t.organisation('Formations Gamma');
    alphaCampaign = await campaignWith(alpha, SEND_ON, [
      { key: 'ana', firstName: 'Ana' },
      { key: 'bob', firstName: 'Bob' },
      { key: 'cyd', firstName: 'Cyd' },
      { key: 'dan', firstName: 'Dan' },
    ]);
    betaCampaign = await campaignWith(beta, SEND_ON, [{ key: 'eve', firstName: 'Ève' }]);
    gammaCampaign = await campaignWith(gamma, '2027-03-25', [
      { key: 'gil', firstName: 'Gil' },
      { key: 'hal', firstName: 'Hal' },
    ]);
    const erased = await post(
      `/api/privacy/subjects/respondent:${ids.dan}/erase`,
      { reason: 'subject_request' },
      alpha.cookie,
    );
    expect(erased.statusCode, erased.body).toBe(200);
    await settled();
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  it('sends nothing before 9:00 Paris time on the sending day', async () => {
    setClock(new Date(NINE_PARIS.getTime() - 1000));
    expect(await t.campaignReactor.sweep()).toEqual({ queued: 0, closed: [], failed: [] });
    expect(await queuedOf(alphaCampaign)).toEqual([]);
  });

  it('invites each respondent at 9:00 with their personal link and an opt-out link; an erased one gets nothing', async () => {
    setClock(NINE_PARIS);
    const swept = await t.campaignReactor.sweep();
    expect(swept).toMatchObject({ queued: 4, failed: [] });

    for (const key of ['ana', 'bob', 'cyd']) {
      const [mail] = await mailsTo(`${key}@example.fr`);
      expect(mail!.subject).toBe('Votre avis compte — Formations Alpha');
      expect(mail!.text).toContain(`Bonjour ${key[0]!.toUpperCase()}${key.slice(1)},`);
      expect(mail!.text).toContain('la formation « Excel » (session « Mars »)');
      expect(mail!.text).toContain('jusqu’au 20 mars 2027 inclus');
      expect(mail!.text).toContain('Vos réponses sont anonymes');
      const token = tokenIn(mail!);
      // The link is the respondent's own: the server reads it back to them, and nobody else.
      expect(verifyCampaignLinkToken(linkKey(), token)).toEqual({ kind: 'personal', id: ids[key] });
      expect(mail!.text).toContain(`${PUBLIC_URL}/a/${token}/opt-out`);
    }
    const [eve] = await mailsTo('eve@example.fr');
    expect(eve!.subject).toBe('Votre avis compte — Formations Beta');

    const queued = await queuedOf(alphaCampaign);
    expect(queued.map((event) => (event.data as { respondentId: string }).respondentId).sort()).toEqual(
      [ids.ana, ids.bob, ids.cyd].sort(),
    );
    expect(queued[0]).toMatchObject({
      data: { reminder: 0, audience: 'learner', targetLabel: 'Mars' },
      metadata: { actor: { type: 'system' } },
    });
    expect(smtp.accepted.some((mail) => mail.to.includes('dan@example.fr'))).toBe(false);

    // Evidence for indicator 30: one solicitation per invitation.
    await settled();
    const evidence = await t.database.db
      .withTables<EvidenceTables>()
      .selectFrom('evidence_items')
      .select(['kind', 'title'])
      .where('organisation_id', '=', alpha.organisationId)
      .where('source_id', '=', alphaCampaign)
      .execute();
    expect(evidence).toHaveLength(3);
    expect(evidence[0]).toEqual({
      kind: 'solicitation',
      title: 'Invitation à donner son avis envoyée : apprenants — Mars',
    });

    // The same time again: everything due is recorded, nothing goes twice.
    expect(await t.campaignReactor.sweep()).toEqual({ queued: 0, closed: [], failed: [] });

    // The campaign's page: who was written to and when, and the next sending (the reminders' day).
    const seen = await graphql(
      t.app,
      await t.login(alpha.email, PASSWORD),
      'query ($id: ID!) { campaign(id: $id) { nextSendOn respondents { lastName messages lastMessageAt } } }',
      { id: alphaCampaign },
      await t.lastPosition(),
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.campaign).toEqual({
      nextSendOn: '2027-03-13',
      respondents: expect.arrayContaining([
        { lastName: 'CYD', messages: 1, lastMessageAt: NINE_PARIS.toISOString() },
        { lastName: '[effacé]', messages: 0, lastMessageAt: null },
      ]),
    });
  });

  it('opts a respondent out by their link, once however often asked; a forged or foreign token is a missing link', async () => {
    const [bobMail] = await mailsTo('bob@example.fr');
    const token = tokenIn(bobMail!);
    const first = await optOut(token);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ optedOut: true, organisationName: 'Formations Alpha' });
    expect((await optOut(token)).json()).toEqual(first.json());
    const optedOut = (await eventsOf(alphaCampaign)).filter(
      (event) => event.type === 'CampaignRespondentOptedOut',
    );
    expect(optedOut).toHaveLength(1);
    expect(optedOut[0]!.metadata.actor).toEqual({ type: 'public' });

    const before = await t.lastPosition();
    const [, , bobSecret] = token.split('.');
    const [, eveSelector] = campaignLinkToken(linkKey(), 'personal', ids.eve!).split('.');
    const forged = await optOut(`p.${eveSelector}.${bobSecret}`);
    const missing = await optOut(campaignLinkToken(Buffer.alloc(32, 1), 'personal', ids.eve!));
    const shared = await optOut(campaignLinkToken(linkKey(), 'shared', ids.cyd!));
    for (const response of [forged, missing, shared, await optOut('not-a-token')]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(missing.json());
    }
    expect(missing.json().code).toBe('answer_link_not_found');
    expect(await t.lastPosition()).toBe(before);
    expect(
      (await eventsOf(betaCampaign)).filter((event) => event.type === 'CampaignRespondentOptedOut'),
    ).toEqual([]);

    // Another organisation's campaign reads as a missing one, next sending included.
    const foreign = await graphql(
      t.app,
      await t.login(beta.email, PASSWORD),
      'query ($id: ID!) { campaign(id: $id) { nextSendOn } }',
      { id: alphaCampaign },
    );
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data).toEqual({ campaign: null });
  });

  it('reminds once, after the gap, only those who neither answered nor opted out', async () => {
    await runCommand(
      { store: t.store, clock, organisationId: alpha.organisationId, actor: { type: 'public' } },
      campaignDecider,
      campaignStream(alphaCampaign),
      { type: 'RecordAnswer', respondentId: ids.ana!, retryTag: 'ana-answer' },
    );
    await settled();
    setClock(new Date(NINE_PARIS.getTime() + 3 * DAY - 1000));
    expect((await t.campaignReactor.sweep()).queued).toBe(0);

    setClock(new Date(NINE_PARIS.getTime() + 3 * DAY));
    expect(await t.campaignReactor.sweep()).toMatchObject({ queued: 2, failed: [] });
    const cyd = await mailsTo('cyd@example.fr', 2);
    expect(cyd[1]!.subject).toBe('Rappel : votre avis compte — Formations Alpha');
    expect(tokenIn(cyd[1]!)).toBe(tokenIn(cyd[0]!));
    await mailsTo('eve@example.fr', 2);
    const reminders = (await queuedOf(alphaCampaign)).filter(
      (event) => (event.data as { reminder: number }).reminder === 1,
    );
    expect(reminders.map((event) => (event.data as { respondentId: string }).respondentId)).toEqual([
      ids.cyd,
    ]);

    // One reminder was asked for: none after it.
    await settled();
    setClock(new Date(NINE_PARIS.getTime() + 7 * DAY));
    expect((await t.campaignReactor.sweep()).queued).toBe(0);
    expect(smtp.accepted.filter((mail) => mail.to.includes('ana@example.fr'))).toHaveLength(1);
    expect(smtp.accepted.filter((mail) => mail.to.includes('bob@example.fr'))).toHaveLength(1);
  });

  it('closes campaigns once their last day is over in Paris, as the system, and sends nothing more', async () => {
    // 23:59:59 on the 20th in Paris: still open.
    setClock(new Date('2027-03-20T22:59:59Z'));
    expect((await t.campaignReactor.sweep()).closed).toEqual([]);
    setClock(new Date('2027-03-20T23:00:00Z'));
    const swept = await t.campaignReactor.sweep();
    expect(swept.closed.sort()).toEqual([alphaCampaign, betaCampaign].sort());
    expect(swept.queued).toBe(0);
    const last = (await eventsOf(alphaCampaign)).at(-1)!;
    expect(last).toMatchObject({
      type: 'CampaignClosed',
      data: { reason: 'closing_date' },
      metadata: { actor: { type: 'system' } },
    });
    await settled();
    expect(await t.campaignReactor.sweep()).toEqual({ queued: 0, closed: [], failed: [] });
    // A closed campaign's respondent may still ask for no more messages.
    const [cydMail] = await mailsTo('cyd@example.fr');
    expect((await optOut(tokenIn(cydMail!))).statusCode).toBe(200);
  });

  it('sends exactly one message per respondent when recording fails after queueing, once swept again', async () => {
    let failures = 0;
    const crashing: EventStore = {
      ...t.store,
      async append(stream, events, options) {
        if (
          stream === campaignStream(gammaCampaign) &&
          failures === 0 &&
          events.some((event) => event.type === 'CampaignMessageQueued')
        ) {
          failures++;
          throw new Error('the process died before recording');
        }
        return t.store.append(stream, events, options);
      },
    };
    const crashed = createCampaignReactor({
      database: t.database,
      store: crashing,
      clock,
      config: { CAMPAIGN_SWEEP_MINUTES: 0 },
      mail: t.mail,
      vault: t.vault,
      publicUrl: PUBLIC_URL,
      findDue: async (now, limit, after) =>
        (await campaignsToSweep(t.database.db, now, limit, after)).filter(
          (campaign) => campaign.organisation_id === gamma.organisationId,
        ),
    });
    setClock(new Date('2027-03-25T08:00:00Z'));
    expect(await crashed.sweep()).toEqual({ queued: 0, closed: [], failed: [gammaCampaign] });
    expect(failures).toBe(1);
    expect(await queuedOf(gammaCampaign)).toEqual([]);

    // The restarted process sweeps again: the messages are queued under the same keys, so nothing new goes.
    expect(await t.campaignReactor.sweep()).toMatchObject({ queued: 2, failed: [] });
    const recorded = (await queuedOf(gammaCampaign)).map(
      (event) => event.data as { respondentId: string; messageId: string },
    );
    expect(recorded.map((data) => data.respondentId).sort()).toEqual([ids.gil, ids.hal].sort());
    for (const { messageId } of recorded) {
      await expect
        .poll(async () => (await t.store.readStream(mailStream(messageId))).map((event) => event.type), {
          timeout: 30_000,
          interval: 50,
        })
        .toContain('MailSent');
    }
    await mailsTo('gil@example.fr');
    await mailsTo('hal@example.fr');
    const gammaMail = await execute<{ stream_id: string }>(
      t.database.db,
      `SELECT stream_id FROM es_events WHERE type = 'MailQueued' AND metadata->>'organisationId' = $1`,
      [gamma.organisationId],
    );
    expect(gammaMail.map((row) => row.stream_id).sort()).toEqual(
      recorded.map((data) => mailStream(data.messageId)).sort(),
    );
    expect(smtp.accepted.filter((mail) => mail.to.includes('gil@example.fr'))).toHaveLength(1);
    expect(smtp.accepted.filter((mail) => mail.to.includes('hal@example.fr'))).toHaveLength(1);
  });
});
