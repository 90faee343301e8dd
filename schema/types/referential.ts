import { GraphQLError } from 'graphql';
import {
  type Criterion,
  getReferential,
  type Indicator,
  type ReferentialVersion,
  referentialVersionForDate,
} from '../../services/referential';
import { builder } from '../builder';

const IndicatorRef = builder.objectRef<Indicator>('Indicator').implement({
  fields: (t) => ({
    number: t.exposeInt('number'),
    criterion: t.exposeInt('criterion'),
    title: t.exposeString('title', { description: 'Official French wording' }),
    summaryEn: t.exposeString('summaryEn'),
    majorOnly: t.exposeBoolean('majorOnly', { description: 'Any non-conformity on it is major' }),
    specific: t.exposeBoolean('specific'),
    appliesTo: t.exposeStringList('appliesTo'),
    newEntrantDeferred: t.exposeBoolean('newEntrantDeferred'),
    wordingStatus: t.exposeString('wordingStatus'),
    note: t.exposeString('note', { nullable: true }),
  }),
});

const CriterionRef = builder.objectRef<Criterion>('Criterion').implement({
  fields: (t) => ({
    number: t.exposeInt('number'),
    title: t.exposeString('title', { description: 'Official French wording' }),
    titleEn: t.exposeString('titleEn'),
    indicators: t.field({ type: [IndicatorRef], resolve: (criterion) => criterion.indicators }),
  }),
});

const ReferentialRef = builder.objectRef<ReferentialVersion>('Referential').implement({
  fields: (t) => ({
    version: t.exposeString('version'),
    label: t.exposeString('label'),
    status: t.exposeString('status'),
    statusNote: t.exposeString('statusNote', { nullable: true }),
    legalSource: t.exposeString('legalSource'),
    effectiveFrom: t.exposeString('effectiveFrom'),
    criteria: t.field({ type: [CriterionRef], resolve: (referential) => referential.criteria }),
  }),
});

builder.queryField('referential', (t) =>
  t.field({
    type: ReferentialRef,
    description: 'The national quality referential (RNQ); the version in force today when none is given',
    args: { version: t.arg.string({ required: false }) },
    resolve: (_root, args, context) => {
      const inForce = referentialVersionForDate(context.clock.now().toISOString());
      const referential = getReferential(args.version ?? inForce);
      if (!referential) {
        throw new GraphQLError(`Unknown referential version ${args.version}`, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      return referential;
    },
  }),
);
