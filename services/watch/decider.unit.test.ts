import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { watchNoteDecider } from './decider';
import type { WatchNoteContent, WatchNoteEvent } from './events';
import { watchImprovementDecider } from './improvement';
import { watchSettingsDecider } from './settings';

const spec = deciderSpec(watchNoteDecider);
const TODAY = '2026-12-04';
const BY = 'u1';

const content = (overrides: Partial<WatchNoteContent> = {}): WatchNoteContent => ({
  theme: 'legal_regulatory',
  title: 'Nouveau décret sur la certification',
  sourceName: 'Légifrance',
  sourceUrl: 'https://www.legifrance.gouv.fr/',
  informationOn: '2026-11-20',
  summary: 'Le décret modifie la rédaction de plusieurs indicateurs.',
  ...overrides,
});
const recorded = (overrides: Partial<WatchNoteContent> = {}): WatchNoteEvent => ({
  type: 'WatchNoteRecorded',
  data: { noteId: 'n1', ...content(overrides), recordedBy: BY },
});
const analysed: WatchNoteEvent = {
  type: 'WatchNoteAnalysed',
  data: {
    noteId: 'n1',
    theme: 'legal_regulatory',
    impact: 'change_needed',
    analysis: 'Nos contrats citent l’ancienne rédaction.',
    decision: 'Mettre à jour les contrats',
    changes: null,
    analysedOn: '2026-11-25',
    analysedBy: BY,
  },
};
const archived: WatchNoteEvent = {
  type: 'WatchNoteArchived',
  data: { noteId: 'n1', theme: 'legal_regulatory', archivedBy: BY },
};
const record = (overrides: Partial<WatchNoteContent> = {}) => ({
  type: 'RecordNote' as const,
  noteId: 'n1',
  content: content(overrides),
  by: BY,
  today: TODAY,
});
const analyse = {
  type: 'AnalyseNote' as const,
  impact: 'change_needed' as const,
  analysis: 'Nos contrats citent l’ancienne rédaction.',
  decision: 'Mettre à jour les contrats',
  changes: null,
  by: BY,
  today: TODAY,
};
const communicate = (
  overrides: Partial<{ communicatedOn: string; memberIds: string[]; groups: string[] }> = {},
) => ({
  type: 'CommunicateNote' as const,
  communicationId: 'c1',
  audience: { memberIds: overrides.memberIds ?? [], groups: overrides.groups ?? ['formateurs'] },
  channel: 'meeting' as const,
  communicatedOn: overrides.communicatedOn ?? TODAY,
  message: null,
  by: BY,
  today: TODAY,
});

