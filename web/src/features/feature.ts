import type { ParseKeys } from 'i18next';
import type { ComponentType } from 'react';
import type { Role } from '../data/graphql';
import type { MessageSections, Messages } from '../locales/messages';

/** Where a page is shown: without an account (setup, login) or in the signed-in frame. */
export type Layout = 'public' | 'signedIn';

/** One page of the app: the router and the main navigation are both built from these. */
interface AppRoute {
  path: string;
  page: ComponentType;
  layout: Layout;
  /** The message key of its label in the main navigation (`evidence.nav`); without one, not in the navigation. */
  navLabel?: ParseKeys;
  /** Only these roles see it in the navigation (default: every member); the server still checks each read. */
  roles?: readonly Role[];
}

/**
 * What a feature folder brings to the app: its pages and its messages. Declare a feature with this type
 * (`const evidence: Feature<typeof evidenceMessages> = …`) rather than letting it be inferred: the message keys
 * are typed from the features, and pages use those keys, so an inferred type would be circular.
 */
export interface Feature<FeatureMessages extends Messages<MessageSections>> {
  routes: readonly AppRoute[];
  messages: FeatureMessages;
}
