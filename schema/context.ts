import type DataLoader from 'dataloader';
import type { FeedbackLinkRow, FeedbackResponseRow } from '../projections/feedback/queries';
import type { TrainingSessionRow } from '../projections/training/queries';
import type { AnyDb } from '../services/db/database';
import type { Viewer } from '../services/kernel/auth';
import type { Clock } from '../services/kernel/clock';

export interface GraphQLContext {
  db: AnyDb;
  clock: Clock;
  viewer?: Viewer;
  loaders: {
    sessionsByAction: DataLoader<string, TrainingSessionRow[]>;
    linksBySession: DataLoader<string, FeedbackLinkRow[]>;
    responsesBySession: DataLoader<string, FeedbackResponseRow[]>;
  };
}
