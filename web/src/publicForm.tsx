/**
 * The public pages reached by a link in a message or on paper: the feedback form (`/f/:token`) and a campaign's
 * opt-out page (`/a/:token/opt-out`), a page of their own rather than routes of the app: a learner's phone loads
 * React, i18next and this form, and none of the dashboard (router, TanStack Query, GraphQL, other features'
 * pages and messages). bench/web-weight.ts measures it; its test holds it under 100 kB gzipped.
 */
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { campaignMailMessages } from './features/campaign-mail/messages';
import { OptOutPage } from './features/campaign-mail/OptOutPage';
import { PublicFeedbackPage } from './features/feedback/PublicFeedbackPage';
import { publicFormMessages } from './features/feedback/publicFormMessages';
import { startI18n } from './locales/startI18n';

startI18n([publicFormMessages, campaignMailMessages]);

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

// The server answers this page for `/f/<token>` and `/a/<token>/opt-out`; a token is URL-safe base64 with dots,
// never a slash.
const [, kind, rawToken, action] = window.location.pathname.split('/');
const token = decodeURIComponent(rawToken ?? '');

createRoot(container).render(
  <StrictMode>
    {kind === 'a' && action === 'opt-out' ? (
      <OptOutPage token={token} />
    ) : (
      <PublicFeedbackPage token={token} />
    )}
  </StrictMode>,
);
