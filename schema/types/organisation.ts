import { GraphQLError } from 'graphql';
import {
  findOrganisation,
  findOrganisationProfile,
  privacyNoticeOf,
  sitesOfOrganisation,
} from '../../projections/organisations/queries';
import type { OrganisationProfileRow, OrganisationSiteRow } from '../../projections/organisations/tables';
import { AUDIT_KINDS, type PrivacyNotice, type RecordedAudit } from '../../services/organisation/events';
import { logoUrl } from '../../services/organisation/logo-url';
import {
  type ActionCategory,
  getReferential,
  type IndicatorApplicability,
  indicatorApplicability,
  referentialVersionForDate,
} from '../../services/referential';
import { builder, organisationOf } from '../builder';
import { ActionCategoryEnum } from './training';

/** The profile as GraphQL serves it: the read model's row (absent before the first change) and the name. */
interface Profile {
  organisationId: string;
  name: string;
  row?: OrganisationProfileRow;
  sites: OrganisationSiteRow[];
}

interface Activities {
  categories: ActionCategory[];
  certifying: boolean;
  subcontracting: boolean;
  workBasedTraining: boolean;
  alternance: boolean;
  newEntrant: boolean;
}

const AuditKindEnum = builder.enumType('AuditKind', { values: AUDIT_KINDS });

const AddressRef = builder
  .objectRef<{ street: string; complement: string | null; postalCode: string; city: string }>('PostalAddress')
  .implement({
    fields: (t) => ({
      street: t.exposeString('street'),
      complement: t.exposeString('complement', { nullable: true }),
      postalCode: t.exposeString('postalCode'),
      city: t.exposeString('city'),
    }),
  });

const SiteRef = builder.objectRef<OrganisationSiteRow>('OrganisationSite').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    closed: t.boolean({ resolve: (site) => site.closed_at !== null }),
    closedAt: t.field({ type: 'DateTime', nullable: true, resolve: (site) => site.closed_at }),
  }),
});

const ActivitiesRef = builder.objectRef<Activities>('OrganisationActivities').implement({
  description: 'What the organisation runs, as far as indicator applicability is concerned',
  fields: (t) => ({
    categories: t.field({ type: [ActionCategoryEnum], resolve: (activities) => activities.categories }),
    certifying: t.exposeBoolean('certifying'),
    subcontracting: t.exposeBoolean('subcontracting'),
    workBasedTraining: t.exposeBoolean('workBasedTraining'),
    alternance: t.exposeBoolean('alternance'),
    newEntrant: t.exposeBoolean('newEntrant'),
  }),
});

const AuditRef = builder.objectRef<RecordedAudit>('RecordedAudit').implement({
  fields: (t) => ({
    kind: t.field({ type: AuditKindEnum, resolve: (audit) => audit.kind }),
    on: t.field({ type: 'Date', resolve: (audit) => audit.on }),
  }),
});

const CertificationRef = builder.objectRef<OrganisationProfileRow>('QualiopiCertification').implement({
  fields: (t) => ({
    certifierName: t.string({ resolve: (row) => row.certifier_name ?? '' }),
    certificateNumber: t.string({ resolve: (row) => row.certificate_number ?? '' }),
    issuedOn: t.field({ type: 'Date', resolve: (row) => row.certificate_issued_on ?? '' }),
    expiresOn: t.field({ type: 'Date', resolve: (row) => row.certificate_expires_on ?? '' }),
    audits: t.field({ type: [AuditRef], resolve: (row) => row.audits ?? [] }),
  }),
});

const PrivacyNoticeRef = builder
  .objectRef<PrivacyNotice & { isDefault: boolean }>('PrivacyNotice')
  .implement({
    description: 'What public forms say about the processing of answers',
    fields: (t) => ({
      controller: t.exposeString('controller'),
      purpose: t.exposeString('purpose'),
      retention: t.exposeString('retention'),
      contact: t.exposeString('contact'),
      isDefault: t.exposeBoolean('isDefault', { description: 'The default notice: none was written yet' }),
    }),
  });

