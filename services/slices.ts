import { accessSlice } from './access';
import { actionsSlice } from './actions';
import { auditorAccessSlice } from './auditor-access';
import { auditsSlice } from './audits';
import { binderSlice } from './binder';
import { calendarFeedSlice } from './calendar-feed';
import { campaignSlice } from './campaign';
import { certificationSlice } from './certification';
import { complaintsSlice } from './complaints';
import { contactLogSlice } from './contact-log';
import { disabilityNetworkSlice } from './disability-network';
import { documentsSlice } from './documents';
import { feedbackSlice } from './feedback';
import { filesSlice } from './files';
import { incidentsSlice } from './incidents';
import { mailSlice } from './mail';
import { mockAuditSlice } from './mock-audit';
import { organisationSlice } from './organisation';
import { privacySlice } from './privacy';
import { publicationSlice } from './publication';
import { questionnaireSlice } from './questionnaire';
import { resultsSlice } from './results';
import { retentionSlice } from './retention';
import { selfAssessmentSlice } from './self-assessment';
import type { WriteSlice } from './slice';
import { trainingSlice } from './training';
import { watchSlice } from './watch';

/** The write side of every slice. Adding a slice adds one line here. */
export const writeSlices: readonly WriteSlice[] = [
  accessSlice,
  trainingSlice,
  feedbackSlice,
  organisationSlice,
  mailSlice,
  privacySlice,
  questionnaireSlice,
  campaignSlice,
  retentionSlice,
  contactLogSlice,
  publicationSlice,
  resultsSlice,
  incidentsSlice,
  filesSlice,
  complaintsSlice,
  auditsSlice,
  calendarFeedSlice,
  actionsSlice,
  watchSlice,
  disabilityNetworkSlice,
  binderSlice,
  documentsSlice,
  auditorAccessSlice,
  certificationSlice,
  mockAuditSlice,
  selfAssessmentSlice,
];
