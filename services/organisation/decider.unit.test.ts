import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { organisationProfileDecider } from './decider';
import type { OrganisationProfileEvent } from './events';

const profile = deciderSpec(organisationProfileDecider);

const identity = {
  legalName: 'Formations Horizon SARL',
  siret: '44306184100047',
  nda: '11755555575',
  address: { street: '12 rue des Lilas', complement: null, postalCode: '69003', city: 'Lyon' },
  contactEmail: 'qualite@horizon.fr',
};
const identityRecorded: OrganisationProfileEvent = { type: 'OrganisationIdentityRecorded', data: identity };
const siteAdded = (siteId: string, name: string): OrganisationProfileEvent => ({
  type: 'OrganisationSiteAdded',
  data: { siteId, name },
});
const activities = {
  categories: ['training' as const],
  certifying: false,
  subcontracting: false,
  workBasedTraining: false,
  alternance: false,
  newEntrant: true,
};
const certification = {
  certifierName: 'Certif Plus',
  certificateNumber: 'QUA-2025-001',
  issuedOn: '2025-03-01',
  expiresOn: '2028-02-28',
  audits: [
    { kind: 'surveillance' as const, on: '2026-09-15' },
    { kind: 'initial' as const, on: '2025-02-10' },
  ],
};

describe('organisation profile: identity', () => {
  it('records the identity, and recording the same again changes nothing', () => {
    profile.given([]).when({ type: 'RecordIdentity', identity }).thenEmits([identityRecorded]);
    profile.given([identityRecorded]).when({ type: 'RecordIdentity', identity }).thenNothing();
  });

  it('the same identity with its keys in another order (as jsonb reads it back) is still the same', () => {
    const reversed = Object.fromEntries(Object.entries(identity).reverse()) as typeof identity;
    const reordered: OrganisationProfileEvent = { type: 'OrganisationIdentityRecorded', data: reversed };
    profile.given([reordered]).when({ type: 'RecordIdentity', identity }).thenNothing();
  });

  it('refuses a SIRET with a wrong check key', () => {
    profile
      .given([])
      .when({ type: 'RecordIdentity', identity: { ...identity, siret: '44306184100048' } })
      .thenRejects('invalid_siret', 400);
  });

  it("accepts a La Poste establishment's SIRET, the known exception to the check key", () => {
    const laPoste = { ...identity, siret: '35600000049837' };
    profile
      .given([])
      .when({ type: 'RecordIdentity', identity: laPoste })
      .thenEmits([{ type: 'OrganisationIdentityRecorded', data: laPoste }]);
  });

  it('refuses an NDA that is not 11 digits, and accepts none yet', () => {
    profile
      .given([])
      .when({ type: 'RecordIdentity', identity: { ...identity, nda: '1175555557' } })
      .thenRejects('invalid_nda', 400);
    profile
      .given([])
      .when({ type: 'RecordIdentity', identity: { ...identity, nda: null } })
      .thenMatches([{ type: 'OrganisationIdentityRecorded', data: { nda: null } }]);
  });
});

describe('organisation profile: sites', () => {
  it('adds a site, refusing a second open site of the same name', () => {
    profile
      .given([])
      .when({ type: 'AddSite', siteId: 's1', name: 'Lyon' })
      .thenEmits([siteAdded('s1', 'Lyon')]);
    profile
      .given([siteAdded('s1', 'Lyon')])
      .when({ type: 'AddSite', siteId: 's2', name: 'lyon' })
      .thenRejects('site_name_taken', 409);
    profile
      .given([siteAdded('s1', 'Lyon')])
      .when({ type: 'AddSite', siteId: 's1', name: 'Paris' })
      .thenRejects('site_exists', 409);
  });

  it('renames an open site; an unknown one is 404, a closed one 409', () => {
    profile
      .given([siteAdded('s1', 'Lyon')])
      .when({ type: 'RenameSite', siteId: 's1', name: 'Lyon Part-Dieu' })
      .thenEmits([{ type: 'OrganisationSiteRenamed', data: { siteId: 's1', name: 'Lyon Part-Dieu' } }]);
    profile
      .given([])
      .when({ type: 'RenameSite', siteId: 's1', name: 'X' })
      .thenRejects('site_not_found', 404);
    profile
      .given([siteAdded('s1', 'Lyon'), { type: 'OrganisationSiteClosed', data: { siteId: 's1' } }])
      .when({ type: 'RenameSite', siteId: 's1', name: 'X' })
      .thenRejects('site_closed', 409);
  });

  it('closes a site once; its name is free again for a new site', () => {
    const closed: OrganisationProfileEvent = { type: 'OrganisationSiteClosed', data: { siteId: 's1' } };
    profile
      .given([siteAdded('s1', 'Lyon')])
      .when({ type: 'CloseSite', siteId: 's1' })
      .thenEmits([closed]);
    profile
      .given([siteAdded('s1', 'Lyon'), closed])
      .when({ type: 'CloseSite', siteId: 's1' })
      .thenNothing();
    profile
      .given([siteAdded('s1', 'Lyon'), closed])
      .when({ type: 'AddSite', siteId: 's2', name: 'Lyon' })
      .thenEmits([siteAdded('s2', 'Lyon')]);
  });
});

describe('organisation profile: activities, certificate, privacy notice, logo', () => {
  it('declares the activities, and needs at least one category of action', () => {
    profile
      .given([])
      .when({ type: 'DeclareActivities', activities })
      .thenEmits([{ type: 'OrganisationActivitiesDeclared', data: activities }]);
    profile
      .given([])
      .when({ type: 'DeclareActivities', activities: { ...activities, categories: [] } })
      .thenRejects('no_action_category', 400);
  });

  it('records the certificate with its audits in date order; it must expire after it was issued', () => {
    profile
      .given([])
      .when({ type: 'RecordCertification', certification })
      .thenEmits([
        {
          type: 'OrganisationCertificationRecorded',
          data: { ...certification, audits: [certification.audits[1]!, certification.audits[0]!] },
        },
      ]);
    profile
      .given([])
      .when({ type: 'RecordCertification', certification: { ...certification, expiresOn: '2025-03-01' } })
      .thenRejects('certificate_expires_before_issue', 400);
  });

  it('updates the privacy notice only when it changes', () => {
    const notice = {
      controller: 'Horizon',
      purpose: 'Améliorer',
      retention: '3 ans',
      contact: 'dpo@horizon.fr',
    };
    const updated: OrganisationProfileEvent = { type: 'PrivacyNoticeUpdated', data: notice };
    profile.given([]).when({ type: 'UpdatePrivacyNotice', notice }).thenEmits([updated]);
    profile.given([updated]).when({ type: 'UpdatePrivacyNotice', notice }).thenNothing();
  });

  it('changes the logo by hash, and removes it only when there is one', () => {
    const changed: OrganisationProfileEvent = {
      type: 'OrganisationLogoChanged',
      data: { sha256: 'a'.repeat(64), mediaType: 'image/png', size: 1200 },
    };
    profile
      .given([])
      .when({ type: 'ChangeLogo', sha256: 'a'.repeat(64), mediaType: 'image/png', size: 1200 })
      .thenEmits([changed]);
    profile
      .given([changed])
      .when({ type: 'ChangeLogo', sha256: 'a'.repeat(64), mediaType: 'image/png', size: 1200 })
      .thenNothing();
    profile
      .given([changed])
      .when({ type: 'RemoveLogo' })
      .thenEmits([{ type: 'OrganisationLogoRemoved', data: {} }]);
    profile.given([]).when({ type: 'RemoveLogo' }).thenNothing();
  });
});
