import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../services/config';
import { execute } from '../services/db/database';
import { migrate } from '../services/db/migrate';
import { createPostgresEventStore, type PostgresEventStore } from '../services/eventstore/postgres';
import { START, WrongExpectedRevisionError } from '../services/eventstore/types';
import { createVaultedEventStore } from '../services/eventstore/vaulted';
import type { FeedbackSubmitted } from '../services/feedback/events';
import { newId } from '../services/kernel/ids';
import {
  newDataKey,
  PersonalDataIntegrityError,
  WrongKeyEncryptionKeyError,
} from '../services/privacy/crypto';
import { ERASED, subjectId } from '../services/privacy/declarations';
import { enrolSubjectsWrittenInClear } from '../services/privacy/enrolment';
import { allPersonalData } from '../services/privacy/registry';
import { checkKeyEncryptionKey, createVault, SUBJECTS_TABLE, type Vault } from '../services/privacy/vault';
import { migrations, openRuntime } from '../services/runtime';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases';
import { feedSettled } from './support/feedback-fixture';

const COMMENT = 'Formation utile, merci à Séverine Tixier-Bouchard';

const answer = (responseId: string, comment: string | null) => ({
  id: newId(),
  type: 'FeedbackSubmitted',
  data: {
    responseId,
    linkId: newId(),
    sessionId: newId(),
    trainingActionId: newId(),
    audience: 'learner',
    rating: 4,
    comment,
    sessionTitle: 'Session de mars',
    trainingTitle: 'Excel avancé',
  } satisfies FeedbackSubmitted['data'],
  metadata: {
    organisationId: newId(),
    actor: { type: 'public' as const },
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
  },
});

const commentOf = (event: { data: unknown } | undefined) =>
  (event?.data as { comment?: unknown } | undefined)?.comment;

