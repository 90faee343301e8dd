import { createHash } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../services/eventstore/types';
import {
  AUDIENCES,
  type Audience,
  type FeedbackLinkOpened,
  type FeedbackSubmitted,
  feedbackLinkStream,
  type SessionContext,
} from '../services/feedback/events';
import { newId } from '../services/kernel/ids';

const TRAININGS = [
  'Gestion de projet agile',
  'Habilitation électrique BR',
  'Management d’équipe',
  'Excel perfectionnement',
  'Sauveteur secouriste du travail',
];
const SITES = ['Lyon — 12 rue de la République', 'Paris 11e', 'Bordeaux — campus Bastide', 'À distance'];
const COMMENTS = [
  'Formatrice claire, exercices concrets.',
  null,
  'Salle trop petite.',
  'Contenu adapté, je recommande.',
  null,
];

const pick = <T>(values: readonly T[], index: number): T => values[index % values.length]!;

export const metadataFor = (
  organisationId: string,
  actor: EventMetadata['actor'],
  occurredAt = new Date().toISOString(),
): EventMetadata => ({
  organisationId,
  actor,
  correlationId: newId(),
  occurredAt,
  schemaVersion: 1,
});

export const sessionContext = (index: number): SessionContext => ({
  sessionId: newId(),
  trainingActionId: newId(),
  organisationName: 'Organisme de formation Exemple SARL',
  trainingTitle: pick(TRAININGS, index),
  sessionTitle: `Session ${index + 1} — ${pick(['printemps', 'été', 'automne', 'hiver'], index)}`,
  startsOn: '2025-03-10',
  endsOn: '2025-03-14',
  site: pick(SITES, index),
});

export interface LinkFixture {
  linkId: string;
  streamId: string;
  organisationId: string;
  audience: Audience;
  session: SessionContext;
}

export const linkOpened = (link: LinkFixture, occurredAt?: string): NewEvent<'FeedbackLinkOpened'> => {
  const data: FeedbackLinkOpened['data'] = {
    linkId: link.linkId,
    audience: link.audience,
    secretHash: createHash('sha256').update(link.linkId).digest('hex'),
    expiresAt: '2025-04-14T22:00:00.000Z',
    session: link.session,
  };
  return {
    id: newId(),
    type: 'FeedbackLinkOpened',
    data,
    metadata: metadataFor(link.organisationId, { type: 'user', id: newId() }, occurredAt),
  };
};

export const feedbackSubmitted = (
  link: LinkFixture,
  index: number,
  occurredAt?: string,
): NewEvent<'FeedbackSubmitted'> => {
  const data: FeedbackSubmitted['data'] = {
    responseId: newId(),
    linkId: link.linkId,
    sessionId: link.session.sessionId,
    trainingActionId: link.session.trainingActionId,
    audience: link.audience,
    rating: 1 + (index % 5),
    comment: pick(COMMENTS, index),
    sessionTitle: link.session.sessionTitle,
    trainingTitle: link.session.trainingTitle,
  };
  return {
    id: newId(),
    type: 'FeedbackSubmitted',
    data,
    metadata: metadataFor(link.organisationId, { type: 'public' }, occurredAt),
  };
};

export const newLink = (organisationId: string, session: SessionContext, audience: Audience): LinkFixture => {
  const linkId = newId();
  return { linkId, streamId: feedbackLinkStream(linkId), organisationId, audience, session };
};

/**
 * Events for the append benchmark: FeedbackSubmitted-shaped, ~300 bytes of data (varies with the comment), one
 * organisation, a new link (stream) whenever the writer starts a stream.
 */
export const createAppendFixtures = () => {
  const organisationId = newId();
  let counter = 0;
  return {
    organisationId,
    link: (): LinkFixture => {
      const index = counter++;
      return newLink(organisationId, sessionContext(index), pick(AUDIENCES, index));
    },
    events: (link: LinkFixture, count: number): NewEvent[] => {
      const occurredAt = new Date().toISOString();
      return Array.from({ length: count }, () => feedbackSubmitted(link, counter++, occurredAt));
    },
  };
};

export interface ProjectionSeed {
  links: LinkFixture[];
  /** Per stream, the events in stream order. */
  streams: { link: LinkFixture; events: NewEvent[] }[];
  total: number;
}

/**
 * The catch-up data set: sessions with one link per audience, each link opened once then answered, `perLink`
 * events per link stream, spread over a few organisations.
 */
export const buildProjectionSeed = (total: number, perLink = 100): ProjectionSeed => {
  const organisations = Array.from({ length: 8 }, () => newId());
  const links: LinkFixture[] = [];
  const streams: ProjectionSeed['streams'] = [];
  const base = Date.parse('2025-03-14T15:00:00.000Z');
  let produced = 0;
  let session: SessionContext | undefined;
  for (let linkIndex = 0; produced < total; linkIndex++) {
    const sessionIndex = Math.floor(linkIndex / AUDIENCES.length);
    if (linkIndex % AUDIENCES.length === 0 || !session) session = sessionContext(sessionIndex);
    const link = newLink(pick(organisations, sessionIndex), session, pick(AUDIENCES, linkIndex));
    links.push(link);
    const size = Math.min(perLink, total - produced);
    const at = (offset: number) => new Date(base + (produced + offset) * 1000).toISOString();
    const events: NewEvent[] = [linkOpened(link, at(0))];
    for (let i = 1; i < size; i++) events.push(feedbackSubmitted(link, produced + i, at(i)));
    streams.push({ link, events });
    produced += size;
  }
  return { links, streams, total: produced };
};

export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));
