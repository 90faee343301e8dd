import type { AllEvidenceDeclarations } from './evidence/projection';
import type { Projection } from './runner/projection';

/** What one slice adds to the read side: its read models and the evidence its events declare. */
export interface ReadSlice {
  name: string;
  projections: readonly Projection[];
  evidence?: AllEvidenceDeclarations;
}
