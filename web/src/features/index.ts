/**
 * Every feature of the web app, once. The router, the main navigation (in this order) and the messages are
 * built from this list: a new slice adds its folder and one line here.
 */
import { access } from './access';
import { actions } from './actions';
import { answer } from './answer';
import { auditorAccess } from './auditor-access';
import { audits } from './audits';
import { binders } from './binders';
import { calendar } from './calendar';
import { campaignMail } from './campaign-mail';
import { campaigns } from './campaigns';
import { certification } from './certification';
import { complaintPage } from './complaint-page';
import { complaints } from './complaints';
import { contactLog } from './contact-log';
import { dashboard } from './dashboard';
import { disabilityNetwork } from './disability-network';
import { documents } from './documents';
import { evidence } from './evidence';
import { feedback } from './feedback';
import { incidents } from './incidents';
import { mail } from './mail';
import { mockAudit } from './mock-audit';
import { organisation } from './organisation';
import { privacy } from './privacy';
import { publication } from './publication';
import { questionnaires } from './questionnaires';
import { referential } from './referential';
import { results } from './results';
import { retention } from './retention';
import { selfAssessment } from './self-assessment';
import { team } from './team';
import { training } from './training';
import { watch } from './watch';

export const features = [
  access,
  dashboard,
  calendar,
  audits,
  certification,
  mockAudit,
  training,
  feedback,
  answer,
  complaintPage,
  questionnaires,
  campaigns,
  contactLog,
  complaints,
  incidents,
  actions,
  watch,
  disabilityNetwork,
  results,
  campaignMail,
  evidence,
  binders,
  documents,
  selfAssessment,
  publication,
  referential,
  organisation,
  mail,
  team,
  auditorAccess,
  privacy,
  retention,
];

/** Every page of every feature. */
export const routes = features.flatMap((feature) => feature.routes);
