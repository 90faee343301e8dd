import type { NonConformityActionRequested } from '../audits/events';
import type { ComplaintImprovementRequested } from '../complaints/improvement';
import type { IncidentImprovementRequested } from '../complaints/incident-events';
import { derivedId } from '../kernel/ids';
import type { MockAuditFindingActionRequested } from '../mock-audit/events';
import { personalFieldsOf } from '../privacy/declarations';
import { allPersonalData } from '../privacy/registry';
import type { AnswerFollowUpRequested } from '../results/events';
import type { WatchNoteImprovementRequested } from '../watch/improvement';
import type { ActionOrigin } from './events';

/** A request for an improvement action recorded by another slice, as the actions slice picks it up. */
export interface ImprovementRequest {
  origin: ActionOrigin;
  requestId: string;
  title: string;
  requestedBy: string;
}

type RequestEvent =
  | ComplaintImprovementRequested
  | IncidentImprovementRequested
  | AnswerFollowUpRequested
  | NonConformityActionRequested
  | WatchNoteImprovementRequested
  | MockAuditFindingActionRequested;

/**
 * The requests the actions slice turns into planned actions, keyed by the event that records them; null when the
 * event asks for something else. A new source is one more line here.
 */
export const IMPROVEMENT_REQUEST_SOURCES: {
  readonly [Type in RequestEvent['type']]: (
    data: Extract<RequestEvent, { type: Type }>['data'],
  ) => ImprovementRequest | null;
} = {
  ComplaintImprovementRequested: (d) => ({
    origin: { type: 'complaint', id: d.complaintId, indicator: null },
    requestId: d.requestId,
    title: d.title,
    requestedBy: d.requestedBy,
  }),
  IncidentImprovementRequested: (d) => ({
    origin: { type: 'incident', id: d.incidentId, indicator: null },
    requestId: d.followUpId,
    title: d.title,
    requestedBy: d.requestedBy,
  }),
  NonConformityActionRequested: (d) => ({
    origin: { type: 'non_conformity', id: d.nonConformityId, indicator: d.indicator },
    requestId: d.requestId,
    title: d.title,
    requestedBy: d.requestedBy,
  }),
  WatchNoteImprovementRequested: (d) => ({
    origin: { type: 'watch_note', id: d.noteId, indicator: null },
    requestId: d.requestId,
    title: d.title,
    requestedBy: d.requestedBy,
  }),
  // The finding names its mock audit: the action's origin is the finding, found by its own stream.
  MockAuditFindingActionRequested: (d) => ({
    // An action names indicators 1 to 32; a later version's new indicator stays with the finding.
    origin: {
      type: 'mock_audit_finding',
      id: d.findingId,
      indicator: d.indicator <= 32 ? d.indicator : null,
    },
    requestId: d.requestId,
    title: d.title,
    requestedBy: d.requestedBy,
  }),
  AnswerFollowUpRequested: (d) =>
    d.kind === 'improvement_action'
      ? {
          origin: { type: 'feedback', id: d.answerId, indicator: null },
          requestId: d.followUpId,
          title: d.title,
          requestedBy: d.requestedBy,
        }
      : null,
};

export const improvementRequestEventTypes = Object.keys(
  IMPROVEMENT_REQUEST_SOURCES,
) as RequestEvent['type'][];

/** The request an event records, with the subject its title belongs to in the source event's own declaration. */
export const improvementRequestOf = (
  type: string,
  data: Record<string, unknown>,
): (ImprovementRequest & { subject: string }) | null => {
  const source = (
    IMPROVEMENT_REQUEST_SOURCES as Record<string, (data: unknown) => ImprovementRequest | null>
  )[type];
  const request = source?.(data);
  if (!request) return null;
  const titleField = personalFieldsOf(allPersonalData, type)?.find((field) => field.field === 'title');
  // A source that declared its title not personal still seals it here, as its requester's words.
  const subject = titleField ? titleField.subject(data) : `user:${request.requestedBy}`;
  return { ...request, subject };
};

/** The id of the action that answers a request: derived, so a replay or a retry plans it once. */
export const actionIdOfRequest = (organisationId: string, requestId: string) =>
  derivedId(organisationId, 'improvement-action-request', requestId);
