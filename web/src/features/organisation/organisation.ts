import { useMutation, useQuery } from '@tanstack/react-query';
import { command } from '../../api';
import { graphql, type ResultOf } from '../../data/graphql';
import { graphQLQuery } from '../../data/query';

const OrganisationProfileQuery = graphql(`
  query OrganisationProfile {
    organisationProfile {
      id name revision legalName siret nda contactEmail logoUrl
      address { street complement postalCode city }
      sites { id name closed }
      activities { categories certifying subcontracting workBasedTraining alternance newEntrant }
      certification { certifierName certificateNumber issuedOn expiresOn audits { kind on } }
      privacyNotice { controller purpose retention contact isDefault }
    }
  }
`);

export type OrganisationProfile = ResultOf<typeof OrganisationProfileQuery>['organisationProfile'];
export type AuditKind = ReturnType<typeof graphql.scalar<'AuditKind'>>;

/** The signed-in member's organisation profile. */
export function useOrganisationProfile() {
  return useQuery({
    ...graphQLQuery(OrganisationProfileQuery, {}),
    select: (data) => data.organisationProfile,
  });
}

/** A change is made on the profile as the page shows it: its revision goes as If-Match. */
export const ifMatch = (profile: { revision: number }) => ({ ifMatch: profile.revision });

/** A profile command (`/api/organisation/<path>`) sent with the revision the page shows. */
export function useProfileCommand<Input>(
  profile: OrganisationProfile,
  path: (input: Input) => string,
  options: { onSuccess?: () => void; onError?: (error: unknown) => void } = {},
) {
  return useMutation({
    mutationFn: (input: Input) => command(`/api/organisation/${path(input)}`, input ?? {}, ifMatch(profile)),
    onSuccess: options.onSuccess,
    onError: options.onError,
  });
}
