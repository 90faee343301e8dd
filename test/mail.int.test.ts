import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../services/kernel/clock';
import { mailStream } from '../services/mail/events';
import type { MailRequest, MailTemplate } from '../services/mail/port';
import type { MailTables } from '../services/mail/tables';
import { graphql, startTestApp, type TestApp } from './support/app';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';

const invitation = (
  organisationId: string,
  overrides: Partial<MailRequest<'invitation'>> = {},
): MailRequest<'invitation'> => ({
  organisationId,
  to: 'claire.martin@example.fr',
  locale: 'fr',
  template: 'invitation',
  params: {
    inviterName: 'Léa <Dupont>',
    role: 'quality_manager',
    acceptUrl: 'https://app.example.fr/invitation?token=s3cr3t-t0ken&x=1',
    expiresAt: '2026-12-01T09:30:00.000Z',
  },
  actor: { type: 'user', id: organisationId },
  ...overrides,
});

const typesOf = async (t: TestApp, messageId: string) =>
  (await t.store.readStream(mailStream(messageId))).map((event) => event.type);

const parametersLeft = async (t: TestApp, messageId: string) =>
  (
    await t.database.db
      .withTables<MailTables>()
      .selectFrom('mail_parameters')
      .select('message_id')
      .where('message_id', '=', messageId)
      .execute()
  ).length;

/** Takes in what was queued and sends what is due now. */
const drain = async (t: TestApp) => {
  await t.runner.catchUp();
  await t.mailReactor.drain();
};

