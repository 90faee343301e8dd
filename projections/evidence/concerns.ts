import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../../services/eventstore/types';
import type {
  EvidenceConcern,
  EvidenceContext,
  EvidenceDeclaration,
  EvidenceSource,
} from '../../services/kernel/evidence';
import type { ActionCategory, TrainingEvent } from '../../services/training/events';
import { lastBy } from '../grouping';
import { updateRows } from '../runner/bulk';
import type { Recorded } from '../runner/projection';
import type { EvidenceTables } from './tables';

type Db = Kysely<EvidenceTables>;

/** Every slice's declarations merged, keyed by event type; the data types are erased at this boundary. */
export type AllEvidenceDeclarations = Readonly<Record<string, EvidenceDeclaration<never> | undefined>>;
export type AllEvidenceContexts = Readonly<Record<string, EvidenceContext<never> | undefined>>;

/** What an item is about, with the site and category it carries. */
export type ItemConcern = {
  session_id: string | null;
  training_action_id: string | null;
  site: string | null;
  action_category: ActionCategory | null;
};

const NOTHING: ItemConcern = {
  session_id: null,
  training_action_id: null,
  site: null,
  action_category: null,
};

type SessionPlaced = Recorded<Extract<TrainingEvent, { type: 'SessionScheduled' | 'SessionMoved' }>>;
type ActionCategorised = Recorded<
  Extract<TrainingEvent, { type: 'TrainingActionCreated' | 'TrainingActionRecategorised' }>
>;

/**
 * Where sessions take place and what category actions are: this projection follows them itself, so a rebuild
 * reads them in the same feed order as the evidence. Items already recorded follow a move or a recategorisation.
 * Each handler gets runs of its own type only (see `apply`), whose data its cast names.
 */
export const trainingContextHandlers = {
  SessionScheduled: (db: Db, events: readonly RecordedEvent[]) =>
    placeSessions(db, events as SessionPlaced[]),
  SessionMoved: (db: Db, events: readonly RecordedEvent[]) => placeSessions(db, events as SessionPlaced[]),
  TrainingActionCreated: (db: Db, events: readonly RecordedEvent[]) =>
    categoriseActions(db, events as ActionCategorised[]),
  TrainingActionRecategorised: (db: Db, events: readonly RecordedEvent[]) =>
    categoriseActions(db, events as ActionCategorised[]),
} satisfies Partial<Record<TrainingEvent['type'], unknown>>;

const placeSessions = async (db: Db, events: readonly SessionPlaced[]) => {
  const rows = lastBy(events, (event) => event.data.sessionId).map((event) => ({
    session_id: event.data.sessionId,
    organisation_id: event.metadata.organisationId,
    training_action_id: event.data.trainingActionId,
    site: event.data.site,
  }));
  await db
    .insertInto('evidence_sessions')
    .values(rows)
    .onConflict((conflict) =>
      conflict.column('session_id').doUpdateSet((eb) => ({ site: eb.ref('excluded.site') })),
    )
    .execute();
  await updateRows(
    db,
    'evidence_items',
    'session_id',
    rows.map((row) => ({ session_id: row.session_id, site: row.site })),
  );
};

const categoriseActions = async (db: Db, events: readonly ActionCategorised[]) => {
  const rows = lastBy(events, (event) => event.data.trainingActionId).map((event) => ({
    training_action_id: event.data.trainingActionId,
    organisation_id: event.metadata.organisationId,
    category: event.data.category,
  }));
  await db
    .insertInto('evidence_actions')
    .values(rows)
    .onConflict((conflict) =>
      conflict.column('training_action_id').doUpdateSet((eb) => ({ category: eb.ref('excluded.category') })),
    )
    .execute();
  await updateRows(
    db,
    'evidence_items',
    'training_action_id',
    rows.map((row) => ({ training_action_id: row.training_action_id, action_category: row.category })),
  );
};

const sourceKey = (organisationId: string, source: EvidenceSource) =>
  `${organisationId}:${source.type}:${source.id}`;

const bareConcern = (concern: EvidenceConcern | null): EvidenceConcern => ({
  sessionId: concern?.sessionId ?? null,
  trainingActionId: concern?.trainingActionId ?? null,
});

