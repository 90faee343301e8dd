import type { Feature } from '../feature';
import { LoginPage } from './LoginPage';
import { accessMessages } from './messages';
import { SetupPage } from './SetupPage';

/** Access: first-start setup and sign-in (the server's `access` slice). */
export const access: Feature<typeof accessMessages> = {
  routes: [
    { path: '/setup', page: SetupPage, layout: 'public' },
    { path: '/login', page: LoginPage, layout: 'public' },
  ],
  messages: accessMessages,
};
