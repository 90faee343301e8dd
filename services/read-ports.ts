import type { SessionContext } from './feedback/events';

/**
 * What write slices may ask the read side, implemented in projections/read-ports.ts and handed to the slices
 * by the composition root (a write slice never imports projections).
 */
export interface ReadPorts {
  /** The session as the organisation sees it, or undefined when it does not exist there. */
  sessionContext(organisationId: string, sessionId: string): Promise<SessionContext | undefined>;
  /** Answers a feedback link has received, as far as the read model knows (an abuse cap, not a rule). */
  feedbackLinkResponseCount(linkId: string): Promise<number>;
  /** The organisation's name, or undefined when the read model does not know it (yet). */
  organisationName(organisationId: string): Promise<string | undefined>;
}
