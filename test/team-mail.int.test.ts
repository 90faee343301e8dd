import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from './support/app';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './support/smtp';
import { type Admin, cookieOf, nextAddress, signIn } from './support/team';

describe('team mail through a real SMTP server: invitations, password reset, sign-in notice', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: Admin;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://qualite.example.fr', MAIL_RETRY_BASE_MS: '200' },
    });
    admin = await t.organisation('Formations Courrier');
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  const post = (cookie: string | undefined, url: string, payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: cookie ? { cookie } : {},
      remoteAddress: nextAddress(),
    });

  /** The mails to this address received since `after`, once there are `count` of them. */
  const mailsTo = async (address: string, count = 1, after = 0): Promise<ReceivedMail[]> => {
    const of = () => smtp.accepted.slice(after).filter((mail) => mail.to.includes(address));
    await expect.poll(() => of().length, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(count);
    return of();
  };
  const tokenIn = (mail: ReceivedMail, page: string) => {
    const match = new RegExp(`https://qualite\\.example\\.fr/${page}\\?token=([A-Za-z0-9_-]+)`).exec(
      mail.text,
    );
    expect(match, mail.text).not.toBeNull();
    return match![1]!;
  };

  it('mails the invitation link; resending mails a new link and the earlier one stops working', async () => {
    const email = `invitee.${crypto.randomUUID()}@example.fr`;
    const invited = await post(admin.cookie, '/api/team/invitations', { email, role: 'quality_manager' });
    expect(invited.statusCode).toBe(201);
    const [first] = await mailsTo(email);
    expect(first!.text).toContain(`Admin Formations Courrier`);
    const firstToken = tokenIn(first!, 'invitation');

    const resent = await post(admin.cookie, `/api/team/invitations/${invited.json().id}/resend`);
    expect(resent.statusCode).toBe(200);
    const mails = await mailsTo(email, 2);
    const secondToken = tokenIn(mails[1]!, 'invitation');
    expect(secondToken).not.toBe(firstToken);

    const old = await post(undefined, '/api/auth/invitation/accept', {
      token: firstToken,
      name: 'Q',
      password: PASSWORD,
    });
    expect(old.statusCode).toBe(404);
    const accepted = await post(undefined, '/api/auth/invitation/accept', {
      token: secondToken,
      name: 'Quitterie Qualité',
      password: PASSWORD,
    });
    expect(accepted.statusCode).toBe(201);
    expect(cookieOf(accepted)).toMatch(/^sid=/);
  });

  it('mails a reset link to a known address only; the link works once', async () => {
    const unknown = `nobody.${crypto.randomUUID()}@example.fr`;
    const before = smtp.accepted.length;
    expect((await post(undefined, '/api/auth/password-reset', { email: unknown })).statusCode).toBe(202);
    expect((await post(undefined, '/api/auth/password-reset', { email: admin.email })).statusCode).toBe(202);
    const [mail] = await mailsTo(admin.email, 1, before);
    const token = tokenIn(mail!, 'reset-password');
    expect(smtp.accepted.slice(before).some((received) => received.to.includes(unknown))).toBe(false);

    const reset = await post(undefined, '/api/auth/password-reset/confirm', {
      token,
      password: 'the new passphrase',
    });
    expect(reset.statusCode).toBe(200);
    const again = await post(undefined, '/api/auth/password-reset/confirm', {
      token,
      password: 'another passphrase',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('reset_link_invalid');
    expect((await signIn(t, admin.email, 'the new passphrase')).statusCode).toBe(200);
  });

  it('tells the account’s owner by mail when repeated failed sign-ins start to slow it down', async () => {
    const owner = await t.organisation('Formations Cible');
    const before = smtp.accepted.length;
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await signIn(t, owner.email, `wrong password ${attempt}`)).statusCode).toBe(401);
    }
    const [notice] = await mailsTo(owner.email, 1, before);
    expect(notice!.text).toContain('5 tentatives de connexion');
    expect(notice!.text).not.toContain('wrong password');
  });
});
