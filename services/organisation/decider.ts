import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { sameFacts } from '../kernel/facts';
import type {
  OrganisationActivitiesDeclared,
  OrganisationCertificationRecorded,
  OrganisationIdentityRecorded,
  OrganisationProfileEvent,
  PrivacyNotice,
} from './events';
import { ndaValid, siretValid } from './identifiers';

export type OrganisationProfileCommand =
  | { type: 'RecordIdentity'; identity: OrganisationIdentityRecorded['data'] }
  | { type: 'ChangeLogo'; sha256: string; mediaType: 'image/png' | 'image/jpeg' | 'image/webp'; size: number }
  | { type: 'RemoveLogo' }
  | { type: 'AddSite'; siteId: string; name: string }
  | { type: 'RenameSite'; siteId: string; name: string }
  | { type: 'CloseSite'; siteId: string }
  | { type: 'DeclareActivities'; activities: OrganisationActivitiesDeclared['data'] }
  | { type: 'RecordCertification'; certification: OrganisationCertificationRecorded['data'] }
  | { type: 'UpdatePrivacyNotice'; notice: PrivacyNotice };

interface Site {
  name: string;
  closed: boolean;
}

export interface OrganisationProfileState {
  identity?: OrganisationIdentityRecorded['data'];
  logoSha256?: string;
  sites: ReadonlyMap<string, Site>;
  activities?: OrganisationActivitiesDeclared['data'];
  certification?: OrganisationCertificationRecorded['data'];
  privacyNotice?: PrivacyNotice;
}

/** Enough for a network of training centres; beyond it the list is being abused. */
export const MAX_SITES = 200;

const withSite = (state: OrganisationProfileState, siteId: string, site: Site): OrganisationProfileState => ({
  ...state,
  sites: new Map([...state.sites, [siteId, site]]),
});

const openSiteNamed = (state: OrganisationProfileState, name: string, except?: string) =>
  [...state.sites].some(
    ([id, site]) =>
      id !== except && !site.closed && site.name.toLocaleLowerCase('fr') === name.toLocaleLowerCase('fr'),
  );

const checkIdentity = (identity: OrganisationIdentityRecorded['data']) => {
  if (!siretValid(identity.siret)) {
    throw badRequest('invalid_siret', 'The SIRET must be 14 digits with a valid check key');
  }
  if (identity.nda !== null && !ndaValid(identity.nda)) {
    throw badRequest('invalid_nda', "The numéro de déclaration d'activité must be 11 digits");
  }
};

const checkActivities = (activities: OrganisationActivitiesDeclared['data']) => {
  if (activities.categories.length === 0) {
    throw badRequest('no_action_category', 'Choose at least one category of action');
  }
};

const checkCertification = (certification: OrganisationCertificationRecorded['data']) => {
  if (certification.expiresOn <= certification.issuedOn) {
    throw badRequest('certificate_expires_before_issue', 'The certificate must expire after it was issued');
  }
};

/** The organisation's profile: identity, logo, sites, what it runs, its certificate and its privacy notice. */
export const organisationProfileDecider: Decider<
  OrganisationProfileState,
  OrganisationProfileCommand,
  OrganisationProfileEvent
> = {
  initialState: { sites: new Map() },

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationIdentityRecorded':
        return { ...state, identity: event.data };
      case 'OrganisationLogoChanged':
        return { ...state, logoSha256: event.data.sha256 };
      case 'OrganisationLogoRemoved':
        return { ...state, logoSha256: undefined };
      case 'OrganisationSiteAdded':
        return withSite(state, event.data.siteId, { name: event.data.name, closed: false });
      case 'OrganisationSiteRenamed': {
        const site = state.sites.get(event.data.siteId);
        return site ? withSite(state, event.data.siteId, { ...site, name: event.data.name }) : state;
      }
      case 'OrganisationSiteClosed': {
        const site = state.sites.get(event.data.siteId);
        return site ? withSite(state, event.data.siteId, { ...site, closed: true }) : state;
      }
      case 'OrganisationActivitiesDeclared':
        return { ...state, activities: event.data };
      case 'OrganisationCertificationRecorded':
        return { ...state, certification: event.data };
      case 'PrivacyNoticeUpdated':
        return { ...state, privacyNotice: event.data };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RecordIdentity': {
        checkIdentity(command.identity);
        if (sameFacts(state.identity, command.identity)) return [];
        return [{ type: 'OrganisationIdentityRecorded', data: command.identity }];
      }
      case 'ChangeLogo': {
        if (state.logoSha256 === command.sha256) return [];
        const { sha256, mediaType, size } = command;
        return [{ type: 'OrganisationLogoChanged', data: { sha256, mediaType, size } }];
      }
      case 'RemoveLogo':
        return state.logoSha256 === undefined ? [] : [{ type: 'OrganisationLogoRemoved', data: {} }];
      case 'AddSite': {
        if (state.sites.has(command.siteId)) throw conflict('site_exists', 'This site already exists');
        if (openSiteNamed(state, command.name)) {
          throw conflict('site_name_taken', 'An open site already has this name');
        }
        if (state.sites.size >= MAX_SITES) {
          throw conflict('too_many_sites', `An organisation has at most ${MAX_SITES} sites`);
        }
        return [{ type: 'OrganisationSiteAdded', data: { siteId: command.siteId, name: command.name } }];
      }
      case 'RenameSite': {
        const site = state.sites.get(command.siteId);
        if (!site) throw notFound('site_not_found', 'No such site');
        if (site.closed) throw conflict('site_closed', 'A closed site cannot be renamed');
        if (site.name === command.name) return [];
        if (openSiteNamed(state, command.name, command.siteId)) {
          throw conflict('site_name_taken', 'An open site already has this name');
        }
        return [{ type: 'OrganisationSiteRenamed', data: { siteId: command.siteId, name: command.name } }];
      }
      case 'CloseSite': {
        const site = state.sites.get(command.siteId);
        if (!site) throw notFound('site_not_found', 'No such site');
        return site.closed ? [] : [{ type: 'OrganisationSiteClosed', data: { siteId: command.siteId } }];
      }
      case 'DeclareActivities': {
        checkActivities(command.activities);
        const activities = {
          ...command.activities,
          categories: [...new Set(command.activities.categories)],
        };
        if (sameFacts(state.activities, activities)) return [];
        return [{ type: 'OrganisationActivitiesDeclared', data: activities }];
      }
      case 'RecordCertification': {
        checkCertification(command.certification);
        const audits = [...command.certification.audits].sort((a, b) => a.on.localeCompare(b.on));
        const certification = { ...command.certification, audits };
        if (sameFacts(state.certification, certification)) return [];
        return [{ type: 'OrganisationCertificationRecorded', data: certification }];
      }
      case 'UpdatePrivacyNotice': {
        if (sameFacts(state.privacyNotice, command.notice)) return [];
        return [{ type: 'PrivacyNoticeUpdated', data: command.notice }];
      }
    }
  },
};
