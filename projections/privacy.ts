import type { RecordedEvent } from '../services/eventstore/types';
import type { SubjectKind } from '../services/privacy/declarations';
import type { PersonalDataErased } from '../services/privacy/events';

/** The ids (as their slice knows them) of the subjects of one kind that a run of erasures names. */
export const subjectIdsOf = (
  events: readonly RecordedEvent<'PersonalDataErased', PersonalDataErased['data']>[],
  kind: SubjectKind,
): string[] =>
  events
    .map(({ data }) => data.subjectId)
    .filter((subject) => subject.startsWith(`${kind}:`))
    .map((subject) => subject.slice(kind.length + 1));
