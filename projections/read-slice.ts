import type { CalendarSource } from './calendar/item';
import type { AllEvidenceDeclarations } from './evidence/projection';
import type { Projection } from './runner/projection';

/** What one slice adds to the read side: its read models and the evidence its events declare. */
export interface ReadSlice {
  name: string;
  projections: readonly Projection[];
  evidence?: AllEvidenceDeclarations;
  /** What the slice puts on the organisation's calendar of what is due (dashboard and `.ics` feed). */
  calendar?: CalendarSource;
}