for (const kind of databaseKinds()) {
  describe(`personal-data vault on ${kind}`, () => {
    let testDb: TestDatabase | undefined;
    let plain: PostgresEventStore;
    let store: PostgresEventStore;
    let vault: Vault;
    let clock = 0;
    const kek = newDataKey();

    const setUp = async () => {
      testDb = await createTestDatabase(kind);
      await migrate(testDb.database.db, migrations);
      await checkKeyEncryptionKey(testDb.database.db, kek);
      plain = createPostgresEventStore(testDb.database, { pollIntervalMs: 50 });
      vault = createVault(testDb.database.db, { kek, declarations: allPersonalData, now: () => clock });
      store = createVaultedEventStore(plain, vault, testDb.database.db, { pollIntervalMs: 50 });
      return testDb.database.db;
    };
    afterEach(async () => {
      await store?.close();
      await testDb?.drop();
      testDb = undefined;
    });

    /** A person who answered once through this process's store (so it remembers their key). */
    const answeredOnce = async () => {
      const responseId = newId();
      const first = answer(responseId, 'Premier avis');
      const stream = `feedbackresponse-${responseId}`;
      await store.append(stream, [first], { expectedRevision: 'no_stream' });
      return { responseId, subject: subjectId('respondent', responseId), stream, first };
    };

    /** What the database holds for an event, as text. */
    const storedText = async (eventId: string) => {
      const rows = await execute<{ data: string }>(
        testDb!.database.db,
        'SELECT data::text AS data FROM es_events WHERE id = $1',
        [eventId],
      );
      return rows[0]!.data;
    };

    it('stores a declared personal field sealed and gives it back in clear on every read path', async () => {
      const db = await setUp();
      const event = answer(newId(), COMMENT);
      await store.append('feedbackresponse-1', [event], { expectedRevision: 'no_stream' });
      expect(await storedText(event.id)).not.toContain('Tixier');
      expect(await storedText(event.id)).toContain('Excel avancé');

      expect(commentOf((await store.readStream('feedbackresponse-1'))[0])).toBe(COMMENT);
      // The feed shows an event once no older transaction on the server is still open.
      await feedSettled(store, async () => ((await store.readAll()).length === 1 ? 0 : 1));
      expect(commentOf((await store.readAll())[0])).toBe(COMMENT);
      expect(commentOf((await store.readFeedIn(db, START, 10))[0])).toBe(COMMENT);
      const batch = await store.readFeedOfTypesIn(db, START, 10, ['FeedbackSubmitted']);
      expect(commentOf(batch.events[0])).toBe(COMMENT);
      const abort = new AbortController();
      for await (const read of store.subscribe({ signal: abort.signal })) {
        expect(commentOf(read)).toBe(COMMENT);
        abort.abort();
      }
      // The inner store answers the stored form (what hash chains over exports are computed on).
      expect(commentOf((await plain.readAll())[0])).toMatchObject({ $pd: 1, s: expect.any(String) });
    });

    it('leaves null personal fields and undeclared-personal fields as they are', async () => {
      await setUp();
      const event = answer(newId(), null);
      await store.append('feedbackresponse-2', [event], { expectedRevision: 'no_stream' });
      expect(JSON.parse(await storedText(event.id)).comment).toBeNull();
      expect((await store.readStream('feedbackresponse-2'))[0]!.data).toEqual(event.data);
    });

    it('refuses to append an event type that declares nothing about personal data', async () => {
      await setUp();
      const event = { ...answer(newId(), COMMENT), type: 'SomethingUndeclared' };
      await expect(store.append('x-1', [event], { expectedRevision: 'no_stream' })).rejects.toThrow(
        /no personal-data declaration/,
      );
      expect(await plain.lastPosition()).toBe(0);
    });

    it('reads an erased subject’s fields as the marker, in this process at once, the rest of the event intact', async () => {
      const db = await setUp();
      const responseId = newId();
      const kept = answer(newId(), 'Un autre commentaire');
      await store.append('feedbackresponse-3', [answer(responseId, COMMENT), kept], {
        expectedRevision: 'no_stream',
      });
      expect(commentOf((await store.readStream('feedbackresponse-3'))[0])).toBe(COMMENT);

      await vault.erase(subjectId('respondent', responseId));

      const [erased, other] = await store.readStream('feedbackresponse-3');
      expect(commentOf(erased)).toBe(ERASED);
      expect((erased!.data as { rating: number }).rating).toBe(4);
      expect(commentOf(other)).toBe('Un autre commentaire');
      // Its key is gone from the database: nothing left that opens the sealed value.
      const keys = await execute<{ wrapped_key: string | null }>(
        db,
        'SELECT wrapped_key FROM privacy_subjects WHERE subject_id = $1',
        [subjectId('respondent', responseId)],
      );
      expect(keys).toEqual([{ wrapped_key: null }]);
    });

    it('shows another process’s erasure once the key cache entry expires, not before', async () => {
      const db = await setUp();
      const responseId = newId();
      await store.append('feedbackresponse-4', [answer(responseId, COMMENT)], {
        expectedRevision: 'no_stream',
      });
      const read = async () => commentOf((await store.readStream('feedbackresponse-4'))[0]);
      expect(await read()).toBe(COMMENT);
      // Another process: its own vault over the same database.
      const elsewhere = createVault(db, { kek, declarations: allPersonalData });
      await elsewhere.erase(subjectId('respondent', responseId));

      clock += 29_000;
      expect(await read()).toBe(COMMENT);
      clock += 1_000;
      expect(await read()).toBe(ERASED);
    });

    it('never writes an erased subject’s new data: the field is stored as the marker', async () => {
      await setUp();
      const responseId = newId();
      await store.append('feedbackresponse-5', [answer(responseId, 'Premier avis')], {
        expectedRevision: 'no_stream',
      });
      expect(await vault.erase(subjectId('respondent', responseId))).toMatchObject({
        organisationId: expect.any(String),
      });
      // A later event naming the erased subject (a retried or late write).
      const event = answer(responseId, COMMENT);
      await store.append('feedbackresponse-5', [event], { expectedRevision: 0 });
      expect(await storedText(event.id)).not.toContain('Tixier');
      expect((await store.readStream('feedbackresponse-5')).map(commentOf)).toEqual([ERASED, ERASED]);
    });

    it('never lets a process that still remembers an erased subject’s key seal new data with it', async () => {
      const db = await setUp();
      const { responseId, subject, stream, first } = await answeredOnce();
      // Another process (its own vault over the same database) erases the subject; this one still holds the key.
      await createVault(db, { kek, declarations: allPersonalData }).erase(subject);

      // A late event about them: the append holds the key in its own statement, finds it erased, and is sealed
      // again from the stored keys, the field written as the marker.
      const late = { ...answer(responseId, COMMENT), metadata: first.metadata };
      await store.append(stream, [late], { expectedRevision: 0 });
      expect(await storedText(late.id)).not.toContain('Tixier');
      expect(JSON.parse(await storedText(late.id)).comment).toBe(ERASED);
      const keys = await execute<{ wrapped_key: string | null }>(
        db,
        'SELECT wrapped_key FROM privacy_subjects WHERE subject_id = $1',
        [subject],
      );
      expect(keys).toEqual([{ wrapped_key: null }]);
      // The refusal taught this process the erasure: it reads the earlier event as the marker too.
      expect((await store.readStream(stream)).map(commentOf)).toEqual([ERASED, ERASED]);
      // A wrong expected revision is still refused as such.
      await expect(
        store.append(stream, [answer(responseId, 'Encore')], { expectedRevision: 0 }),
      ).rejects.toThrow(WrongExpectedRevisionError);
    });

    it('never seals under a key erased meanwhile, even one remembered long past the key cache’s time', async () => {
      // Sealing uses a remembered key however old (services/privacy/vault.unit.test.ts): the append's hold is what
      // keeps an erasure made elsewhere from being slipped under.
      const db = await setUp();
      const { responseId, subject, stream, first } = await answeredOnce();
      clock += 120_000;
      const second = { ...answer(responseId, 'Deuxième avis'), metadata: first.metadata };
      await store.append(stream, [second], { expectedRevision: 0 });
      expect((await store.readStream(stream)).map(commentOf)).toEqual(['Premier avis', 'Deuxième avis']);
      // Another process erases them; this one, its memory of the key old, appends a late answer: held, refused,
      // sealed again from the stored keys, the field written as the marker.
      await createVault(db, { kek, declarations: allPersonalData }).erase(subject);
      clock += 120_000;
      const late = { ...answer(responseId, COMMENT), metadata: first.metadata };
      await store.append(stream, [late], { expectedRevision: 1 });
      expect(await storedText(late.id)).not.toContain('Tixier');
      expect(JSON.parse(await storedText(late.id)).comment).toBe(ERASED);
      expect((await store.readStream(stream)).map(commentOf)).toEqual([ERASED, ERASED, ERASED]);
    });

    it('refuses, whole, an append holding a key that is erased or was never written', async () => {
      await setUp();
      const known = answer(newId(), 'Connu');
      await store.append(`feedbackresponse-${known.data.responseId}`, [known], {
        expectedRevision: 'no_stream',
      });
      const knownSubject = subjectId('respondent', known.data.responseId);
      await vault.erase(knownSubject);
      for (const held of [[knownSubject], [subjectId('respondent', newId())]]) {
        const before = await plain.lastPosition();
        const event = answer(newId(), null);
        await expect(
          plain.append(`feedbackresponse-${event.data.responseId}`, [event], {
            expectedRevision: 'no_stream',
            alongside: { ...SUBJECTS_TABLE, rows: [], held },
          }),
        ).rejects.toThrow(WrongExpectedRevisionError);
        const outcomes = await plain.appendMany([
          {
            streamId: `feedbackresponse-${event.data.responseId}`,
            events: [event],
            expectedRevision: 'no_stream',
            alongside: { ...SUBJECTS_TABLE, rows: [], held },
          },
          {
            streamId: `other-${event.data.responseId}`,
            events: [answer(newId(), null)],
            expectedRevision: 'no_stream',
          },
        ]);
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
        expect(await plain.lastPosition()).toBeGreaterThan(before);
        expect(await plain.readStream(`feedbackresponse-${event.data.responseId}`)).toEqual([]);
      }
    });

    it('seals a batch in a process that still remembers an erased subject’s key with the marker for them alone', async () => {
      const db = await setUp();
      const responseId = newId();
      const first = answer(responseId, 'Premier avis');
      await store.append(`feedbackresponse-${responseId}`, [first], { expectedRevision: 'no_stream' });
      await createVault(db, { kek, declarations: allPersonalData }).erase(
        subjectId('respondent', responseId),
      );

      const late = { ...answer(responseId, COMMENT), metadata: first.metadata };
      const other = answer(newId(), 'Un autre avis');
      const outcomes = await store.appendMany([
        { streamId: `feedbackresponse-${responseId}`, events: [late], expectedRevision: 0 },
        {
          streamId: `feedbackresponse-${other.data.responseId}`,
          events: [other],
          expectedRevision: 'no_stream',
        },
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(JSON.parse(await storedText(late.id)).comment).toBe(ERASED);
      expect(commentOf((await store.readStream(`feedbackresponse-${other.data.responseId}`))[0])).toBe(
        'Un autre avis',
      );
    });

    it('reads events written in clear before the vault as they are, enrols their subjects, and reads them as the marker once erased', async () => {
      await setUp();
      const responseId = newId();
      const legacy = answer(responseId, COMMENT);
      // Written before the vault existed: straight through the plain store, the comment in clear.
      await plain.append('feedbacklink-legacy', [legacy, answer(newId(), 'Autre avis')], {
        expectedRevision: 'no_stream',
      });
      expect(commentOf((await store.readStream('feedbacklink-legacy'))[0])).toBe(COMMENT);
      // The vault is not told of them: its first start enrols their subjects, once.
      expect(await vault.erase(subjectId('respondent', responseId))).toBeUndefined();
      expect(await enrolSubjectsWrittenInClear(testDb!.database.db, kek, allPersonalData)).toBe(2);
      expect(await enrolSubjectsWrittenInClear(testDb!.database.db, kek, allPersonalData)).toBe(0);
      expect(commentOf((await store.readStream('feedbacklink-legacy'))[0])).toBe(COMMENT);

      expect(await vault.erase(subjectId('respondent', responseId))).toBeDefined();

      const [erased, other] = await store.readStream('feedbacklink-legacy');
      expect(commentOf(erased)).toBe(ERASED);
      expect(commentOf(other)).toBe('Autre avis');
      // A fresh process (no cache) agrees.
      const fresh = createVaultedEventStore(
        plain,
        createVault(testDb!.database.db, { kek, declarations: allPersonalData }),
        testDb!.database.db,
      );
      expect(commentOf((await fresh.readStream('feedbacklink-legacy'))[0])).toBe(ERASED);
    });

    it('writes a new person’s key in the append’s own statement, and reads every event when another process keyed them first', async () => {
      await setUp();
      const db = testDb!.database.db;
      const keys = async (subject: string) =>
        execute<{ n: number }>(db, 'SELECT count(*)::int AS n FROM privacy_subjects WHERE subject_id = $1', [
          subject,
        ]);
      // Another process: its own vault (its own cache) over the same tables.
      const otherVault = createVault(db, { kek, declarations: allPersonalData, now: () => clock });
      const other = createVaultedEventStore(plain, otherVault, db, { pollIntervalMs: 50 });

      const responseId = newId();
      const first = answer(responseId, COMMENT);
      await store.append(`feedbackresponse-${responseId}`, [first], { expectedRevision: 'no_stream' });
      expect((await keys(`respondent:${responseId}`))[0]!.n).toBe(1);

      // The other process knows no key for this respondent: it draws one, the statement finds one stored, refuses
      // the events, and the append is sealed again with the stored key.
      const second = { ...answer(responseId, 'Deuxième commentaire'), metadata: first.metadata };
      await other.append(`feedbackresponse-${responseId}`, [second], { expectedRevision: 0 });
      expect((await keys(`respondent:${responseId}`))[0]!.n).toBe(1);
      for (const reader of [store, other]) {
        const events = await reader.readStream(`feedbackresponse-${responseId}`);
        expect(events.map(commentOf)).toEqual([COMMENT, 'Deuxième commentaire']);
      }

      // A retry of the same append through a process that never saw it answers the first result, once.
      const retried = await createVaultedEventStore(
        plain,
        createVault(db, { kek, declarations: allPersonalData }),
        db,
      ).append(`feedbackresponse-${responseId}`, [first], { expectedRevision: 'no_stream' });
      expect(retried.revision).toBe(0);
      expect(await plain.readStream(`feedbackresponse-${responseId}`)).toHaveLength(2);

      // A refused append about a new person refuses as it would without the vault, and leaves nothing unreadable.
      const third = answer(newId(), 'Refusé');
      await expect(
        store.append(`feedbackresponse-${responseId}`, [third], { expectedRevision: 0 }),
      ).rejects.toThrow(WrongExpectedRevisionError);
      await store.append(`feedbackresponse-${third.data.responseId}`, [third], {
        expectedRevision: 'no_stream',
      });
      expect(commentOf((await other.readStream(`feedbackresponse-${third.data.responseId}`))[0])).toBe(
        'Refusé',
      );
    });

    it('writes the batch’s new keys in the batch’s statement, each append landing or refused on its own', async () => {
      await setUp();
      const db = testDb!.database.db;
      const otherVault = createVault(db, { kek, declarations: allPersonalData, now: () => clock });
      const other = createVaultedEventStore(plain, otherVault, db, { pollIntervalMs: 50 });
      // A respondent another process already keyed, and two appends about one new respondent.
      const known = answer(newId(), 'Déjà connu');
      await other.append(`feedbackresponse-${known.data.responseId}`, [known], {
        expectedRevision: 'no_stream',
      });
      const knownAgain = { ...answer(known.data.responseId, 'Encore'), metadata: known.metadata };
      const shared = newId();
      const a = answer(shared, 'Premier');
      const b = { ...answer(shared, 'Second'), metadata: a.metadata };
      const outcomes = await store.appendMany([
        { streamId: `feedbackresponse-${known.data.responseId}`, events: [knownAgain], expectedRevision: 0 },
        { streamId: `a-${shared}`, events: [a], expectedRevision: 'no_stream' },
        { streamId: `b-${shared}`, events: [b], expectedRevision: 'no_stream' },
        { streamId: `a-${shared}`, events: [answer(newId(), 'x')], expectedRevision: 'no_stream' },
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
      ]);
      expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      const read = async (streamId: string) => (await other.readStream(streamId)).map(commentOf);
      expect(await read(`feedbackresponse-${known.data.responseId}`)).toEqual(['Déjà connu', 'Encore']);
      expect(await read(`a-${shared}`)).toEqual(['Premier']);
      expect(await read(`b-${shared}`)).toEqual(['Second']);
    });

    it('refuses a tampered stored value, naming the field but never the value', async () => {
      const db = await setUp();
      const event = answer(newId(), COMMENT);
      await store.append('feedbackresponse-6', [event], { expectedRevision: 'no_stream' });
      const sealed = JSON.parse(await storedText(event.id)).comment as { v: string };
      const bytes = Buffer.from(sealed.v, 'base64');
      bytes[20] = bytes[20]! ^ 0xff;
      // Raw SQL: the test plays an attacker editing the stored row in place.
      await execute(
        db,
        `UPDATE es_events SET data = jsonb_set(data, '{comment,v}', to_jsonb($1::text)) WHERE id = $2`,
        [bytes.toString('base64'), event.id],
      );
      const fresh = createVaultedEventStore(
        plain,
        createVault(db, { kek, declarations: allPersonalData }),
        db,
      );
      const failure = await fresh.readStream('feedbackresponse-6').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PersonalDataIntegrityError);
      expect(String((failure as Error).message)).toMatch(/comment of a FeedbackSubmitted event/);
      expect(String((failure as Error).message)).not.toContain('Tixier');
    });

    it('refuses to start with another key-encryption key than the one the database was first opened with', async () => {
      const db = await setUp();
      await expect(checkKeyEncryptionKey(db, newDataKey())).rejects.toThrow(WrongKeyEncryptionKeyError);
      const config = loadConfig({ PERSONAL_DATA_KEY: newDataKey().toString('base64'), LOG_LEVEL: 'silent' });
      await expect(openRuntime(config, { database: testDb!.database })).rejects.toThrow(
        /PERSONAL_DATA_KEY does not open the data keys/,
      );
      await expect(checkKeyEncryptionKey(db, kek)).resolves.toBeUndefined();
    });
  });
}
