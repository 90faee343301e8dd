import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema } from './index';

describe('GraphQL schema', () => {
  it('matches the committed schema/schema.graphql (run npm run schema:print after a change)', () => {
    const committed = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
    expect(printedSchema()).toBe(committed);
  });
});
