/**
 * The public feedback form (`/f/:token`), a page of its own rather than a route of the app: a learner's phone
 * loads React, i18next and this form, and none of the dashboard (router, TanStack Query, GraphQL, other
 * features' pages and messages). bench/web-weight.ts measures it; its test holds it under 100 kB gzipped.
 */
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicFeedbackPage } from './features/feedback/PublicFeedbackPage';
import { publicFormMessages } from './features/feedback/publicFormMessages';
import { startI18n } from './locales/startI18n';

startI18n([publicFormMessages]);

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

// The server answers this page for `/f/<token>`; a token is URL-safe base64 with a dot, never a slash.
const token = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');

createRoot(container).render(
  <StrictMode>
    <PublicFeedbackPage token={token} />
  </StrictMode>,
);
