import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import type { EventStore, NewEvent, RecordedEvent } from '../eventstore/types';
import { fixedClock } from '../kernel/clock';
import type { Vault } from '../privacy/vault';
import { createRetentionReactor, type DueSubject } from './reactor';

/** An event store in memory: just what recording an erasure reads and appends. */
const memoryStore = () => {
  const streams = new Map<string, RecordedEvent[]>();
  let position = 0;
  const store = {
    async readStream(streamId: string) {
      return streams.get(streamId) ?? [];
    },
    async append(streamId: string, events: NewEvent[]) {
      const stream = streams.get(streamId) ?? [];
      for (const event of events) {
        stream.push({
          ...event,
          streamId,
          revision: stream.length,
          position: ++position,
          txid: '1',
          recordedAt: new Date(),
        });
      }
      streams.set(streamId, stream);
      return { revision: stream.length - 1, position };
    },
  };
  return { store: store as unknown as EventStore, streams };
};

const subjects: DueSubject[] = Array.from({ length: 250 }, (_, index) => ({
  subject_id: `respondent:${String(index).padStart(4, '0')}`,
  organisation_id: 'org',
  category: 'feedback_comments',
}));

const reactorOver = (options: { failing?: string } = {}) => {
  const { store, streams } = memoryStore();
  const erasedKeys: string[] = [];
  const errors: string[] = [];
  const reactor = createRetentionReactor({
    database: { kind: 'pglite' } as Database,
    store,
    clock: fixedClock(new Date('2029-01-15T10:00:00Z')),
    config: { RETENTION_SWEEP_MINUTES: 0 },
    vault: {
      async erase(subject: string) {
        if (subject === options.failing) throw new Error('database away');
        erasedKeys.push(subject);
        return { organisationId: 'org' };
      },
    } as unknown as Vault,
    eraseOutsideLog: async () => {},
    // The read model as it stands: it still shows subjects the sweep has just erased.
    findDue: async (_now, limit, after) =>
      subjects.filter((subject) => after === undefined || subject.subject_id > after).slice(0, limit),
    log: { info: () => {}, error: (obj) => errors.push((obj as { subjectId: string }).subjectId) },
  });
  return { reactor, streams, erasedKeys, errors };
};

describe('the retention reactor', () => {
  it('pages through every due subject once, past a batch, and records each erasure', async () => {
    const { reactor, streams, erasedKeys } = reactorOver();
    const { erased } = await reactor.sweep();
    expect(erased).toEqual(subjects.map((subject) => subject.subject_id));
    expect(erasedKeys).toEqual(erased);
    expect(streams.size).toBe(250);
    expect(streams.get('privacysubject-respondent:0042')?.[0]).toMatchObject({
      type: 'PersonalDataErased',
      data: { subjectId: 'respondent:0042', reason: 'retention_expired', erasedBy: 'system' },
      metadata: { organisationId: 'org', actor: { type: 'system' } },
    });
  });

  it('records nothing again while the read model still shows what it erased', async () => {
    const { reactor, streams } = reactorOver();
    await reactor.sweep();
    expect((await reactor.sweep()).erased).toEqual([]);
    expect([...streams.values()].every((stream) => stream.length === 1)).toBe(true);
  });

  it('goes on past a subject that fails, which the next sweep tries again', async () => {
    const { reactor, errors } = reactorOver({ failing: 'respondent:0007' });
    const { erased } = await reactor.sweep();
    expect(erased).toHaveLength(249);
    expect(erased).not.toContain('respondent:0007');
    expect(errors).toEqual(['respondent:0007']);
  });
});
