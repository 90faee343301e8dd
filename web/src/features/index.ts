/**
 * Every feature of the web app, once. The router, the main navigation (in this order) and the messages are
 * built from this list: a new slice adds its folder and one line here.
 */
import { access } from './access';
import { campaignMail } from './campaign-mail';
import { campaigns } from './campaigns';
import { dashboard } from './dashboard';
import { evidence } from './evidence';
import { feedback } from './feedback';
import { mail } from './mail';
import { organisation } from './organisation';
import { privacy } from './privacy';
import { questionnaires } from './questionnaires';
import { referential } from './referential';
import { retention } from './retention';
import { team } from './team';
import { training } from './training';

export const features = [
  access,
  dashboard,
  training,
  feedback,
  questionnaires,
  campaigns,
  campaignMail,
  evidence,
  referential,
  organisation,
  mail,
  team,
  privacy,
  retention,
];

/** Every page of every feature. */
export const routes = features.flatMap((feature) => feature.routes);
