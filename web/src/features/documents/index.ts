import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { documentsMessages } from './messages';

/** Evidence documents for any indicator, with their versions and files: the `documents` slice. */
export const documents: Feature<typeof documentsMessages> = {
  routes: [
    {
      path: '/evidence-documents',
      page: lazyPage(() => import('./DocumentsPage'), 'DocumentsPage'),
      layout: 'signedIn',
      navLabel: 'evidenceDocuments.nav',
    },
    {
      path: '/evidence-documents/:id',
      page: lazyPage(() => import('./DocumentPage'), 'DocumentPage'),
      layout: 'signedIn',
    },
  ],
  messages: documentsMessages,
};
