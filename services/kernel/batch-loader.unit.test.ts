import { describe, expect, it } from 'vitest';
import { createBatchLoader } from './batch-loader';

/** A loader over a map whose loads the test releases by hand, recording the keys of each. */
const controlled = (values: ReadonlyMap<string, number>, maxInFlight = 1) => {
  const loads: { keys: string[]; release(): void; fail(error: Error): void }[] = [];
  const load = createBatchLoader(
    (keys: string[]) =>
      new Promise<ReadonlyMap<string, number>>((resolve, reject) => {
        loads.push({
          keys,
          release: () =>
            resolve(new Map(keys.flatMap((key) => (values.has(key) ? [[key, values.get(key)!]] : [])))),
          fail: reject,
        });
      }),
    { maxInFlight },
  );
  return { load, loads };
};

/** A few turns of the event loop: loads leave at the next turn after they are asked or a slot frees. */
const turn = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('batch loader', () => {
  it('reads the keys asked together in one load, each caller getting its own value', async () => {
    const { load, loads } = controlled(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    const answers = Promise.all([load('a'), load('b'), load('a'), load('missing')]);
    await turn();
    expect(loads.map((one) => one.keys)).toEqual([['a', 'b', 'missing']]);
    loads[0]!.release();
    expect(await answers).toEqual([1, 2, 1, undefined]);
  });

  it('reads again a key asked while its load is in flight, after that load', async () => {
    const { load, loads } = controlled(new Map([['a', 1]]));
    const first = load('a');
    await turn();
    const second = load('a');
    const third = load('b');
    await turn();
    // One load at a time: the later callers wait for the next one, which is sent after they asked.
    expect(loads).toHaveLength(1);
    loads[0]!.release();
    expect(await first).toBe(1);
    await turn();
    expect(loads.map((one) => one.keys)).toEqual([['a'], ['a', 'b']]);
    loads[1]!.release();
    expect(await Promise.all([second, third])).toEqual([1, undefined]);
  });

  it('fails only the callers of a failed load', async () => {
    const { load, loads } = controlled(new Map([['a', 1]]), 2);
    const failing = load('a');
    await turn();
    const later = load('a');
    await turn();
    loads[0]!.fail(new Error('database away'));
    await expect(failing).rejects.toThrow('database away');
    loads[1]!.release();
    expect(await later).toBe(1);
  });
});
