import { describe, expect, it } from 'vitest';
import { readSlices } from '../../projections/index';
import { EVIDENCE_KIND_LABELS } from './kinds';

/**
 * Every kind a slice declares: the fixed ones as they are, and for a kind read from the event, the string literals
 * the function can return (after `?`, `:`, `=>` or `return`).
 */
const declaredKinds = (): { kinds: Set<string>; unreadable: string[] } => {
  const kinds = new Set<string>();
  const unreadable: string[] = [];
  for (const slice of readSlices) {
    for (const [type, declaration] of Object.entries(slice.evidence ?? {})) {
      if (!declaration) continue;
      if (typeof declaration.kind === 'string') {
        kinds.add(declaration.kind);
        continue;
      }
      const returned = [...String(declaration.kind).matchAll(/(?:\?|:|=>|return)\s*["'`]([a-z_]+)["'`]/g)];
      if (returned.length === 0) unreadable.push(type);
      for (const match of returned) kinds.add(match[1] ?? '');
    }
  }
  return { kinds, unreadable };
};

describe('evidence kinds in French', () => {
  it('has a French label for every kind a slice declares', () => {
    const { kinds, unreadable } = declaredKinds();
    expect(unreadable, 'kinds computed in a way this test cannot read: list them here').toEqual([]);
    expect(kinds.size).toBeGreaterThan(20);
    const missing = [...kinds].filter((kind) => !(kind in EVIDENCE_KIND_LABELS));
    expect(missing, 'add these kinds to EVIDENCE_KIND_LABELS').toEqual([]);
  });

  it('reads both kinds of a campaign message (invitation and reminder)', () => {
    expect([...declaredKinds().kinds]).toEqual(expect.arrayContaining(['solicitation', 'reminder']));
  });
});
