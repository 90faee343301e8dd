import { describe, expect, it } from 'vitest';
import { defineProjection, groupsOfOneType, runsOfOneType } from './projection';

type Event = { type: 'opened'; data: { id: string } } | { type: 'answered'; data: { id: string } };
const feed = ['opened:1', 'answered:a', 'opened:2', 'answered:b', 'answered:c'].map((key) => {
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
    expect(groupsOfOneType(feed, ['opened', 'answered']).map((group) => group.map((e) => e.id))).toEqual([
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
        batchOrder: ['opened'],
        handlers: { opened: async () => {}, answered: async () => {} },
      }),
    ).toThrow(/batchOrder/);
  });
});
