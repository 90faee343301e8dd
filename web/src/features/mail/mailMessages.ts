import { useQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const MailMessagesQuery = graphql(`
  query MailMessages($first: Int) {
    mailMessages(first: $first) {
      edges {
        node {
          id recipient template locale status attempts lastError response outbox queuedAt nextAttemptAt
          developmentCopy { subject text }
        }
      }
    }
  }
`);

export type MailMessage = ResultOf<typeof MailMessagesQuery>['mailMessages']['edges'][number]['node'];
export type MailStatus = MailMessage['status'];
export type MailTemplate = MailMessage['template'];

/** The organisation's 100 newest messages (administrators only). */
export function useMailMessages() {
  return useQuery({
    ...graphQLQuery(MailMessagesQuery, { first: 100 }),
    select: (data) => data.mailMessages.edges.map((edge) => edge.node),
  });
}
