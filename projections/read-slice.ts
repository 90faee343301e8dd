import type { CalendarSource } from './calendar/item';
import type { AllEvidenceContexts, AllEvidenceDeclarations } from './evidence/projection';
import type { Projection } from './runner/projection';

/** What one slice adds to the read side: its read models and the evidence its events declare. */
export interface ReadSlice {
  name: string;
  projections: readonly Projection[];
  evidence?: AllEvidenceDeclarations;
  /** Events that evidence nothing but name the session or action of a source (see EvidenceContext). */
  evidenceContext?: AllEvidenceContexts;
  /** What the slice puts on the organisation's calendar of what is due (dashboard and `.ics` feed). */
  calendar?: CalendarSource;
}
