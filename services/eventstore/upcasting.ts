import type { Upcaster } from './types';

/** One step from a stored version of an event type to the next. */
export interface UpcastStep {
  type: string;
  fromVersion: number;
  upcast(data: unknown): { type?: string; data: unknown };
}

/** Chains steps until no step applies, so an event stored at v1 reaches the current version. */
export const composeUpcasters = (steps: readonly UpcastStep[]): Upcaster => {
  const byKey = new Map(steps.map((step) => [`${step.type}@${step.fromVersion}`, step]));
  return (event) => {
    let current = event;
    for (let step = byKey.get(`${current.type}@${current.schemaVersion}`); step; ) {
      const next = step.upcast(current.data);
      current = {
        type: next.type ?? current.type,
        data: next.data,
        schemaVersion: current.schemaVersion + 1,
      };
      step = byKey.get(`${current.type}@${current.schemaVersion}`);
    }
    return current;
  };
};
