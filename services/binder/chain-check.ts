import { StringDecoder } from 'node:string_decoder';
import { canonicalJson } from './canonical-json';
import { CHAIN_GENESIS, chainHash } from './format';

/** What is wrong with events.jsonl, event by event; `at` names the event (position and id) where it is known. */
export type ChainProblem =
  | { kind: 'unreadable_line'; line: number }
  | { kind: 'not_canonical'; line: number; at: EventRef }
  | {
      kind: 'out_of_order';
      line: number;
      before: EventRef;
      after: EventRef;
    }
  | { kind: 'broken_link'; line: number; at: EventRef }
  | { kind: 'altered_event'; line: number; at: EventRef }
  | { kind: 'incomplete_last_line'; line: number };

export interface EventRef {
  position: number;
  eventId: string;
}

export interface ChainResult {
  count: number;
  /** The head recomputed from the genesis over every line's event, whatever each line claims. */
  head: string;
  problems: ChainProblem[];
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Checks events.jsonl as it streams, line by line: each line canonical, positions strictly ascending, each line's
 * `prev` the line before's `hash`, each `hash` recomputed from `prev` and the event. A broken line is reported and
 * the check goes on from what it claims, so each tampered event is named once.
 */
export const createChainCheck = () => {
  const decoder = new StringDecoder('utf8');
  const problems: ChainProblem[] = [];
  let pending = '';
  let line = 0;
  let count = 0;
  let head = CHAIN_GENESIS;
  let claimed = CHAIN_GENESIS;
  let previous: EventRef | undefined;

  const check = (text: string) => {
    line += 1;
    let parsed: { event?: { position?: unknown; eventId?: unknown }; prev?: unknown; hash?: unknown };
    try {
      parsed = JSON.parse(text);
    } catch {
      problems.push({ kind: 'unreadable_line', line });
      return;
    }
    const event = parsed?.event;
    if (
      typeof event !== 'object' ||
      event === null ||
      typeof event.position !== 'number' ||
      typeof event.eventId !== 'string' ||
      typeof parsed.prev !== 'string' ||
      typeof parsed.hash !== 'string' ||
      !HEX64.test(parsed.prev) ||
      !HEX64.test(parsed.hash)
    ) {
      problems.push({ kind: 'unreadable_line', line });
      return;
    }
    count += 1;
    const at = { position: event.position, eventId: event.eventId };
    if (canonicalJson(parsed) !== text) problems.push({ kind: 'not_canonical', line, at });
    if (previous && at.position <= previous.position) {
      problems.push({ kind: 'out_of_order', line, before: previous, after: at });
    }
    previous = at;
    const canonicalEvent = canonicalJson(event);
    head = chainHash(head, canonicalEvent);
    if (parsed.prev !== claimed) problems.push({ kind: 'broken_link', line, at });
    else if (chainHash(parsed.prev, canonicalEvent) !== parsed.hash) {
      problems.push({ kind: 'altered_event', line, at });
    }
    claimed = parsed.hash;
  };

  return {
    write(chunk: Buffer) {
      pending += decoder.write(chunk);
      let start = 0;
      for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n', start)) {
        check(pending.slice(start, newline));
        start = newline + 1;
      }
      pending = pending.slice(start);
    },
    end(): ChainResult {
      pending += decoder.end();
      if (pending.length > 0) problems.push({ kind: 'incomplete_last_line', line: line + 1 });
      return { count, head, problems };
    },
  };
};
