import type { Selectable } from 'kysely';
import type { Timestamp } from '../../services/db/columns';
import type { EvidenceLinkKind, SelfRating } from '../../services/self-assessment/events';

export type SelfAssessmentTables = {
  /** One row per organisation and indicator it has assessed: the stream's revision, for If-Match. */
  self_assessment_indicators: {
    organisation_id: string;
    indicator: number;
    revision: number;
    updated_at: Timestamp;
  };
  /** Every version of every approach, with the log position that wrote it (what "as of" a position reads). */
  self_assessment_approaches: {
    organisation_id: string;
    indicator: number;
    version: number;
    text: string;
    written_by: string;
    written_at: Timestamp;
    position: number;
  };
  /** Every link made, with the positions that made and (once) undid it. */
  self_assessment_links: {
    organisation_id: string;
    indicator: number;
    kind: EvidenceLinkKind;
    target_id: string;
    linked_by: string;
    linked_at: Timestamp;
    linked_position: number;
    unlinked_position: number | null;
  };
  /** Every rating given, with its position; the latest at a position is the rating then. */
  self_assessment_ratings: {
    organisation_id: string;
    indicator: number;
    rating: SelfRating;
    note: string | null;
    rated_by: string;
    rated_at: Timestamp;
    position: number;
  };
};

export type ApproachRow = Selectable<SelfAssessmentTables['self_assessment_approaches']>;
export type LinkRow = Selectable<SelfAssessmentTables['self_assessment_links']>;
export type RatingRow = Selectable<SelfAssessmentTables['self_assessment_ratings']>;