describe('watch note decider', () => {
  it('records a note with its theme, source, date and summary', () => {
    spec.given([]).when(record()).thenEmits([recorded()]);
  });

  it('refuses a note about information dated after today', () => {
    spec
      .given([])
      .when(record({ informationOn: '2026-12-05' }))
      .thenRejects('information_date_in_future', 400);
  });

  it('refuses to record the same note twice', () => {
    spec.given([recorded()]).when(record()).thenRejects('watch_note_exists', 409);
  });

  it('edits a note, and saving the same content records nothing', () => {
    spec
      .given([recorded()])
      .when({ type: 'EditNote', content: content({ title: 'Décret n° 2026-728' }), by: BY, today: TODAY })
      .thenMatches([{ type: 'WatchNoteEdited', data: { title: 'Décret n° 2026-728', editedBy: BY } }]);
    spec
      .given([recorded()])
      .when({ type: 'EditNote', content: content(), by: BY, today: TODAY })
      .thenNothing();
  });

  it('refuses any step on a note that was never recorded', () => {
    spec.given([]).when(analyse).thenRejects('watch_note_not_found', 404);
    spec.given([]).when({ type: 'ArchiveNote', by: BY }).thenRejects('watch_note_not_found', 404);
  });

  it('analyses a note on the Paris day of the command, with its theme for the evidence', () => {
    spec
      .given([recorded()])
      .when(analyse)
      .thenEmits([{ ...analysed, data: { ...analysed.data, analysedOn: TODAY } } as WatchNoteEvent]);
  });

  it('refuses to pass on a note that was not analysed', () => {
    spec.given([recorded()]).when(communicate()).thenRejects('watch_note_not_analysed', 409);
  });

  it('passes an analysed note on to members and groups, several times', () => {
    spec
      .given([recorded(), analysed])
      .when(communicate({ memberIds: ['m1', 'm1'], groups: ['formateurs'] }))
      .thenMatches([
        {
          type: 'WatchNoteCommunicated',
          data: { communicationId: 'c1', audience: { memberIds: ['m1'], groups: ['formateurs'] } },
        },
      ]);
    const first = spec.given([recorded(), analysed]).when(communicate()).decided();
    spec
      .given([recorded(), analysed, ...first])
      .when({ ...communicate(), communicationId: 'c2' })
      .thenMatches([{ type: 'WatchNoteCommunicated', data: { communicationId: 'c2' } }]);
  });

  it('records a retried communication once', () => {
    const first = spec.given([recorded(), analysed]).when(communicate()).decided();
    spec
      .given([recorded(), analysed, ...first])
      .when(communicate())
      .thenNothing();
  });

  it('refuses a communication to nobody', () => {
    spec
      .given([recorded(), analysed])
      .when(communicate({ groups: [] }))
      .thenRejects('audience_missing', 400);
  });

  it('refuses a communication dated after today or before the information', () => {
    spec
      .given([recorded(), analysed])
      .when(communicate({ communicatedOn: '2026-12-05' }))
      .thenRejects('communication_date_invalid', 400);
    spec
      .given([recorded(), analysed])
      .when(communicate({ communicatedOn: '2026-11-19' }))
      .thenRejects('communication_date_invalid', 400);
  });

  it('refuses to archive a note that was not analysed: archiving does not hide an unexploited watch', () => {
    spec
      .given([recorded()])
      .when({ type: 'ArchiveNote', by: BY })
      .thenRejects('watch_note_not_analysed', 409);
  });

  it('archives an analysed note once, and an archived note changes no more', () => {
    spec.given([recorded(), analysed]).when({ type: 'ArchiveNote', by: BY }).thenEmits([archived]);
    spec.given([recorded(), analysed, archived]).when({ type: 'ArchiveNote', by: BY }).thenNothing();
    spec.given([recorded(), analysed, archived]).when(analyse).thenRejects('watch_note_archived', 409);
    spec.given([recorded(), analysed, archived]).when(communicate()).thenRejects('watch_note_archived', 409);
  });
});

describe('watch settings decider', () => {
  const settings = deciderSpec(watchSettingsDecider);

  it('sets the delay, and the same delay again records nothing', () => {
    settings
      .given([])
      .when({ type: 'SetWatchSettings', settings: { exploitWithinDays: 30 } })
      .thenEmits([{ type: 'WatchSettingsSet', data: { exploitWithinDays: 30 } }]);
    settings
      .given([])
      .when({ type: 'SetWatchSettings', settings: { exploitWithinDays: 60 } })
      .thenNothing();
  });

  it.each([0, 366, 1.5])('refuses a delay of %s days', (days) => {
    settings
      .given([])
      .when({ type: 'SetWatchSettings', settings: { exploitWithinDays: days } })
      .thenRejects('watch_delay_out_of_range', 400);
  });
});

describe('watch improvement requests', () => {
  const improvement = deciderSpec(watchImprovementDecider);
  const request = {
    type: 'RequestImprovement' as const,
    noteId: 'n1',
    requestId: 'r1',
    title: 'Mettre à jour les contrats',
    requestedBy: BY,
  };

  it('records a request with exactly the note, the request, the title and the requester', () => {
    improvement
      .given([])
      .when(request)
      .thenEmits([
        {
          type: 'WatchNoteImprovementRequested',
          data: { noteId: 'n1', requestId: 'r1', title: 'Mettre à jour les contrats', requestedBy: BY },
        },
      ]);
  });

  it('records the same request once', () => {
    const first = improvement.given([]).when(request).decided();
    improvement.given(first).when(request).thenNothing();
  });
});
