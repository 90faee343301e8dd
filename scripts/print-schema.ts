import { writeFileSync } from 'node:fs';
import { printedSchema } from '../schema/index';

writeFileSync(new URL('../schema/schema.graphql', import.meta.url), printedSchema());
console.log('schema/schema.graphql written');
