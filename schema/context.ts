import type { Db } from '../services/db/database';
import type { Viewer } from '../services/kernel/auth';
import type { Clock } from '../services/kernel/clock';

export interface GraphQLContext {
  db: Db;
  clock: Clock;
  viewer?: Viewer;
}
