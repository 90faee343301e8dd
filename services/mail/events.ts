import type { EvidenceDeclarations } from '../kernel/evidence';
import { type PersonalDataDeclarations, subjectId } from '../privacy/declarations';
import type { MailLocale, MailTemplate } from './port';

/** A message to send: who to, which template, in which language. Its parameters stay outside the log. */
export type MailQueued = {
  type: 'MailQueued';
  data: { messageId: string; to: string; template: MailTemplate; locale: MailLocale };
};
/** The mail server accepted the message (or, with no server set, the development outbox kept it). */
export type MailSent = {
  type: 'MailSent';
  data: {
    messageId: string;
    attempt: number;
    /** The Message-ID header, the same at every attempt. */
    headerMessageId: string;
    /** The server's last reply, e.g. `250 2.0.0 Ok: queued as 4F2A1`. */
    response: string;
    outbox: 'smtp' | 'development';
  };
};
/** A temporary failure (4xx, connection refused, timeout): it is tried again after `retryAt`. */
export type MailDeferred = {
  type: 'MailDeferred';
  data: { messageId: string; attempt: number; error: string; responseCode: number | null; retryAt: string };
};
/** A permanent refusal (5xx): never tried again. */
export type MailRefused = {
  type: 'MailRefused';
  data: { messageId: string; attempt: number; error: string; responseCode: number | null };
};
/** Given up: the attempts ran out on temporary failures, or the message could not be built. */
export type MailFailed = {
  type: 'MailFailed';
  data: { messageId: string; attempt: number; error: string };
};

export type MailEvent = MailQueued | MailSent | MailDeferred | MailRefused | MailFailed;
export const mailEventTypes = [
  'MailQueued',
  'MailSent',
  'MailDeferred',
  'MailRefused',
  'MailFailed',
] as const satisfies MailEvent['type'][];

export const mailStream = (messageId: string) => `mail-${messageId}`;

/** Sending a message is how other facts reach people, not evidence of an indicator by itself. */
export const mailEvidence: EvidenceDeclarations<MailEvent> = {};

/**
 * A message's recipient is a person's address, and a server's reply may repeat it (`550 <jean@…>: unknown`): both
 * are sealed with the message as their subject (`contact:<messageId>`), so one message's traces can be erased.
 */
const recipient = (data: { messageId: string }) => subjectId('contact', data.messageId);
export const mailPersonalData: PersonalDataDeclarations<MailEvent> = {
  MailQueued: [{ field: 'to', subject: recipient, email: true }],
  MailSent: [{ field: 'response', subject: recipient }],
  MailDeferred: [{ field: 'error', subject: recipient }],
  MailRefused: [{ field: 'error', subject: recipient }],
  MailFailed: [{ field: 'error', subject: recipient }],
};
