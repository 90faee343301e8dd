import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { evidenceMessages } from './messages';

/** The evidence timeline per RNQ indicator (the read side's evidence projection). */
export const evidence: Feature<typeof evidenceMessages> = {
  routes: [
    {
      path: '/evidence',
      page: lazyPage(() => import('./EvidencePage'), 'EvidencePage'),
      layout: 'signedIn',
      navLabel: 'evidence.nav',
    },
  ],
  messages: evidenceMessages,
};

export { EvidenceEntry } from './EvidenceEntry';
export { EvidenceItemFields } from './evidence';