/**
 * What each declared event of a batch concerns, by event id, walking the batch in feed order: an event that names
 * a session or an action says so (and its source remembers it); one that does not inherits its source's. Sites
 * and categories come from the sessions and actions followed so far. Sources named in the batch are saved.
 */
export const concernsOf = async (
  db: Db,
  declarations: AllEvidenceDeclarations,
  contexts: AllEvidenceContexts,
  events: readonly RecordedEvent[],
): Promise<Map<string, ItemConcern>> => {
  const named = new Map<string, EvidenceConcern>();
  const sourceOf = new Map<string, { organisationId: string; source: EvidenceSource }>();
  for (const event of events) {
    const naming = declarations[event.type] ?? contexts[event.type];
    if (!naming) continue;
    // The runner hands this projection only the declared types, whose data the declaration describes.
    sourceOf.set(event.id, {
      organisationId: event.metadata.organisationId,
      source: naming.source(event.data as never),
    });
  }
  const sourceIds = [...new Set([...sourceOf.values()].map(({ source }) => source.id))];
  if (sourceIds.length > 0) {
    const known = await db
      .selectFrom('evidence_sources')
      .selectAll()
      .where('source_id', 'in', sourceIds)
      .execute();
    for (const row of known) {
      named.set(sourceKey(row.organisation_id, { type: row.source_type, id: row.source_id }), {
        sessionId: row.session_id,
        trainingActionId: row.training_action_id,
      });
    }
  }

  const changed = new Map<string, EvidenceTables['evidence_sources']>();
  const concerns = new Map<string, EvidenceConcern>();
  for (const event of events) {
    const at = sourceOf.get(event.id);
    if (!at) continue;
    const key = sourceKey(at.organisationId, at.source);
    const naming = declarations[event.type] ?? contexts[event.type];
    if (naming?.concerns) {
      const concern = bareConcern(naming.concerns(event.data as never));
      named.set(key, concern);
      changed.set(key, {
        source_type: at.source.type,
        source_id: at.source.id,
        organisation_id: at.organisationId,
        session_id: concern.sessionId,
        training_action_id: concern.trainingActionId,
      });
    }
    if (declarations[event.type]) concerns.set(event.id, named.get(key) ?? bareConcern(null));
  }
  if (changed.size > 0) {
    await db
      .insertInto('evidence_sources')
      .values([...changed.values()])
      .onConflict((conflict) =>
        conflict.columns(['source_id', 'source_type']).doUpdateSet((eb) => ({
          session_id: eb.ref('excluded.session_id'),
          training_action_id: eb.ref('excluded.training_action_id'),
        })),
      )
      .execute();
  }
  return placed(db, concerns);
};

/** Adds each concern's site (from its session) and category (from its action). */
const placed = async (db: Db, concerns: ReadonlyMap<string, EvidenceConcern>) => {
  const sessionIds = [...new Set([...concerns.values()].flatMap((concern) => concern.sessionId ?? []))];
  const sessions = new Map(
    sessionIds.length === 0
      ? []
      : (
          await db
            .selectFrom('evidence_sessions')
            .select(['session_id', 'training_action_id', 'site'])
            .where('session_id', 'in', sessionIds)
            .execute()
        ).map((row) => [row.session_id, row]),
  );
  const actionOf = (concern: EvidenceConcern) =>
    concern.trainingActionId ??
    (concern.sessionId && sessions.get(concern.sessionId)?.training_action_id) ??
    null;
  const actionIds = [...new Set([...concerns.values()].flatMap((concern) => actionOf(concern) ?? []))];
  const categories = new Map(
    actionIds.length === 0
      ? []
      : (
          await db
            .selectFrom('evidence_actions')
            .select(['training_action_id', 'category'])
            .where('training_action_id', 'in', actionIds)
            .execute()
        ).map((row) => [row.training_action_id, row.category]),
  );
  const items = new Map<string, ItemConcern>();
  for (const [eventId, concern] of concerns) {
    const action = actionOf(concern);
    if (!concern.sessionId && !action) {
      items.set(eventId, NOTHING);
      continue;
    }
    const session = concern.sessionId ? sessions.get(concern.sessionId) : undefined;
    items.set(eventId, {
      session_id: concern.sessionId,
      training_action_id: action,
      site: session?.site ?? null,
      action_category: action ? (categories.get(action) ?? null) : null,
    });
  }
  return items;
};
