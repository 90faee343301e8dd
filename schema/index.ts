import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder';
import './types/scalars';
import './types/viewer';
import './types/referential';
import './types/training';
import './types/evidence';

export const schema = builder.toSchema();

/** The schema as committed in schema/schema.graphql (a test fails when they drift). */
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;
