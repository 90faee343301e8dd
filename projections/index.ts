import { allPersonalData } from '../services/privacy/registry';
import { actionsReadSlice } from './actions';
import { auditorAccessReadSlice } from './auditor-access';
import { auditsReadSlice } from './audits';
import { binderReadSlice } from './binder';
import { campaignsReadSlice } from './campaigns';
import { certificationReadSlice } from './certification';
import { complaintsReadSlice } from './complaints';
import { contactLogReadSlice } from './contact-log';
import { disabilityNetworkReadSlice } from './disability-network';
import { documentsReadSlice } from './documents';
import { evidenceProjection } from './evidence/projection';
import { feedbackReadSlice } from './feedback';
import { incidentsReadSlice } from './incidents';
import { mailReadSlice } from './mail';
import { mockAuditReadSlice } from './mock-audit';
import { organisationsReadSlice } from './organisations';
import { publicationReadSlice } from './publication';
import { questionnairesReadSlice } from './questionnaires';
import type { ReadSlice } from './read-slice';
import { resultsReadSlice } from './results';
import { retentionReadSlice } from './retention';
import type { Projection } from './runner/projection';
import { selfAssessmentReadSlice } from './self-assessment';
import { subjectAccessReadSlice } from './subject-access';
import { teamReadSlice } from './team';
import { trainingReadSlice } from './training';
import { watchReadSlice } from './watch';

/** The read side of every slice. Adding a slice adds one line here. */
export const readSlices: readonly ReadSlice[] = [
  organisationsReadSlice,
  trainingReadSlice,
  feedbackReadSlice,
  mailReadSlice,
  teamReadSlice,
  questionnairesReadSlice,
  campaignsReadSlice,
  subjectAccessReadSlice,
  retentionReadSlice,
  contactLogReadSlice,
  publicationReadSlice,
  resultsReadSlice,
  incidentsReadSlice,
  complaintsReadSlice,
  auditsReadSlice,
  actionsReadSlice,
  watchReadSlice,
  disabilityNetworkReadSlice,
  binderReadSlice,
  documentsReadSlice,
  auditorAccessReadSlice,
  certificationReadSlice,
  mockAuditReadSlice,
  selfAssessmentReadSlice,
];

/** Every read model the application runs: the slices' own, then the evidence timeline over all of them. */
export const allProjections: readonly Projection[] = [
  ...readSlices.flatMap((slice) => slice.projections),
  evidenceProjection(
    Object.assign({}, ...readSlices.map((slice) => slice.evidence ?? {})),
    Object.assign({}, ...readSlices.map((slice) => slice.evidenceContext ?? {})),
    allPersonalData,
  ),
];
