import { describe, expect, it } from 'vitest';
import { defineProjection, groupsOfOneType, runsOfOneType } from './projection';

type Event = { type: 'Opened'; data: { id: string } } | { type: 'Answered'; data: { id: string } };
const feed = ['Opened:1', 'Answered:a', 'Opened:2', 'Answered:b', 'Answered:c'].map((key) => {
  const [type, id] = key.split(':');
  return { type: type as Event['type'], id: id! };
});

describe('applying a batch', () => {
  it('by default applies runs of consecutive events of one type, in feed order', () => {
    expect(runsOfOneType(feed).map((run) => run.map((event) => event.id))).toEqual([
      ['1'],
      ['a'],
      ['2'],
      ['b', 'c'],
    ]);
  });

  it('with a batch order, applies one group per type in that order, each in feed order', () => {
    expect(groupsOfOneType(feed, ['Opened', 'Answered']).map((group) => group.map((e) => e.id))).toEqual([
      ['1', '2'],
      ['a', 'b', 'c'],
    ]);
  });

  it('refuses a batch order that leaves out a handled type', () => {
    expect(() =>
      defineProjection<Record<string, never>, Event>({
        name: 'partial',
        version: 1,
        tables: [],
        create: async () => {},
        batchOrder: ['Opened'],
        handlers: { Opened: async () => {}, Answered: async () => {} },
      }),
    ).toThrow(/batchOrder/);
  });
});
