import { GraphQLError } from 'graphql';
import { type RetentionSetting, retentionSettings } from '../../projections/retention/queries';
import { requirePermission } from '../../services/kernel/auth';
import {
  RETENTION_CATEGORIES,
  RETENTION_MAX_MONTHS,
  RETENTION_MIN_MONTHS,
} from '../../services/retention/events';
import { builder, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';

/** How far ahead "due soon" looks. */
const SOON_DAYS = 30;

/** Retention settings are the administrators' (they change them, and see what is about to be erased). */
const adminOrganisationOf = (context: GraphQLContext) => {
  const organisationId = organisationOf(context);
  try {
    requirePermission(context.viewer, 'organisation:manage');
  } catch {
    throw new GraphQLError('Only administrators may read retention settings', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return organisationId;
};

const RetentionCategoryEnum = builder.enumType('RetentionCategory', {
  description:
    'feedback_comments: free text of answers; complaints: complainants’ data and what was written about their ' +
    'complaint, from its closing or rejection; contact_logs: recipients of sent mail, invitation addresses, people and words of logged partner contacts; departed_accounts: members ' +
    'deactivated for longer than the period; campaign_respondents: names and addresses of the people feedback campaigns asked, from the closing; ' +
    'incidents: what difficulty and disruption records say of the people concerned, from the resolution',
  values: RETENTION_CATEGORIES,
});

const RetentionCategorySettingRef = builder
  .objectRef<RetentionSetting>('RetentionCategorySetting')
  .implement({
    fields: (t) => ({
      category: t.field({ type: RetentionCategoryEnum, resolve: (row) => row.category }),
      months: t.exposeInt('months', { description: 'The period in force, in months' }),
      defaultMonths: t.exposeInt('defaultMonths'),
      isDefault: t.exposeBoolean('isDefault', { description: 'No period was set: the default applies' }),
      dueNow: t.exposeInt('dueNow', {
        description: 'Subjects past their period: the next sweep erases them',
      }),
      dueSoon: t.exposeInt('dueSoon', { description: 'Subjects whose period ends within the next 30 days' }),
    }),
  });

interface Settings {
  revision: number;
  soonUntil: Date;
  categories: RetentionSetting[];
}

const RetentionSettingsRef = builder.objectRef<Settings>('RetentionSettings').implement({
  fields: (t) => ({
    revision: t.exposeInt('revision', {
      description: 'The settings revision, to send as If-Match (-1 before any change)',
    }),
    minMonths: t.int({ resolve: () => RETENTION_MIN_MONTHS }),
    maxMonths: t.int({ resolve: () => RETENTION_MAX_MONTHS }),
    soonUntil: t.field({ type: 'DateTime', resolve: (settings) => settings.soonUntil }),
    categories: t.field({ type: [RetentionCategorySettingRef], resolve: (settings) => settings.categories }),
  }),
});

builder.queryField('retentionSettings', (t) =>
  t.field({
    type: RetentionSettingsRef,
    authScopes: { member: true },
    description:
      'How long each category of personal data is kept, and what is due to be erased (administrators)',
    resolve: async (_root, _args, context) => {
      const organisationId = adminOrganisationOf(context);
      const now = context.clock.now();
      const soonUntil = new Date(now.getTime() + SOON_DAYS * 86_400_000);
      return { soonUntil, ...(await retentionSettings(context.db, organisationId, now, soonUntil)) };
    },
  }),
);
