import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { command, isApiError } from '../../api';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const CertificationJourneyQuery = graphql(`
  query CertificationJourney {
    certificationJourney {
      id
      kind
      startedOn
      complete
      steps { step optional state on }
      certifier { name accreditationRef chosenOn }
      quotes { id certifier initialAuditCents yearlyFollowUpCents receivedOn }
    }
    certificationPlanning {
      revision
      turnoverBand
      label { name heldSince }
      categories
      sites
      newEntrant
      missing
      estimate { halfDays text lines { label halfDays } source }
      surveillance: estimate(auditKind: surveillance) { text }
      reducedAudit { eligible chosen indicators conditions { code label met } }
    }
  }
`);

/** The current journey (or null) and the audit planning, with the stream's revision (If-Match). */
export function useCertificationJourney() {
  return useQuery(graphQLQuery(CertificationJourneyQuery, {}));
}

export type JourneyData = ResultOf<typeof CertificationJourneyQuery>;
export type JourneyView = NonNullable<JourneyData['certificationJourney']>;
export type PlanningView = JourneyData['certificationPlanning'];

/**
 * Sends one command of the certification stream with its revision as If-Match. Success reloads the reads; a
 * stale revision reloads them too and sets `stale`, so the form says so and keeps what was typed.
 */
export function useCertificationCommand(path: string, revision: number) {
  const queryClient = useQueryClient();
  const [stale, setStale] = useState(false);
  const mutation = useMutation({
    mutationFn: (body: object) =>
      command<{ id: string; changed?: boolean }>(path, body, { ifMatch: revision }),
    onMutate: () => setStale(false),
    onSuccess: () => void queryClient.invalidateQueries(),
    onError: (error) => {
      if (isApiError(error) && error.code === 'revision_conflict') {
        setStale(true);
        void queryClient.invalidateQueries();
      }
    },
  });
  return { mutation, stale };
}

/** Euros typed in a form ("885", "885,50", "1 200.5") as whole cents, or null when it is not an amount. */
export const centsOf = (typed: string): number | null => {
  const normalised = typed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(normalised)) return null;
  return Math.round(Number(normalised) * 100);
};
