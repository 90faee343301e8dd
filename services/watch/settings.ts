import type { Decider } from '../kernel/command';
import { badRequest } from '../kernel/errors';
import { noPersonalData, type PersonalDataDeclarations } from '../privacy/declarations';
import {
  DEFAULT_EXPLOIT_WITHIN_DAYS,
  MAX_EXPLOIT_WITHIN_DAYS,
  MIN_EXPLOIT_WITHIN_DAYS,
} from './exploitation';

export interface WatchSettings {
  /** Calendar days after its recording within which a note should be analysed. */
  exploitWithinDays: number;
}

export const DEFAULT_WATCH_SETTINGS: WatchSettings = { exploitWithinDays: DEFAULT_EXPLOIT_WITHIN_DAYS };

/** The organisation set its watch delay; each setting replaces the previous one whole. */
export type WatchSettingsSet = { type: 'WatchSettingsSet'; data: WatchSettings };

export type WatchSettingsEvent = WatchSettingsSet;
export const watchSettingsEventTypes = ['WatchSettingsSet'] as const satisfies WatchSettingsEvent['type'][];

/** One small stream per organisation, changed rarely: its revision is what a change sends as If-Match. */
export const watchSettingsStream = (organisationId: string) => `watchsettings-${organisationId}`;

export const watchSettingsPersonalData: PersonalDataDeclarations<WatchSettingsEvent> = {
  WatchSettingsSet: noPersonalData,
};

export type WatchSettingsCommand = { type: 'SetWatchSettings'; settings: WatchSettings };

/** The settings in force: the defaults until the organisation sets its own. */
export const watchSettingsDecider: Decider<WatchSettings, WatchSettingsCommand, WatchSettingsEvent> = {
  initialState: DEFAULT_WATCH_SETTINGS,
  evolve: (_state, event) => ({ ...event.data }),
  decide(command, state) {
    const days = command.settings.exploitWithinDays;
    if (!Number.isInteger(days) || days < MIN_EXPLOIT_WITHIN_DAYS || days > MAX_EXPLOIT_WITHIN_DAYS) {
      throw badRequest(
        'watch_delay_out_of_range',
        `The delay is a whole number of days from ${MIN_EXPLOIT_WITHIN_DAYS} to ${MAX_EXPLOIT_WITHIN_DAYS}`,
        { exploitWithinDays: days },
      );
    }
    if (days === state.exploitWithinDays) return [];
    return [{ type: 'WatchSettingsSet', data: { exploitWithinDays: days } }];
  },
};
