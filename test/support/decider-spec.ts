import { expect } from 'vitest';
import type { Decider } from '../../services/kernel/command';
import { AppError } from '../../services/kernel/errors';

/**
 * Decider tests that read like the rule: `spec.given(events).when(command).thenEmits(events)` or
 * `.thenRejects(code)`. `decided()` answers the events, for tests that go on from them.
 */
export const deciderSpec = <State, Command, Event extends { type: string; data: unknown }>(
  decider: Decider<State, Command, Event>,
) => ({
  given: (history: readonly Event[]) => {
    const state = history.reduce(decider.evolve, decider.initialState);
    return {
      state,
      when: (command: Command) => {
        const decide = () => decider.decide(command, state);
        return {
          decided: decide,
          thenEmits: (expected: readonly Event[]) => expect(decide()).toEqual(expected),
          thenMatches: (expected: readonly unknown[]) => expect(decide()).toMatchObject(expected),
          thenNothing: () => expect(decide()).toEqual([]),
          thenRejects: (code: string, status?: number) => {
            let thrown: unknown;
            try {
              decide();
            } catch (error) {
              thrown = error;
            }
            expect(thrown, `expected the command to be refused with ${code}`).toBeInstanceOf(AppError);
            expect((thrown as AppError).code).toBe(code);
            if (status !== undefined) expect((thrown as AppError).status).toBe(status);
            return thrown as AppError;
          },
        };
      },
    };
  },
});
