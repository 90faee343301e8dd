import type { Decider } from '../kernel/command';
import { notFound } from '../kernel/errors';
import type { MailDeferred, MailEvent, MailFailed, MailQueued, MailRefused, MailSent } from './events';

export type MailCommand =
  | { type: 'QueueMail'; data: MailQueued['data'] }
  | { type: 'RecordSent'; data: MailSent['data'] }
  | { type: 'RecordDeferred'; data: MailDeferred['data'] }
  | { type: 'RecordRefused'; data: MailRefused['data'] }
  | { type: 'RecordFailed'; data: MailFailed['data'] };

export type MailStatus = 'none' | 'due' | 'sent' | 'refused' | 'failed';

export interface MailState {
  status: MailStatus;
  /** Attempts recorded so far (deferrals and the final outcome). */
  attempts: number;
}

/** Sent, refused and failed are final: nothing more is sent or recorded. */
export const isFinal = (status: MailStatus) =>
  status === 'sent' || status === 'refused' || status === 'failed';

const outcomeEvent = (command: Exclude<MailCommand, { type: 'QueueMail' }>): MailEvent => {
  switch (command.type) {
    case 'RecordSent':
      return { type: 'MailSent', data: command.data };
    case 'RecordDeferred':
      return { type: 'MailDeferred', data: command.data };
    case 'RecordRefused':
      return { type: 'MailRefused', data: command.data };
    case 'RecordFailed':
      return { type: 'MailFailed', data: command.data };
  }
};

export const mailDecider: Decider<MailState, MailCommand, MailEvent> = {
  initialState: { status: 'none', attempts: 0 },

  evolve(_state, event) {
    switch (event.type) {
      case 'MailQueued':
        return { status: 'due', attempts: 0 };
      case 'MailDeferred':
        return { status: 'due', attempts: event.data.attempt };
      case 'MailSent':
        return { status: 'sent', attempts: event.data.attempt };
      case 'MailRefused':
        return { status: 'refused', attempts: event.data.attempt };
      case 'MailFailed':
        return { status: 'failed', attempts: event.data.attempt };
    }
  },

  decide(command, state) {
    if (command.type === 'QueueMail') {
      // The stream is named by the message id: an existing stream is the same message queued again.
      return state.status === 'none' ? [{ type: 'MailQueued', data: command.data }] : [];
    }
    if (state.status === 'none') throw notFound('mail_not_found', 'No such message');
    // An outcome recorded twice (a reactor that restarted after recording it) records nothing more.
    if (isFinal(state.status)) return [];
    if (command.type === 'RecordDeferred' && command.data.attempt <= state.attempts) return [];
    return [outcomeEvent(command)];
  },
};
