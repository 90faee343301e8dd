import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printedSchema } from '../schema/index';
import { projectRoot } from '../services/paths';

writeFileSync(join(projectRoot, 'schema', 'schema.graphql'), printedSchema());
console.log('schema/schema.graphql written');
