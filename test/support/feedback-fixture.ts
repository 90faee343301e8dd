import type { PostgresEventStore } from '../../services/eventstore/postgres';
import type { NewEvent } from '../../services/eventstore/types';
import type { FeedbackLinkOpened, FeedbackSubmitted } from '../../services/feedback/events';
import { feedbackLinkStream } from '../../services/feedback/events';
import { newId } from '../../services/kernel/ids';

const event = (organisationId: string, type: string, data: unknown, occurredAt: Date): NewEvent => ({
  id: newId(),
  type,
  data,
  metadata: {
    organisationId,
    actor: { type: 'system' },
    occurredAt: occurredAt.toISOString(),
    schemaVersion: 1,
  },
});

/** Appends `links` feedback links with `answersPerLink` answers each, the way the feedback slice records them. */
export const appendFeedbackHistory = async (
  store: PostgresEventStore,
  options: { organisationId?: string; links: number; answersPerLink: number; start?: Date },
) => {
  const organisationId = options.organisationId ?? newId();
  let at = options.start?.getTime() ?? Date.UTC(2026, 0, 5, 9);
  for (let l = 0; l < options.links; l++) {
    const linkId = newId();
    const session = {
      sessionId: newId(),
      trainingActionId: newId(),
      organisationName: 'Organisme test',
      trainingTitle: `Formation ${l}`,
      sessionTitle: `Session ${l}`,
      startsOn: '2026-01-05',
      endsOn: '2026-01-06',
      site: 'Paris',
    };
    const opened: FeedbackLinkOpened['data'] = {
      linkId,
      audience: 'learner',
      secretHash: '0'.repeat(64),
      expiresAt: '2026-12-31T00:00:00Z',
      session,
    };
    const events = [event(organisationId, 'FeedbackLinkOpened', opened, new Date(at))];
    for (let a = 0; a < options.answersPerLink; a++) {
      at += 60_000;
      const submitted: FeedbackSubmitted['data'] = {
        responseId: newId(),
        linkId,
        sessionId: session.sessionId,
        trainingActionId: session.trainingActionId,
        audience: 'learner',
        rating: 1 + ((l + a) % 5),
        comment: a % 3 === 0 ? null : `Commentaire ${l}.${a}`,
        sessionTitle: session.sessionTitle,
        trainingTitle: session.trainingTitle,
      };
      events.push(event(organisationId, 'FeedbackSubmitted', submitted, new Date(at)));
    }
    await store.append(feedbackLinkStream(linkId), events, { expectedRevision: 'no_stream' });
  }
  return { organisationId };
};

/** Waits until every appended event is readable in the feed (no open transaction hides any). */
export const feedSettled = async (store: PostgresEventStore, hiddenCount: () => Promise<number>) => {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    if ((await hiddenCount()) === 0) return;
    await store.waitForEvents(10);
  }
  throw new Error('the feed never caught up with the last append');
};
