import { ACCEPTED_KINDS } from '../files/sniff';
import type { Decider } from '../kernel/command';
import { AppError, badRequest, conflict, notFound } from '../kernel/errors';
import { ERASED } from '../privacy/declarations';
import type { ComplaintEvent, ComplaintIntake, ComplaintOutcome } from './events';

/**
 * Each step is dated by the Paris calendar date it happened (`on`: a letter sent yesterday is recorded today) and
 * `today`, the Paris date at the command's instant; who did it is the event's actor.
 */
interface Dated {
  on: string;
  today: string;
}

export type ComplaintCommand =
  | { type: 'ReceiveComplaint'; complaintId: string; intake: ComplaintIntake; today: string }
  | ({ type: 'AcknowledgeComplaint'; message: string; sendByEmail: boolean } & Dated)
  | ({ type: 'AnalyseComplaint'; causes: string } & Dated)
  | ({ type: 'AnswerComplaint'; answer: string; sendByEmail: boolean } & Dated)
  | ({ type: 'RejectComplaint'; reasons: string; sendByEmail: boolean } & Dated)
  | ({ type: 'StartMediation'; mediator: string; reason: string } & Dated)
  | ({ type: 'EndMediation'; result: string } & Dated)
  | { type: 'ReassignComplaint'; ownerId: string }
  | ({ type: 'CloseComplaint'; outcome: ComplaintOutcome; note: string | null } & Dated)
  | ({ type: 'ReopenComplaint'; reason: string } & Dated);

/** Where a complaint stands; `rejected` and `closed` are final until a reopening. */
export type ComplaintStatus =
  | 'received'
  | 'acknowledged'
  | 'under_analysis'
  | 'answered'
  | 'rejected'
  | 'closed';

export interface ComplaintState {
  complaintId: string | null;
  status: ComplaintStatus | null;
  receivedOn: string | null;
  acknowledgedOn: string | null;
  /** The date of the latest step: no step is dated before it. */
  lastStepOn: string | null;
  ownerId: string | null;
  /** Whether an answer can go by e-mail: an address was given and not erased. */
  hasEmail: boolean;
  /** The complainant's data was erased: no new free text can be sealed for them. */
  erased: boolean;
  mediationInProgress: boolean;
}

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/**
 * The types a complainant may send, as the files port finds them in the content: documents (PDF, text, office
 * documents without macros — a letter written in Word, an invoice in a spreadsheet) and photos; nothing executable.
 */
export const ACCEPTED_ATTACHMENT_TYPES = (
  ['pdf', 'png', 'jpeg', 'webp', 'text', 'docx', 'odt', 'xlsx', 'ods'] as const
).map((kind) => ACCEPTED_KINDS[kind]);

const isBlank = (value: string | null) => value === null || value.trim() === '';

const required = (field: string, value: string) => {
  if (isBlank(value)) throw badRequest('text_missing', `Write the ${field}`, { field });
};

/** The rules an intake keeps whatever the form sent (the route's schema checks shapes and lengths). */
export const checkIntake = (intake: ComplaintIntake, today: string): void => {
  if (intake.receivedOn > today) {
    throw badRequest('date_in_future', 'A complaint is recorded once received: its date is not after today', {
      receivedOn: intake.receivedOn,
      today,
    });
  }
  const identity = [intake.name, intake.email, intake.phone, intake.postalAddress];
  if (intake.anonymous) {
    if (identity.some((value) => value !== null)) {
      throw badRequest('anonymous_with_identity', 'An anonymous complaint names nobody and gives no contact');
    }
  } else {
    if (isBlank(intake.name)) throw badRequest('complainant_name_missing', 'Give the complainant’s name');
    if (identity.slice(1).every(isBlank)) {
      throw badRequest(
        'complainant_contact_missing',
        'Give an e-mail address, a phone number or a postal address',
      );
    }
  }
  if (isBlank(intake.text)) throw badRequest('complaint_text_missing', 'Write what the complaint says');
  if (intake.about.sessionId !== null && intake.about.trainingActionId === null) {
    throw badRequest('session_without_action', 'A session is named with its training action');
  }
  if (intake.attachments.length > MAX_ATTACHMENTS) {
    throw badRequest('too_many_attachments', `Attach at most ${MAX_ATTACHMENTS} files`, {
      max: MAX_ATTACHMENTS,
    });
  }
  const ids = new Set(intake.attachments.map(({ attachmentId }) => attachmentId));
  if (ids.size !== intake.attachments.length)
    throw badRequest('duplicate_attachment', 'A file is attached once');
  for (const attachment of intake.attachments) {
    if (!(ACCEPTED_ATTACHMENT_TYPES as readonly string[]).includes(attachment.mediaType)) {
      throw badRequest(
        'attachment_type_refused',
        'Attach PDF or office documents, images or plain text only',
        {
          attachmentId: attachment.attachmentId,
          mediaType: attachment.mediaType,
        },
      );
    }
    if (attachment.sizeBytes > MAX_ATTACHMENT_BYTES) {
      throw new AppError(413, 'attachment_too_large', 'A file is at most 10 MB', {
        attachmentId: attachment.attachmentId,
        max: MAX_ATTACHMENT_BYTES,
      });
    }
  }
};

