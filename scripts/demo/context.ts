import type { EventStore } from '../../services/eventstore/types';
import type { Clock } from '../../services/kernel/clock';
import { type Decider, runCommand } from '../../services/kernel/command';
import { parisDate, startOfParisDay } from '../../services/kernel/paris-time';

const DAY_MS = 86_400_000;

/** A small deterministic generator, so every demo looks the same. */
export const seededRandom = (seed: number) => {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return { random, pick };
};

export type Random = ReturnType<typeof seededRandom>;

/** The demo organisation as every step of the seed writes for it: its admin decides, at a past instant. */
export interface Demo {
  store: EventStore;
  organisationId: string;
  userId: string;
  /** The instant the seed runs: the demo's "today". */
  now: Date;
  rng: Random;
  /** The instant `days` days before now, at `hour` UTC. */
  daysAgo(days: number, hour?: number): Date;
  /**
   * Runs a command as the admin (or the public) at a past instant; answers the result. The newest position is
   * kept, so the caller can wait for the read models to show everything.
   */
  run<State, Command, Event extends { type: string; data: unknown }>(
    when: Date,
    decider: Decider<State, Command, Event>,
    streamId: string,
    command: Command,
    actor?: 'user' | 'public',
  ): Promise<{ events: Event[]; position: number }>;
  lastPosition(): number;
}

export const at = (date: Date): Clock => ({ now: () => date });
/** The Paris calendar day of an instant. */
export const day = parisDate;

export const demoContext = (options: {
  store: EventStore;
  organisationId: string;
  userId: string;
  now: Date;
  position: number;
}): Demo => {
  const { store, organisationId, userId, now } = options;
  let position = options.position;
  return {
    store,
    organisationId,
    userId,
    now,
    rng: seededRandom(20_261_127),
    daysAgo(days, hour = 9) {
      const date = new Date(now.getTime() - days * DAY_MS);
      date.setUTCHours(hour, 0, 0, 0);
      // Never after the seed's own instant: a step of today stays in the past.
      return date.getTime() > now.getTime() ? new Date(now.getTime() - 60_000) : date;
    },
    async run(when, decider, streamId, command, actor = 'user') {
      const result = await runCommand(
        {
          store,
          clock: at(when),
          organisationId,
          actor: actor === 'user' ? { type: 'user', id: userId } : { type: 'public' },
        },
        decider,
        streamId,
        command,
      );
      if (result.events.length > 0) position = Math.max(position, result.position);
      return result;
    },
    lastPosition: () => position,
  };
};

/** The instant `hour` hours into a Paris day, never after the seed's own instant. */
export const onDay = (demo: Demo, date: string, hour: number): Date => {
  const instant = new Date(startOfParisDay(date).getTime() + hour * 3_600_000);
  return instant.getTime() > demo.now.getTime() ? new Date(demo.now.getTime() - 60_000) : instant;
};
