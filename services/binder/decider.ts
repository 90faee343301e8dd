import type { Decider } from '../kernel/command';
import { badRequest, conflict } from '../kernel/errors';
import type { BinderExportCompleted, BinderExportEvent, BinderExportRequested } from './events';

export type BinderExportStatus = 'none' | 'requested' | 'completed' | 'failed' | 'discarded';

export interface BinderExportState {
  status: BinderExportStatus;
  sha256: string | null;
}

/** A binder covers at most this many days: a renewal cycle (three years) with room for its audits' margins. */
export const MAX_BINDER_PERIOD_DAYS = 4 * 366;

export type BinderExportCommand =
  | {
      type: 'RequestBinderExport';
      request: Omit<BinderExportRequested['data'], 'indicators'> & { indicators: readonly number[] };
      /** The indicators applicable to the organisation: a binder covers some of them, never another. */
      applicable: readonly number[];
      /** Today in Paris: a period cannot end after it. */
      today: string;
    }
  | { type: 'CompleteBinderExport'; result: BinderExportCompleted['data'] }
  | { type: 'FailBinderExport'; exportId: string; reason: string }
  | { type: 'DiscardBinderExport'; exportId: string };

const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

const checkRequest = (command: Extract<BinderExportCommand, { type: 'RequestBinderExport' }>) => {
  const { from, to, indicators } = command.request;
  if (from > to) {
    throw badRequest('period_reversed', 'The period ends before it starts', { from, to });
  }
  if (to > command.today) {
    throw badRequest('period_in_future', 'The period cannot end after today', { to, today: command.today });
  }
  if (daysBetween(from, to) >= MAX_BINDER_PERIOD_DAYS) {
    throw badRequest('period_too_long', `A binder covers at most ${MAX_BINDER_PERIOD_DAYS} days`, {
      from,
      to,
    });
  }
  if (indicators.length === 0) {
    throw badRequest('no_indicator', 'A binder covers at least one indicator');
  }
  const applicable = new Set(command.applicable);
  const foreign = indicators.filter((indicator) => !applicable.has(indicator));
  if (foreign.length > 0) {
    throw badRequest('indicator_not_applicable', 'These indicators do not apply to the organisation', {
      indicators: foreign,
    });
  }
};

/**
 * One export's life: requested, then completed or failed; a completed one's file is discarded after its keeping
 * time. The runner's retries are safe: completing twice with the same archive changes nothing, and a second,
 * different archive for one request is a conflict (the log keeps one hash per binder).
 */
export const binderExportDecider: Decider<BinderExportState, BinderExportCommand, BinderExportEvent> = {
  initialState: { status: 'none', sha256: null },
  evolve(state, event) {
    switch (event.type) {
      case 'BinderExportRequested':
        return { status: 'requested', sha256: null };
      case 'BinderExportCompleted':
        return { status: 'completed', sha256: event.data.sha256 };
      case 'BinderExportFailed':
        return { ...state, status: 'failed' };
      case 'BinderExportDiscarded':
        return { ...state, status: 'discarded' };
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'RequestBinderExport': {
        if (state.status !== 'none') return [];
        checkRequest(command);
        const indicators = [...new Set(command.request.indicators)].sort((a, b) => a - b);
        return [{ type: 'BinderExportRequested', data: { ...command.request, indicators } }];
      }
      case 'CompleteBinderExport': {
        if (state.status === 'completed' && state.sha256 === command.result.sha256) return [];
        if (state.status !== 'requested') {
          throw conflict('export_not_running', 'This export is not waiting for its archive', {
            status: state.status,
          });
        }
        return [{ type: 'BinderExportCompleted', data: command.result }];
      }
      case 'FailBinderExport': {
        if (state.status === 'failed') return [];
        if (state.status !== 'requested') {
          throw conflict('export_not_running', 'This export is not running', { status: state.status });
        }
        return [{ type: 'BinderExportFailed', data: { exportId: command.exportId, reason: command.reason } }];
      }
      case 'DiscardBinderExport': {
        if (state.status === 'discarded') return [];
        if (state.status !== 'completed') {
          throw conflict('export_not_completed', 'Only a completed export has a file to discard', {
            status: state.status,
          });
        }
        return [{ type: 'BinderExportDiscarded', data: { exportId: command.exportId } }];
      }
    }
  },
};