const IndicatorApplicabilityRef = builder
  .objectRef<IndicatorApplicability>('IndicatorApplicability')
  .implement({
    fields: (t) => ({
      number: t.exposeInt('number'),
      applies: t.exposeBoolean('applies'),
      because: t.exposeStringList('because', {
        description: 'What makes it apply: `common`, or the categories and conditions of the organisation',
      }),
      deferredToSurveillance: t.exposeBoolean('deferredToSurveillance', {
        description: 'A new entrant shows its results on it at the surveillance audit only',
      }),
    }),
  });

const activitiesOf = (row: OrganisationProfileRow | undefined): Activities | null =>
  row?.categories
    ? {
        categories: row.categories,
        certifying: row.certifying,
        subcontracting: row.subcontracting,
        workBasedTraining: row.work_based_training,
        alternance: row.alternance,
        newEntrant: row.new_entrant,
      }
    : null;

const ProfileRef = builder.objectRef<Profile>('OrganisationProfile').implement({
  description: 'The organisation profile; admins change it with the /api/organisation commands',
  fields: (t) => ({
    id: t.exposeID('organisationId'),
    name: t.exposeString('name'),
    revision: t.int({
      description: 'Send it as If-Match to change the profile (-1 before its first change)',
      resolve: (profile) => profile.row?.revision ?? -1,
    }),
    legalName: t.string({ nullable: true, resolve: (profile) => profile.row?.legal_name ?? null }),
    siret: t.string({ nullable: true, resolve: (profile) => profile.row?.siret ?? null }),
    nda: t.string({ nullable: true, resolve: (profile) => profile.row?.nda ?? null }),
    address: t.field({
      type: AddressRef,
      nullable: true,
      resolve: ({ row }) =>
        row?.street && row.postal_code && row.city
          ? {
              street: row.street,
              complement: row.address_complement,
              postalCode: row.postal_code,
              city: row.city,
            }
          : null,
    }),
    contactEmail: t.string({ nullable: true, resolve: (profile) => profile.row?.contact_email ?? null }),
    logoUrl: t.string({
      nullable: true,
      resolve: (profile) => (profile.row?.logo_sha256 ? logoUrl(profile.row.logo_sha256) : null),
    }),
    sites: t.field({ type: [SiteRef], resolve: (profile) => profile.sites }),
    activities: t.field({
      type: ActivitiesRef,
      nullable: true,
      resolve: (profile) => activitiesOf(profile.row),
    }),
    certification: t.field({
      type: CertificationRef,
      nullable: true,
      resolve: (profile) => (profile.row?.certificate_number ? profile.row : null),
    }),
    privacyNotice: t.field({
      type: PrivacyNoticeRef,
      resolve: ({ row, name }) =>
        privacyNoticeOf(
          {
            privacy_controller: row?.privacy_controller ?? null,
            privacy_purpose: row?.privacy_purpose ?? null,
            privacy_retention: row?.privacy_retention ?? null,
            privacy_contact: row?.privacy_contact ?? null,
          },
          name,
          row?.contact_email ?? null,
        ),
    }),
    applicability: t.field({
      type: [IndicatorApplicabilityRef],
      nullable: true,
      description:
        'Every indicator of a referential version (the one in force when none is given): whether it applies and why; null until the activities are declared',
      args: { version: t.arg.string({ required: false }) },
      resolve: (profile, args, context) => {
        const activities = activitiesOf(profile.row);
        if (!activities) return null;
        const version = args.version ?? referentialVersionForDate(context.clock.now().toISOString());
        if (!getReferential(version)) {
          throw new GraphQLError(`Unknown referential version ${version}`, {
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
        return indicatorApplicability(activities, version);
      },
    }),
  }),
});

builder.queryField('organisationProfile', (t) =>
  t.field({
    type: ProfileRef,
    authScopes: { member: true },
    description: "The signed-in member's organisation profile",
    resolve: async (_root, _args, context) => {
      const organisationId = organisationOf(context);
      const [organisation, row, sites] = await Promise.all([
        findOrganisation(context.db, organisationId),
        findOrganisationProfile(context.db, organisationId),
        sitesOfOrganisation(context.db, organisationId),
      ]);
      return { organisationId, name: organisation?.name ?? '', row, sites };
    },
  }),
);
