import type { Decider } from '../kernel/command';
import { sameFacts } from '../kernel/facts';
import { noPersonalData, type PersonalDataDeclarations } from '../privacy/declarations';
import {
  type ComplaintDeadlineSettings,
  checkDeadlineSettings,
  DEFAULT_DEADLINE_SETTINGS,
} from './deadlines';

/** The organisation set its complaint deadlines; each setting replaces the previous one whole. */
export type ComplaintDeadlinesSet = {
  type: 'ComplaintDeadlinesSet';
  data: ComplaintDeadlineSettings;
};

export type ComplaintSettingsEvent = ComplaintDeadlinesSet;
export const complaintSettingsEventTypes = [
  'ComplaintDeadlinesSet',
] as const satisfies ComplaintSettingsEvent['type'][];

/** One small stream per organisation: its deadline settings, changed rarely and by one person at a time. */
export const complaintSettingsStream = (organisationId: string) => `complaintsettings-${organisationId}`;

/** Working-day counts and a calendar name: nobody's data. */
export const complaintSettingsPersonalData: PersonalDataDeclarations<ComplaintSettingsEvent> = {
  ComplaintDeadlinesSet: noPersonalData,
};

export type ComplaintSettingsCommand = { type: 'SetComplaintDeadlines'; settings: ComplaintDeadlineSettings };

/** The deadlines in force: the defaults until the organisation sets its own. */
export const complaintSettingsDecider: Decider<
  ComplaintDeadlineSettings,
  ComplaintSettingsCommand,
  ComplaintSettingsEvent
> = {
  initialState: DEFAULT_DEADLINE_SETTINGS,
  evolve: (_state, event) => ({ ...event.data }),
  decide(command, state) {
    checkDeadlineSettings(command.settings);
    if (sameFacts(command.settings, state)) return [];
    return [{ type: 'ComplaintDeadlinesSet', data: { ...command.settings } }];
  },
};