describe('outgoing mail through a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let organisationId: string;
  let cookie: string;
  const clock = fixedClock(new Date('2026-11-20T08:00:00Z'));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      runProjections: false,
      clock,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Formations Horizon <ne-pas-repondre@horizon.example.fr>',
        MAIL_MAX_ATTEMPTS: '3',
        MAIL_RETRY_BASE_MS: '60000',
        // The clock jumps by days here: the administrator's session must not end as idle meanwhile.
        SESSION_IDLE_MINUTES: String(30 * 24 * 60),
      },
    });
    ({ organisationId, cookie } = await t.organisation('Horizon & <Fils>'));
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.accepted.length = 0;
    smtp.answer(() => 'accept');
  });

  it('delivers a queued invitation: recipient, subject, text and escaped HTML, then records MailSent and erases the parameters', async () => {
    const { messageId } = await t.mail.queue(invitation(organisationId));
    expect(await typesOf(t, messageId)).toEqual(['MailQueued']);
    expect(await parametersLeft(t, messageId)).toBe(1);

    await drain(t);

    expect(smtp.accepted).toHaveLength(1);
    const [mail] = smtp.accepted;
    expect(mail!.to).toEqual(['claire.martin@example.fr']);
    expect(mail!.from).toBe('ne-pas-repondre@horizon.example.fr');
    expect(mail!.subject).toBe('Invitation à rejoindre Horizon & <Fils>');
    expect(mail!.messageId).toBe(`<${messageId}@horizon.example.fr>`);
    expect(mail!.text).toContain('Léa <Dupont> vous invite à rejoindre Horizon & <Fils>');
    expect(mail!.text).toContain('https://app.example.fr/invitation?token=s3cr3t-t0ken&x=1');
    expect(mail!.html).toContain('Léa &lt;Dupont&gt; vous invite à rejoindre Horizon &amp; &lt;Fils&gt;');
    expect(mail!.html).toContain('href="https://app.example.fr/invitation?token=s3cr3t-t0ken&amp;x=1"');
    expect(mail!.html).not.toContain('<Dupont>');

    const events = await t.store.readStream(mailStream(messageId));
    expect(events.map((event) => event.type)).toEqual(['MailQueued', 'MailSent']);
    expect(events[1]!.data).toMatchObject({ attempt: 1, outbox: 'smtp', headerMessageId: mail!.messageId });
    expect((events[1]!.data as { response: string }).response).toMatch(/^250 .*queued as T0/);
    expect(await parametersLeft(t, messageId)).toBe(0);
    // The secret link never entered the log.
    expect(JSON.stringify(events)).not.toContain('s3cr3t-t0ken');
  });

  it('records a 5xx refusal as refused, shows it to the administrator, and never tries again', async () => {
    smtp.answer(() => ({ code: 550, message: 'No such mailbox' }));
    const { messageId } = await t.mail.queue(invitation(organisationId, { to: 'nobody@example.fr' }));
    await drain(t);
    clock.advance(24 * 3600_000);
    await drain(t);

    expect(smtp.received).toHaveLength(1);
    expect(smtp.accepted).toHaveLength(0);
    const events = await t.store.readStream(mailStream(messageId));
    expect(events.map((event) => event.type)).toEqual(['MailQueued', 'MailRefused']);
    expect(events[1]!.data).toMatchObject({ attempt: 1, responseCode: 550 });
    expect((events[1]!.data as { error: string }).error).toContain('No such mailbox');
    expect(await parametersLeft(t, messageId)).toBe(0);

    await t.runner.catchUp();
    const listed = await graphql(
      t.app,
      cookie,
      '{ mailMessages(first: 10) { edges { node { id recipient status attempts lastError } } } }',
    );
    const nodes = (listed.data!.mailMessages as { edges: { node: { id: string } }[] }).edges.map(
      (edge) => edge.node,
    );
    expect(nodes.find((node) => node.id === messageId)).toEqual({
      id: messageId,
      recipient: 'nobody@example.fr',
      status: 'refused',
      attempts: 1,
      lastError: expect.stringContaining('550'),
    });
  });

  it('retries a 4xx after a pause that grows, then delivers the same message once', async () => {
    smtp.answer((_, index) => (index < 2 ? { code: 451, message: 'Try again later' } : 'accept'));
    const { messageId } = await t.mail.queue(invitation(organisationId, { locale: 'en' }));
    await drain(t);
    expect(await typesOf(t, messageId)).toEqual(['MailQueued', 'MailDeferred']);

    // Not due yet: nothing is sent before the pause is over.
    await drain(t);
    expect(smtp.received).toHaveLength(1);

    clock.advance(2 * 60_000);
    await drain(t);
    clock.advance(4 * 60_000);
    await drain(t);

    const events = await t.store.readStream(mailStream(messageId));
    expect(events.map((event) => event.type)).toEqual([
      'MailQueued',
      'MailDeferred',
      'MailDeferred',
      'MailSent',
    ]);
    const pauses = [events[1]!, events[2]!].map(
      (event) =>
        new Date((event.data as { retryAt: string }).retryAt).getTime() -
        new Date(event.metadata.occurredAt).getTime(),
    );
    expect(events[1]!.data).toMatchObject({ attempt: 1, responseCode: 451 });
    // 60 s then 120 s, each within ±20 % jitter.
    expect(pauses[0]).toBeGreaterThanOrEqual(48_000);
    expect(pauses[0]).toBeLessThanOrEqual(72_000);
    expect(pauses[1]).toBeGreaterThanOrEqual(96_000);
    expect(pauses[1]).toBeLessThanOrEqual(144_000);
    expect(smtp.accepted).toHaveLength(1);
    expect(smtp.accepted[0]!.subject).toBe('Invitation to join Horizon & <Fils>');
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(1);
  });

  it('gives up after MAIL_MAX_ATTEMPTS temporary failures and records it as failed', async () => {
    smtp.answer(() => ({ code: 421, message: 'Service not available' }));
    const { messageId } = await t.mail.queue(invitation(organisationId));
    for (let attempt = 0; attempt < 5; attempt++) {
      await drain(t);
      clock.advance(3600_000);
    }
    expect(smtp.received).toHaveLength(3);
    expect(await typesOf(t, messageId)).toEqual(['MailQueued', 'MailDeferred', 'MailDeferred', 'MailFailed']);
    expect(await parametersLeft(t, messageId)).toBe(0);
  });

  it('counts attempts cut short by a crash, so a message that kills the process gives up instead of looping', async () => {
    smtp.answer(() => ({ code: 451, message: 'Try again later' }));
    const { messageId } = await t.mail.queue(invitation(organisationId));
    await drain(t);
    // As a process leaves it when it dies during its third attempt (the second one died too).
    await t.database.db
      .withTables<MailTables>()
      .updateTable('mail_deliveries')
      .set({ attempts: 3, sending_since: clock.now() })
      .where('message_id', '=', messageId)
      .execute();
    await t.mailReactor.recoverInterrupted();
    await drain(t);

    expect(smtp.received).toHaveLength(1);
    const events = await t.store.readStream(mailStream(messageId));
    expect(events.map((event) => event.type)).toEqual(['MailQueued', 'MailDeferred', 'MailFailed']);
    expect(events[2]!.data).toMatchObject({
      attempt: 3,
      error: 'Attempts exhausted (the last one was interrupted)',
    });
    expect(await parametersLeft(t, messageId)).toBe(0);
  });

  it('treats a refused connection as temporary', async () => {
    const closed = await startSmtpServer();
    await closed.close();
    const other = await startTestApp({
      runProjections: false,
      clock,
      env: { SMTP_URL: closed.url, MAIL_FROM: 'ne-pas-repondre@horizon.example.fr' },
    });
    try {
      const { organisationId: own } = await other.organisation('Fermé');
      const { messageId } = await other.mail.queue(invitation(own));
      await drain(other);
      const events = await other.store.readStream(mailStream(messageId));
      expect(events.map((event) => event.type)).toEqual(['MailQueued', 'MailDeferred']);
      expect(events[1]!.data).toMatchObject({ attempt: 1, responseCode: null });
      expect((events[1]!.data as { error: string }).error).toMatch(/ECONNECTION|ECONNREFUSED/);
    } finally {
      await other.stop();
    }
  });

  it('erases, a week on, the parameters of a message that never reached the log, and only those', async () => {
    smtp.answer(() => ({ code: 451, message: 'Greylisted' }));
    const { messageId: deferred } = await t.mail.queue(invitation(organisationId));
    await drain(t);
    // What queue() leaves when the append fails after the parameters were kept.
    const orphan = crypto.randomUUID();
    await t.database.db
      .withTables<MailTables>()
      .insertInto('mail_parameters')
      .values({ message_id: orphan, organisation_id: organisationId, params: '{}', created_at: clock.now() })
      .execute();
    await t.mailReactor.sweepOrphans();
    expect(await parametersLeft(t, orphan)).toBe(1);

    clock.advance(8 * 24 * 3600_000);
    await t.mailReactor.sweepOrphans();
    expect(await parametersLeft(t, orphan)).toBe(0);
    expect(await parametersLeft(t, deferred)).toBe(1);
    smtp.answer(() => 'accept');
    await drain(t);
    expect(await typesOf(t, deferred)).toEqual(['MailQueued', 'MailDeferred', 'MailSent']);
  });

  it('queues one message for one idempotency key, however often it is asked', async () => {
    const request = invitation(organisationId, { idempotencyKey: 'invite-claire-1' });
    const first = await t.mail.queue(request);
    const again = await t.mail.queue({ ...request, to: 'someone.else@example.fr' });
    expect(again).toEqual(first);
    await drain(t);
    expect(await t.mail.queue(request)).toEqual(first);
    await drain(t);
    expect(smtp.accepted.map((mail) => mail.to)).toEqual([['claire.martin@example.fr']]);
    expect(await typesOf(t, first.messageId)).toEqual(['MailQueued', 'MailSent']);
  });

  it.each<[string, Partial<MailRequest<MailTemplate>>]>([
    ['a recipient that is not an address', { to: 'not an address' }],
    [
      'a link that is not a web address',
      { params: { ...invitation('x').params, acceptUrl: 'javascript:alert(1)' } },
    ],
    ['an unknown locale', { locale: 'de' as 'fr' }],
  ])('refuses %s with 400 invalid_mail_request and writes nothing', async (_, overrides) => {
    const before = await t.lastPosition();
    await expect(
      t.mail.queue({ ...invitation(organisationId), ...overrides } as MailRequest),
    ).rejects.toMatchObject({
      status: 400,
      code: 'invalid_mail_request',
    });
    expect(await t.lastPosition()).toBe(before);
  });
});

