import { graphql } from '../../data/graphql';

/** What a session's feedback block needs: its links (with their answer counts) and the answers received. */
export const SessionFeedbackFields = graphql(`
  fragment SessionFeedbackFields on TrainingSession {
    id
    feedbackLinks { id audience createdAt expiresAt status responseCount }
    responses { id audience rating comment submittedAt }
  }
`);
