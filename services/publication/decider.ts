import type { Decider } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import {
  type PublicationEvent,
  type PublishedFigures,
  type ResultsFigures,
  type ResultsScope,
  type ResultsSnapshot,
  scopeKey,
} from './events';

export type PublicationCommand =
  | {
      type: 'PublishResultsSnapshot';
      snapshot: Omit<ResultsSnapshot, 'figures' | 'publishedOn'> & { figures: ResultsFigures };
      /** Today in Paris: the publication date, and the last day a period may end on. */
      today: string;
      /** The public page's id, used only if the organisation has none yet. */
      newPublicId: string;
    }
  | { type: 'WithdrawResultsSnapshot'; snapshotId: string; reason: string };

interface SnapshotState {
  scopeKey: string;
  withdrawn: boolean;
}

export interface PublicationState {
  publicId: string | null;
  /** Every snapshot, in publication order. */
  snapshots: ReadonlyMap<string, SnapshotState>;
}

const PERCENTAGES = ['satisfiedShare', 'completionRate', 'dropOutRate', 'successRate'] as const;

/** The response rate, in % with one decimal, of respondents among trainees. */
export const responseRate = (respondents: number, trainees: number): number =>
  trainees === 0 ? 0 : Math.round((respondents / trainees) * 1000) / 10;

/**
 * The rules published figures keep (the route's schema checks types and whole counts): a period that has ended
 * and runs forwards, at most as many respondents as trainees, percentages within 0–100, an average out of 5,
 * satisfaction given exactly when someone answered, and no more completions and drop-outs than trainees.
 */
export const checkSnapshot = (
  snapshot: { periodFrom: string; periodTo: string; figures: ResultsFigures },
  today: string,
): PublishedFigures => {
  const { periodFrom, periodTo, figures } = snapshot;
  if (periodFrom > periodTo) {
    throw badRequest('period_reversed', 'The period must start on or before the day it ends');
  }
  if (periodTo > today) {
    throw badRequest('period_in_future', 'Published results cover a period that has ended, up to today', {
      today,
    });
  }
  if (figures.trainees < 1) {
    throw badRequest('trainees_missing', 'Results are published over at least one trainee');
  }
  if (figures.respondents > figures.trainees) {
    throw badRequest('respondents_exceed_trainees', 'There cannot be more respondents than trainees');
  }
  for (const field of PERCENTAGES) {
    const value = figures[field];
    if (value !== null && (value < 0 || value > 100)) {
      throw badRequest('percentage_out_of_range', 'A rate is a percentage from 0 to 100', { field });
    }
  }
  if (
    figures.satisfactionAverage !== null &&
    (figures.satisfactionAverage < 0 || figures.satisfactionAverage > 5)
  ) {
    throw badRequest('satisfaction_out_of_range', 'An average satisfaction is out of 5', {
      field: 'satisfactionAverage',
    });
  }
  const satisfactionGiven = figures.satisfactionAverage !== null || figures.satisfiedShare !== null;
  if (figures.respondents > 0 && !satisfactionGiven) {
    throw badRequest('satisfaction_missing', 'Give the average satisfaction, the share satisfied, or both');
  }
  if (figures.respondents === 0 && satisfactionGiven) {
    throw badRequest(
      'satisfaction_without_respondents',
      'Without respondents there is no satisfaction figure',
    );
  }
  if (figures.completionRate + figures.dropOutRate > 100) {
    throw badRequest(
      'rates_exceed_total',
      'Completions and drop-outs together cannot exceed all trainees (100 %)',
    );
  }
  return { ...figures, responseRate: responseRate(figures.respondents, figures.trainees) };
};

/** The snapshot of a scope the public page shows now: the last one published and not withdrawn. */
export const currentOf = (state: PublicationState, scope: ResultsScope): string | null => {
  const key = scopeKey(scope);
  let current: string | null = null;
  for (const [id, snapshot] of state.snapshots) {
    if (snapshot.scopeKey === key && !snapshot.withdrawn) current = id;
  }
  return current;
};

/** One stream per organisation: its public page's id and every snapshot it published. */
export const publicationDecider: Decider<PublicationState, PublicationCommand, PublicationEvent> = {
  initialState: { publicId: null, snapshots: new Map() },

  evolve(state, event) {
    switch (event.type) {
      case 'PublicResultsPageOpened':
        return { ...state, publicId: event.data.publicId };
      case 'ResultsSnapshotPublished': {
        const snapshots = new Map(state.snapshots);
        snapshots.set(event.data.snapshotId, { scopeKey: scopeKey(event.data.scope), withdrawn: false });
        return { ...state, snapshots };
      }
      case 'ResultsSnapshotWithdrawn': {
        const snapshots = new Map(state.snapshots);
        const snapshot = snapshots.get(event.data.snapshotId);
        if (snapshot) snapshots.set(event.data.snapshotId, { ...snapshot, withdrawn: true });
        return { ...state, snapshots };
      }
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'PublishResultsSnapshot': {
        const { snapshot, today } = command;
        if (state.snapshots.has(snapshot.snapshotId)) {
          throw conflict('snapshot_exists', 'This snapshot was already published');
        }
        const figures = checkSnapshot(snapshot, today);
        const opened: PublicationEvent[] = state.publicId
          ? []
          : [{ type: 'PublicResultsPageOpened', data: { publicId: command.newPublicId } }];
        return [
          ...opened,
          {
            type: 'ResultsSnapshotPublished',
            data: { ...snapshot, figures, publishedOn: today, supersedes: currentOf(state, snapshot.scope) },
          },
        ];
      }
      case 'WithdrawResultsSnapshot': {
        const snapshot = state.snapshots.get(command.snapshotId);
        if (!snapshot) throw notFound('snapshot_not_found', 'No such published snapshot');
        if (snapshot.withdrawn) {
          throw conflict('snapshot_already_withdrawn', 'This snapshot was already withdrawn');
        }
        return [
          {
            type: 'ResultsSnapshotWithdrawn',
            data: { snapshotId: command.snapshotId, reason: command.reason },
          },
        ];
      }
    }
  },
};