const open = (state: ComplaintState) => {
  if (!state.complaintId || !state.status) throw notFound('complaint_not_found', 'No such complaint');
  if (state.status === 'closed') {
    throw conflict('complaint_closed', 'This complaint is closed; reopen it first', { status: state.status });
  }
  if (state.status === 'rejected') {
    throw conflict('complaint_rejected', 'This complaint was rejected; reopen it first', {
      status: state.status,
    });
  }
  return { complaintId: state.complaintId, status: state.status };
};

/** A step is dated on or before today, and not before the step it follows. */
const checkDate = (state: ComplaintState, { on, today }: Dated) => {
  if (on > today)
    throw badRequest('date_in_future', 'A step is recorded once done: its date is not after today');
  if (state.lastStepOn && on < state.lastStepOn) {
    throw badRequest('date_before_previous_step', 'A step is not dated before the one it follows', {
      previousStepOn: state.lastStepOn,
    });
  }
};

const notErased = (state: ComplaintState) => {
  if (state.erased) {
    throw conflict('complaint_erased', 'The complainant’s data was erased; this complaint takes no new text');
  }
};

const canEmail = (state: ComplaintState, sendByEmail: boolean) => {
  if (sendByEmail && !state.hasEmail) {
    throw conflict('complainant_has_no_email', 'The complainant gave no e-mail address: send it another way');
  }
};

const acknowledged = (status: ComplaintStatus) => {
  if (status === 'received') {
    throw conflict('complaint_not_acknowledged', 'Acknowledge the complaint first');
  }
};

const notAnswered = (status: ComplaintStatus) => {
  if (status === 'answered') {
    throw conflict(
      'complaint_already_answered',
      'This complaint was answered; reopen it to take it up again',
    );
  }
};

const noMediation = (state: ComplaintState) => {
  if (state.mediationInProgress) {
    throw conflict('mediation_in_progress', 'End the mediation first');
  }
};

