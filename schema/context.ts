import type { Db } from '../services/db/database';
import type { Viewer } from '../services/kernel/auth';
import type { Clock } from '../services/kernel/clock';

export interface GraphQLContext {
  db: Db;
  clock: Clock;
  viewer?: Viewer;
  /** The key campaign link tokens are derived with (services/campaign/links.ts): managers see shared links. */
  campaignLinkKey: Buffer;
  /** The key public complaint page addresses are derived with (services/complaints/public-page.ts). */
  complaintPageKey: Buffer;
}