describe('outgoing mail with no SMTP server set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ runProjections: false });
  });
  afterAll(() => t?.stop());
  afterEach(async () => {
    await t.database.db.withTables<MailTables>().deleteFrom('mail_dev_outbox').execute();
  });

  it('keeps every message in the development outbox, link included, and records it as sent there', async () => {
    const { organisationId } = await t.organisation('Atelier Dev');
    const { messageId } = await t.mail.queue({
      organisationId,
      to: 'dev@example.fr',
      locale: 'fr',
      template: 'password_reset',
      params: { resetUrl: 'http://localhost:3000/reset?token=abc', expiresAt: '2026-12-01T09:30:00.000Z' },
      actor: { type: 'public' },
    });
    await drain(t);
    const kept = await t.database.db
      .withTables<MailTables>()
      .selectFrom('mail_dev_outbox')
      .selectAll()
      .where('message_id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ organisation_id: organisationId, recipient: 'dev@example.fr' });
    expect(kept.subject).toBe('Réinitialisation de votre mot de passe — Atelier Dev');
    expect(kept.text_body).toContain('http://localhost:3000/reset?token=abc');
    const events = await t.store.readStream(mailStream(messageId));
    expect(events.map((event) => event.type)).toEqual(['MailQueued', 'MailSent']);
    expect(events[1]!.data).toMatchObject({
      outbox: 'development',
      response: 'kept in the development outbox',
    });
  });
});
