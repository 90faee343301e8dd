import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { type MailCommand, mailDecider } from './decider';
import type { MailEvent } from './events';

const spec = deciderSpec(mailDecider);

const queued: MailEvent = {
  type: 'MailQueued',
  data: { messageId: 'm1', to: 'a@example.fr', template: 'password_reset', locale: 'fr' },
};
const queue: MailCommand = {
  type: 'QueueMail',
  data: queued.data as Extract<MailCommand, { type: 'QueueMail' }>['data'],
};
const sentData = {
  messageId: 'm1',
  attempt: 1,
  headerMessageId: '<m1@example.fr>',
  response: '250 Ok',
  outbox: 'smtp' as const,
};
const deferredData = {
  messageId: 'm1',
  attempt: 1,
  error: '451',
  responseCode: 451,
  retryAt: '2026-11-20T08:01:00Z',
};

describe('mail decider', () => {
  it('queues a message on a new stream', () => {
    spec.given([]).when(queue).thenEmits([queued]);
  });

  it('queues nothing when the message was queued already (same key, same message)', () => {
    spec.given([queued]).when(queue).thenNothing();
  });

  it('records the sending of a due message', () => {
    spec
      .given([queued])
      .when({ type: 'RecordSent', data: sentData })
      .thenEmits([{ type: 'MailSent', data: sentData }]);
  });

  it('records an outcome once: a reactor that restarts after recording it records nothing more', () => {
    const sent: MailEvent = { type: 'MailSent', data: sentData };
    spec
      .given([queued, sent])
      .when({ type: 'RecordSent', data: { ...sentData, attempt: 2 } })
      .thenNothing();
    spec
      .given([queued, sent])
      .when({ type: 'RecordRefused', data: { messageId: 'm1', attempt: 2, error: '550', responseCode: 550 } })
      .thenNothing();
  });

  it('records a deferral once per attempt', () => {
    const deferred: MailEvent = { type: 'MailDeferred', data: deferredData };
    spec.given([queued, deferred]).when({ type: 'RecordDeferred', data: deferredData }).thenNothing();
    spec
      .given([queued, deferred])
      .when({ type: 'RecordDeferred', data: { ...deferredData, attempt: 2 } })
      .thenMatches([{ type: 'MailDeferred', data: { attempt: 2 } }]);
  });

  it('refuses an outcome for a message that was never queued', () => {
    spec.given([]).when({ type: 'RecordSent', data: sentData }).thenRejects('mail_not_found', 404);
  });
});