/** One stream per complaint, from its receipt to its closing, reopenings included. */
export const complaintDecider: Decider<ComplaintState, ComplaintCommand, ComplaintEvent> = {
  initialState: {
    complaintId: null,
    status: null,
    receivedOn: null,
    acknowledgedOn: null,
    lastStepOn: null,
    ownerId: null,
    hasEmail: false,
    erased: false,
    mediationInProgress: false,
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ComplaintReceived': {
        const { data } = event;
        return {
          ...state,
          complaintId: data.complaintId,
          status: 'received',
          receivedOn: data.receivedOn,
          lastStepOn: data.receivedOn,
          ownerId: data.ownerId,
          hasEmail: data.email !== null && data.email !== ERASED,
          erased: data.text === ERASED,
        };
      }
      case 'ComplaintAcknowledged':
        return {
          ...state,
          status: 'acknowledged',
          acknowledgedOn: event.data.acknowledgedOn,
          lastStepOn: event.data.acknowledgedOn,
        };
      case 'ComplaintAnalysed':
        return { ...state, status: 'under_analysis', lastStepOn: event.data.analysedOn };
      case 'ComplaintAnswered':
        return { ...state, status: 'answered', lastStepOn: event.data.answeredOn };
      case 'ComplaintRejected':
        return { ...state, status: 'rejected', lastStepOn: event.data.rejectedOn };
      case 'ComplaintMediationStarted':
        return { ...state, mediationInProgress: true, lastStepOn: event.data.startedOn };
      case 'ComplaintMediationEnded':
        return { ...state, mediationInProgress: false, lastStepOn: event.data.endedOn };
      case 'ComplaintReassigned':
        return { ...state, ownerId: event.data.ownerId };
      case 'ComplaintClosed':
        return { ...state, status: 'closed', lastStepOn: event.data.closedOn };
      case 'ComplaintReopened':
        return {
          ...state,
          // Taken up again: new causes before a new answer; one withdrawn unacknowledged still needs acknowledging.
          status: state.acknowledgedOn === null ? 'received' : 'acknowledged',
          lastStepOn: event.data.reopenedOn,
        };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'ReceiveComplaint': {
        if (state.complaintId) throw conflict('complaint_exists', 'This complaint is already recorded');
        checkIntake(command.intake, command.today);
        return [{ type: 'ComplaintReceived', data: { complaintId: command.complaintId, ...command.intake } }];
      }
      case 'AcknowledgeComplaint': {
        const { complaintId, status } = open(state);
        if (status !== 'received') {
          throw conflict('complaint_already_acknowledged', 'This complaint was already acknowledged');
        }
        checkDate(state, command);
        notErased(state);
        required('acknowledgement', command.message);
        canEmail(state, command.sendByEmail);
        return [
          {
            type: 'ComplaintAcknowledged',
            data: {
              complaintId,
              acknowledgedOn: command.on,
              message: command.message,
              sentByEmail: command.sendByEmail,
            },
          },
        ];
      }
      case 'AnalyseComplaint': {
        const { complaintId, status } = open(state);
        acknowledged(status);
        notAnswered(status);
        checkDate(state, command);
        notErased(state);
        required('causes', command.causes);
        return [
          {
            type: 'ComplaintAnalysed',
            data: { complaintId, analysedOn: command.on, causes: command.causes },
          },
        ];
      }
      case 'AnswerComplaint': {
        const { complaintId, status } = open(state);
        acknowledged(status);
        notAnswered(status);
        if (status !== 'under_analysis') {
          throw conflict('complaint_not_analysed', 'Record the causes before answering');
        }
        checkDate(state, command);
        notErased(state);
        required('answer', command.answer);
        canEmail(state, command.sendByEmail);
        return [
          {
            type: 'ComplaintAnswered',
            data: {
              complaintId,
              answeredOn: command.on,
              answer: command.answer,
              sentByEmail: command.sendByEmail,
            },
          },
        ];
      }
      case 'RejectComplaint': {
        const { complaintId, status } = open(state);
        acknowledged(status);
        notAnswered(status);
        noMediation(state);
        checkDate(state, command);
        notErased(state);
        required('reasons', command.reasons);
        canEmail(state, command.sendByEmail);
        return [
          {
            type: 'ComplaintRejected',
            data: {
              complaintId,
              rejectedOn: command.on,
              reasons: command.reasons,
              sentByEmail: command.sendByEmail,
            },
          },
        ];
      }
      case 'StartMediation': {
        const { complaintId, status } = open(state);
        acknowledged(status);
        noMediation(state);
        checkDate(state, command);
        notErased(state);
        required('mediator', command.mediator);
        required('reason', command.reason);
        return [
          {
            type: 'ComplaintMediationStarted',
            data: { complaintId, startedOn: command.on, mediator: command.mediator, reason: command.reason },
          },
        ];
      }
      case 'EndMediation': {
        const { complaintId } = open(state);
        if (!state.mediationInProgress)
          throw conflict('no_mediation_in_progress', 'No mediation is in progress');
        checkDate(state, command);
        notErased(state);
        required('result', command.result);
        return [
          {
            type: 'ComplaintMediationEnded',
            data: { complaintId, endedOn: command.on, result: command.result },
          },
        ];
      }
      case 'ReassignComplaint': {
        const { complaintId } = open(state);
        if (state.ownerId === command.ownerId) return [];
        return [
          {
            type: 'ComplaintReassigned',
            data: { complaintId, ownerId: command.ownerId, previousOwnerId: state.ownerId },
          },
        ];
      }
      case 'CloseComplaint': {
        const { complaintId, status } = open(state);
        // A complainant may withdraw at any time; any other outcome follows an answer.
        if (command.outcome !== 'withdrawn' && status !== 'answered') {
          throw conflict('complaint_not_answered', 'Answer the complaint before closing it');
        }
        noMediation(state);
        checkDate(state, command);
        if (command.note !== null) notErased(state);
        return [
          {
            type: 'ComplaintClosed',
            data: { complaintId, closedOn: command.on, outcome: command.outcome, note: command.note },
          },
        ];
      }
      case 'ReopenComplaint': {
        if (!state.complaintId || !state.status) throw notFound('complaint_not_found', 'No such complaint');
        if (state.status !== 'closed' && state.status !== 'rejected') {
          throw conflict('complaint_not_closed', 'Only a closed or rejected complaint is reopened');
        }
        checkDate(state, command);
        notErased(state);
        required('reason', command.reason);
        return [
          {
            type: 'ComplaintReopened',
            data: { complaintId: state.complaintId, reopenedOn: command.on, reason: command.reason },
          },
        ];
      }
    }
  },
};
