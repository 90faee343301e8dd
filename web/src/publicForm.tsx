/**
 * The public pages reached by a link, a page of their own rather than routes of the app: a phone loads React,
 * i18next and the form, and none of the dashboard (router, TanStack Query, GraphQL, other features' pages and
 * messages). `/f/<token>` is a session's feedback link, `/a/<token>` a campaign's survey (personal or shared
 * link), `/a/<token>/opt-out` a respondent's opt-out. bench/web-weight.ts measures it; its test holds it under
 * 100 kB gzipped.
 */
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { answerMessages } from './features/answer/answerMessages';
import { PublicAnswerPage } from './features/answer/PublicAnswerPage';
import { campaignMailMessages } from './features/campaign-mail/messages';
import { OptOutPage } from './features/campaign-mail/OptOutPage';
import { PublicFeedbackPage } from './features/feedback/PublicFeedbackPage';
import { publicFormMessages } from './features/feedback/publicFormMessages';
import { startI18n } from './locales/startI18n';

startI18n([publicFormMessages, answerMessages, campaignMailMessages]);

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

// The server answers this page for `/f/<token>`, `/a/<token>` and `/a/<token>/opt-out`; a token is URL-safe
// base64 with dots, never a slash.
const [, kind, rawToken, action] = window.location.pathname.split('/');
const token = decodeURIComponent(rawToken ?? '');

createRoot(container).render(
  <StrictMode>
    {kind === 'a' && action === 'opt-out' ? (
      <OptOutPage token={token} />
    ) : kind === 'a' ? (
      <PublicAnswerPage token={token} />
    ) : (
      <PublicFeedbackPage token={token} />
    )}
  </StrictMode>,
);
