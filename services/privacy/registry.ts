import type { AccessEvent } from '../access/events';
import { feedbackPersonalData } from '../feedback/events';
import { mailPersonalData } from '../mail/events';
import { organisationPersonalData } from '../organisation/events';
import type { TrainingEvent } from '../training/events';
import {
  type AllPersonalDataDeclarations,
  noPersonalData,
  type PersonalDataDeclarations,
  subjectId,
} from './declarations';
import { privacyPersonalData } from './events';

// The access and training slices are being reworked in parallel: their declarations sit here for now, typed
// against their event unions (a new type there fails to compile here), and move beside their events after.

/** An organisation's name is a legal entity's, not a person's; a user's e-mail and name are theirs. */
export const accessPersonalData: PersonalDataDeclarations<AccessEvent> = {
  OrganisationCreated: noPersonalData,
  UserRegistered: [
    { field: 'email', subject: (data) => subjectId('user', data.userId) },
    { field: 'displayName', subject: (data) => subjectId('user', data.userId) },
  ],
};

/**
 * Training actions and sessions describe an offer (titles, dates, sites), nobody's data. The reasons given for a
 * correction are the organisation's record of why its offer changed (what an auditor asks for), written by staff
 * about the offer: kept, not sealed.
 */
export const trainingPersonalData: PersonalDataDeclarations<TrainingEvent> = {
  TrainingActionCreated: noPersonalData,
  TrainingActionRenamed: noPersonalData,
  TrainingActionRecategorised: noPersonalData,
  TrainingActionArchived: noPersonalData,
  TrainingActionUnarchived: noPersonalData,
  SessionScheduled: noPersonalData,
  SessionRenamed: noPersonalData,
  SessionRescheduled: noPersonalData,
  SessionMoved: noPersonalData,
  SessionCancelled: noPersonalData,
  SessionArchived: noPersonalData,
  SessionUnarchived: noPersonalData,
};

/** Every event type's declaration, merged. Adding a slice with events adds one line here. */
export const allPersonalData: AllPersonalDataDeclarations = Object.assign(
  {},
  accessPersonalData,
  trainingPersonalData,
  feedbackPersonalData,
  privacyPersonalData,
  organisationPersonalData,
  mailPersonalData,
) as AllPersonalDataDeclarations;
