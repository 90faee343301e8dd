import type { Feature } from '../feature';
import { lazyPage } from '../lazyPage';
import { accessMessages } from './messages';

/** Access: first-start setup and sign-in (the server's `access` slice). */
export const access: Feature<typeof accessMessages> = {
  routes: [
    { path: '/setup', page: lazyPage(() => import('./SetupPage'), 'SetupPage'), layout: 'public' },
    { path: '/login', page: lazyPage(() => import('./LoginPage'), 'LoginPage'), layout: 'public' },
  ],
  messages: accessMessages,
};
