import type { Timestamp } from '../../services/db/columns';
import type { RetentionCategory } from '../../services/retention/events';

export type RetentionTables = {
  /** The periods an organisation set; a category without a row keeps its default. */
  retention_settings: {
    organisation_id: string;
    category: RetentionCategory;
    months: number;
    /** The settings stream's revision at this row's last change (the stream's is the highest). */
    revision: number;
  };
  /** Each data subject whose data is still held, with the instant its retention period started. */
  retention_subjects: {
    subject_id: string;
    organisation_id: string;
    category: RetentionCategory;
    starts_at: Timestamp;
  };
  /** Subjects already erased: a later fact about them (a deactivation) starts no new period. */
  retention_erased: { subject_id: string };
};
