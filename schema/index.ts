import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder';
import './types/scalars';
import './types/viewer';
import './types/referential';
import './types/dashboard';
import './types/evidence';
// The slices' types: adding a slice adds one line here.
import './types/training';
import './types/feedback';
import './types/organisation';
import './types/mail';
import './types/team';
import './types/questionnaire';
import './types/campaign';
import './types/privacy';
import './types/retention';
import './types/contact-log';
import './types/publication';
import './types/results';
import './types/incidents';
import './types/complaints';
import './types/complaint-page';
import './types/audits';
import './types/calendar';
import './types/actions';
import './types/watch';
import './types/disability-network';
import './types/binder';
import './types/documents';
import './types/readiness';
import './types/auditor-access';
import './types/certification';
import './types/mock-audit';
import './types/self-assessment';

export const schema = builder.toSchema();

/** The schema as committed in schema/schema.graphql (a test fails when they drift). */
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;
