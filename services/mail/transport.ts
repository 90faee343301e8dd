import nodemailer from 'nodemailer';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { MailTables } from './tables';

/** One rendered message, ready to leave. */
export interface OutgoingMail {
  messageId: string;
  organisationId: string;
  from: string;
  to: string;
  /** The Message-ID header: the same at every attempt, so a receiver can tell a repeat from a new message. */
  headerMessageId: string;
  subject: string;
  text: string;
  html: string;
}

export type SendOutcome =
  | { ok: true; response: string }
  | { ok: false; permanent: boolean; error: string; responseCode: number | null };

/** Where messages go: a real mail server, or the development outbox when none is set. */
export interface MailTransport {
  readonly kind: 'smtp' | 'development';
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close(): void;
}

const clip = (value: string, max = 500) => (value.length > max ? `${value.slice(0, max)}…` : value);

/** True when a mail server is configured; otherwise messages go to the development outbox. */
export const smtpConfigured = (config: Config) => Boolean(config.SMTP_URL || config.SMTP_HOST);

/**
 * A refusal is permanent only when the server answered 5xx to the message itself. Connection failures,
 * timeouts and 4xx replies are temporary; so is a refused sign-in (EAUTH), which is the configuration's fault,
 * not the message's: the message waits for the configuration to be fixed instead of being dropped.
 */
export const classifySmtpError = (error: unknown): Extract<SendOutcome, { ok: false }> => {
  const details = (typeof error === 'object' && error !== null ? error : {}) as {
    responseCode?: unknown;
    code?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : null;
  const code = typeof details.code === 'string' ? details.code : undefined;
  const text =
    typeof details.response === 'string'
      ? details.response
      : typeof details.message === 'string'
        ? details.message
        : String(error);
  const permanent = responseCode !== null && responseCode >= 500 && responseCode < 600 && code !== 'EAUTH';
  return { ok: false, permanent, error: clip(code ? `${code}: ${text}` : text), responseCode };
};

const smtpTransport = (config: Config): MailTransport => {
  const transporter = nodemailer.createTransport({
    ...(config.SMTP_URL
      ? { url: config.SMTP_URL }
      : {
          host: config.SMTP_HOST,
          port: config.SMTP_PORT ?? (config.SMTP_SECURE ? 465 : 587),
          secure: config.SMTP_SECURE,
          auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
        }),
    requireTLS: config.SMTP_REQUIRE_TLS,
    tls: { rejectUnauthorized: config.SMTP_TLS_REJECT_UNAUTHORIZED },
    connectionTimeout: config.SMTP_TIMEOUT_MS,
    greetingTimeout: config.SMTP_TIMEOUT_MS,
    socketTimeout: config.SMTP_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        const info = await transporter.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.headerMessageId,
        });
        if (info.rejected.length > 0) {
          return { ok: false, permanent: true, error: clip(`rejected ${info.response}`), responseCode: null };
        }
        return { ok: true, response: clip(info.response ?? '') };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close: () => transporter.close(),
  };
};

/** No mail server: each message is kept in a table for a developer to read (links included). */
const developmentOutbox = (db: Db): MailTransport => ({
  kind: 'development',
  async send(mail) {
    await db
      .withTables<MailTables>()
      .insertInto('mail_dev_outbox')
      .values({
        message_id: mail.messageId,
        organisation_id: mail.organisationId,
        recipient: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
      })
      .onConflict((conflict) => conflict.column('message_id').doNothing())
      .execute();
    return { ok: true, response: 'kept in the development outbox' };
  },
  close() {},
});

export const createMailTransport = (config: Config, db: Db): MailTransport =>
  smtpConfigured(config) ? smtpTransport(config) : developmentOutbox(db);
