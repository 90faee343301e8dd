/**
 * An organisation's public complaint page (`/r/<address>`), a page of its own like the public feedback form
 * (`publicForm.tsx`): a phone loads React, i18next and this form, neither the dashboard nor the survey forms.
 * bench/web-weight.ts measures it; its test holds it under 100 kB gzipped.
 */
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { publicFrameMessages } from './components/publicFrameMessages';
import { complaintPageMessages } from './features/complaint-page/messages';
import { PublicComplaintPage } from './features/complaint-page/PublicComplaintPage';
import { startI18n } from './locales/startI18n';

startI18n([publicFrameMessages, complaintPageMessages]);

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

// The server answers this page for `/r/<address>`; an address is URL-safe base64, never a slash.
const [, , address] = window.location.pathname.split('/');

createRoot(container).render(
  <StrictMode>
    <PublicComplaintPage address={decodeURIComponent(address ?? '')} />
  </StrictMode>,
);
