import type { Upcaster } from './types';

/** One step from a stored version of an event type to the next. */
export interface UpcastStep {
  type: string;
  fromVersion: number;
  upcast(data: unknown): { type?: string; data: unknown };
  /** The type it renames the event to, if it does (declared, so feed readers can filter by type). */
  renamesTo?: string;
}

/** Chains steps until no step applies, so an event stored at v1 reaches the current version. */
export const composeUpcasters = (steps: readonly UpcastStep[]): Upcaster => {
  const byKey = new Map(steps.map((step) => [`${step.type}@${step.fromVersion}`, step]));
  const upcaster: Upcaster = (event) => {
    let current = event;
    for (let step = byKey.get(`${current.type}@${current.schemaVersion}`); step; ) {
      const next = step.upcast(current.data);
      if (next.type !== undefined && next.type !== current.type && next.type !== step.renamesTo) {
        throw new Error(
          `Upcaster ${step.type}@${step.fromVersion} renames to ${next.type} without declaring it`,
        );
      }
      current = {
        type: next.type ?? current.type,
        data: next.data,
        schemaVersion: current.schemaVersion + 1,
      };
      step = byKey.get(`${current.type}@${current.schemaVersion}`);
    }
    return current;
  };
  upcaster.storedTypes = (types) => {
    const names = new Set(types);
    for (let grew = true; grew; ) {
      grew = false;
      for (const step of steps) {
        if (step.renamesTo && names.has(step.renamesTo) && !names.has(step.type)) {
          names.add(step.type);
          grew = true;
        }
      }
    }
    return [...names];
  };
  return upcaster;
};
