import { memberNames } from '../../projections/complaints/queries';
import { listEvidenceDocuments } from '../../projections/documents/queries';
import { evidenceTimeline } from '../../projections/evidence/queries';
import {
  approachHistory,
  type IndicatorAssessment,
  selfAssessmentRevisions,
  selfAssessmentsAt,
} from '../../projections/self-assessment/queries';
import type { ApproachRow } from '../../projections/self-assessment/tables';
import { binderReferential } from '../../services/binder/source';
import { can } from '../../services/kernel/auth';
import { parisDate } from '../../services/kernel/paris-time';
import { linkedEvidence, type PreparatoryEvidence } from '../../services/self-assessment/document';
import { EVIDENCE_LINK_KINDS, SELF_RATINGS } from '../../services/self-assessment/events';
import { builder, organisationOf } from '../builder';
import type { GraphQLContext } from '../context';
import { perRequest } from '../loader';

/** How many of an indicator's most recent timeline items the evidence picker offers. */
const PICKER_ITEMS = 100;

const namesById = perRequest<string, string | null>(async (context, ids) => {
  const rows = await memberNames(context.db, organisationOf(context), ids);
  const names = new Map(rows.map((row) => [row.user_id, row.display_name]));
  return ids.map((id) => names.get(id) ?? null);
});

interface IndicatorView {
  number: number;
  criterion: number;
  criterionTitle: string;
  wording: string;
  assessment: IndicatorAssessment;
  revision: number;
}

interface EvidenceChoice {
  kind: (typeof EVIDENCE_LINK_KINDS)[number];
  id: string;
  title: string;
  on: string;
  linked: boolean;
}

const SelfRatingEnum = builder.enumType('SelfRating', {
  description: 'conform, partly conform, not yet conform',
  values: SELF_RATINGS,
});
const EvidenceLinkKindEnum = builder.enumType('SelfAssessmentEvidenceKind', { values: EVIDENCE_LINK_KINDS });

const ApproachRef = builder.objectRef<ApproachRow>('SelfAssessmentApproach').implement({
  description: 'One version of an indicator’s approach: the whole formatted text',
  fields: (t) => ({
    version: t.exposeInt('version'),
    text: t.exposeString('text', {
      description: 'Formatted text: paragraphs (empty line), "- " bullet lists, **bold**; never HTML',
    }),
    writtenAt: t.field({ type: 'DateTime', resolve: (row) => row.written_at }),
    writtenByName: t.string({
      nullable: true,
      description: 'Null when they are no longer a member',
      resolve: (row, _args, context) => namesById(context).load(row.written_by),
    }),
  }),
});

const EvidenceRef = builder.objectRef<PreparatoryEvidence>('SelfAssessmentEvidence').implement({
  description: 'A piece of evidence linked to an indicator’s self-assessment',
  fields: (t) => ({
    kind: t.field({ type: EvidenceLinkKindEnum, resolve: (row) => row.kind }),
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    on: t.field({ type: 'Date', resolve: (row) => row.on }),
    reference: t.exposeString('reference'),
  }),
});

const ChoiceRef = builder.objectRef<EvidenceChoice>('SelfAssessmentEvidenceChoice').implement({
  description: 'A piece of evidence of the indicator that can be linked',
  fields: (t) => ({
    kind: t.field({ type: EvidenceLinkKindEnum, resolve: (row) => row.kind }),
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    on: t.field({ type: 'Date', resolve: (row) => row.on }),
    linked: t.exposeBoolean('linked'),
  }),
});

const evidenceOf = (context: GraphQLContext, view: IndicatorView) =>
  linkedEvidence(context.db, organisationOf(context), [view.assessment], null).then(
    (map) => map.get(view.number) ?? [],
  );

