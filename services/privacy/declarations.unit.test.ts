import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { noPersonalData } from './declarations';
import { allPersonalData } from './registry';

/**
 * Every event type every slice exports (the `…EventTypes` lists of each services/<slice>/events.ts, found on
 * disk, so a new slice is covered without editing this test) must declare its personal data either way. Each
 * slice's declarations are also a type-level map over its event union: a type missing from it fails to compile.
 * Stricter than "every type with a string field": the lists carry no data shape, and a type with none declares
 * `noPersonalData` in one line.
 */
const servicesDir = join(dirname(fileURLToPath(import.meta.url)), '..');

const exportedEventTypes = async (): Promise<Map<string, string[]>> => {
  const bySlice = new Map<string, string[]>();
  for (const entry of readdirSync(servicesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const files = readdirSync(join(servicesDir, entry.name));
    if (!files.includes('events.ts')) continue;
    const path = pathToFileURL(join(servicesDir, entry.name, 'events.ts')).href;
    const module = (await import(/* @vite-ignore */ path)) as Record<string, unknown>;
    const types = Object.entries(module)
      .filter(([name, value]) => name.endsWith('EventTypes') && Array.isArray(value))
      .flatMap(([, value]) => value as string[]);
    bySlice.set(entry.name, types);
  }
  return bySlice;
};

describe('personal-data declarations', () => {
  it('finds the slices’ event type lists', async () => {
    const slices = await exportedEventTypes();
    expect([...slices.keys()]).toEqual(expect.arrayContaining(['access', 'feedback', 'training']));
    for (const [slice, types] of slices) expect(types.length, slice).toBeGreaterThan(0);
  });

  it('declares every exported event type either way (personal fields or none)', async () => {
    const undeclared = [...(await exportedEventTypes()).values()]
      .flat()
      .filter((type) => allPersonalData[type] === undefined);
    expect(undeclared).toEqual([]);
  });

  it('declares no field twice in one event type', () => {
    for (const [type, declaration] of Object.entries(allPersonalData)) {
      if (!declaration || declaration === noPersonalData) continue;
      const fields = declaration.map(({ field }) => field);
      expect(new Set(fields).size, type).toBe(fields.length);
    }
  });

  it('declares free text as personal: an answer’s comment, with the answer as its subject', () => {
    const declaration = allPersonalData.FeedbackSubmitted;
    expect(declaration).not.toBe(noPersonalData);
    const comment = (declaration as Exclude<typeof declaration, 'none' | undefined>).find(
      ({ field }) => field === 'comment',
    );
    expect(comment?.subject({ responseId: 'r1', comment: 'x' })).toBe('respondent:r1');
  });

  it('declares a user’s e-mail and display name as theirs', () => {
    const declaration = allPersonalData.UserRegistered;
    const fields = (declaration as Exclude<typeof declaration, 'none' | undefined>).map((field) => [
      field.field,
      field.subject({ userId: 'u1' }),
    ]);
    expect(fields).toEqual([
      ['email', 'user:u1'],
      ['displayName', 'user:u1'],
    ]);
  });
});