const IndicatorRef = builder.objectRef<IndicatorView>('SelfAssessmentIndicator').implement({
  description: 'The organisation’s self-assessment of one applicable indicator',
  fields: (t) => ({
    number: t.exposeInt('number'),
    criterion: t.exposeInt('criterion'),
    criterionTitle: t.exposeString('criterionTitle'),
    wording: t.exposeString('wording', { description: 'The official wording' }),
    revision: t.int({
      description: 'Send it as If-Match with the next change (-1 before any)',
      resolve: (view) => view.revision,
    }),
    approach: t.field({ type: ApproachRef, nullable: true, resolve: (view) => view.assessment.approach }),
    approachHistory: t.field({
      type: [ApproachRef],
      description: 'Every version, newest first',
      resolve: (view, _args, context) => approachHistory(context.db, organisationOf(context), view.number),
    }),
    rating: t.field({
      type: SelfRatingEnum,
      nullable: true,
      resolve: (view) => view.assessment.rating?.rating ?? null,
    }),
    ratingNote: t.string({ nullable: true, resolve: (view) => view.assessment.rating?.note ?? null }),
    ratedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (view) => view.assessment.rating?.rated_at ?? null,
    }),
    evidenceCount: t.int({ resolve: (view) => view.assessment.links.length }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'The linked evidence, by date',
      resolve: (view, _args, context) => evidenceOf(context, view),
    }),
    evidenceChoices: t.field({
      type: [ChoiceRef],
      description: `The indicator’s current documents, then its ${PICKER_ITEMS} most recent timeline items`,
      resolve: async (view, _args, context) => {
        const organisationId = organisationOf(context);
        const linked = new Set(view.assessment.links.map((link) => `${link.kind}:${link.target_id}`));
        const [documents, items] = await Promise.all([
          listEvidenceDocuments(context.db, organisationId, { indicator: view.number }),
          evidenceTimeline(
            context.db,
            organisationId,
            view.number,
            {},
            { limit: PICKER_ITEMS, newestFirst: true },
          ),
        ]);
        return [
          ...documents.map(
            (row): EvidenceChoice => ({
              kind: 'document',
              id: row.id,
              title: `Document « ${row.title} », version ${row.version}`,
              on: String(row.dated_on).slice(0, 10),
              linked: linked.has(`document:${row.id}`),
            }),
          ),
          ...items.map(
            (row): EvidenceChoice => ({
              kind: 'evidence_item',
              id: row.event_id,
              title: row.title,
              on: parisDate(new Date(row.occurred_at)),
              linked: linked.has(`evidence_item:${row.event_id}`),
            }),
          ),
        ];
      },
    }),
    canManage: t.boolean({
      description: 'Whether the viewer may change it (admins and quality managers)',
      resolve: (_view, _args, context) =>
        !!context.viewer && can(context.viewer.role, 'self-assessment:manage'),
    }),
  }),
});

/** The applicable indicators (today's referential and the organisation's activities) with their assessment. */
const indicatorsOf = async (context: GraphQLContext): Promise<IndicatorView[]> => {
  const organisationId = organisationOf(context);
  const [{ referential, applicable }, assessments, revisions] = await Promise.all([
    binderReferential(context.db, organisationId, parisDate(context.clock.now())),
    selfAssessmentsAt(context.db, organisationId, null),
    selfAssessmentRevisions(context.db, organisationId),
  ]);
  const covered = new Set(applicable);
  return referential.criteria.flatMap((criterion) =>
    criterion.indicators
      .filter((indicator) => covered.has(indicator.number))
      .map((indicator) => ({
        number: indicator.number,
        criterion: criterion.number,
        criterionTitle: criterion.title,
        wording: indicator.title,
        assessment: assessments.get(indicator.number) ?? {
          indicator: indicator.number,
          approach: null,
          rating: null,
          links: [],
        },
        revision: revisions.get(indicator.number) ?? -1,
      })),
  );
};

builder.queryField('selfAssessment', (t) =>
  t.field({
    type: [IndicatorRef],
    authScopes: { member: true },
    description:
      'Every indicator that applies to the organisation today, by criterion, with its self-assessment',
    resolve: (_root, _args, context) => indicatorsOf(context),
  }),
);

builder.queryField('selfAssessmentIndicator', (t) =>
  t.field({
    type: IndicatorRef,
    nullable: true,
    authScopes: { member: true },
    description: 'One applicable indicator’s self-assessment (null when it does not apply)',
    args: { number: t.arg.int({ required: true }) },
    resolve: async (_root, args, context) =>
      (await indicatorsOf(context)).find((view) => view.number === args.number) ?? null,
  }),
);
