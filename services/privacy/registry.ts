import type { AccessEvent, AccountEvent, TeamEvent } from '../access/events';
import { actionPersonalData } from '../actions/events';
import { type AuditorAccessEvent, auditorAccessPersonalData } from '../auditor-access/events';
import {
  auditPersonalData,
  nonConformityActionPersonalData,
  nonConformityPersonalData,
} from '../audits/events';
import { binderExportPersonalData } from '../binder/events';
import { type CampaignAnswerEvent, campaignAnswerPersonalData } from '../campaign/answer-events';
import { type CampaignEvent, campaignPersonalData } from '../campaign/events';
import { certificationPersonalData } from '../certification/events';
import { complaintPersonalData, complaintSubjectReferences } from '../complaints/events';
import { complaintImprovementPersonalData } from '../complaints/improvement';
import { incidentPersonalData } from '../complaints/incident-events';
import { complaintPagePersonalData } from '../complaints/public-page';
import { complaintSettingsPersonalData } from '../complaints/settings';
import { contactLogPersonalData } from '../contact-log/events';
import { disabilityNetworkPersonalData } from '../disability-network/events';
import { evidenceDocumentPersonalData } from '../documents/events';
import { feedbackPersonalData } from '../feedback/events';
import { mailPersonalData } from '../mail/events';
import { mockAuditFindingActionPersonalData, mockAuditPersonalData } from '../mock-audit/events';
import { organisationPersonalData } from '../organisation/events';
import { publicationPersonalData } from '../publication/events';
import { questionnairePersonalData } from '../questionnaire/events';
import { type ResultsEvent, resultsPersonalData } from '../results/events';
import { retentionPersonalData } from '../retention/events';
import { selfAssessmentPersonalData } from '../self-assessment/events';
import type { TrainingEvent } from '../training/events';
import { watchNotePersonalData } from '../watch/events';
import { watchImprovementPersonalData } from '../watch/improvement';
import { watchSettingsPersonalData } from '../watch/settings';
import {
  type AllPersonalDataDeclarations,
  type AllSubjectReferences,
  noPersonalData,
  type PersonalDataDeclarations,
  type SubjectReferences,
  subjectId,
} from './declarations';
import { privacyPersonalData } from './events';

// The access and training slices are being reworked in parallel: their declarations sit here for now, typed
// against their event unions (a new type there fails to compile here), and move beside their events after.

/** An organisation's name is a legal entity's, not a person's; a user's e-mail and name are theirs. */
export const accessPersonalData: PersonalDataDeclarations<AccessEvent> = {
  OrganisationCreated: noPersonalData,
  UserRegistered: [
    { field: 'email', subject: (data) => subjectId('user', data.userId), email: true },
    { field: 'displayName', subject: (data) => subjectId('user', data.userId) },
  ],
};

/**
 * The team: an invitation's address is the invitee's, sealed with the invitation as subject until they join (then
 * they are a user); the rest are ids, roles and dates.
 */
export const teamPersonalData: PersonalDataDeclarations<TeamEvent> = {
  UserRegistered: accessPersonalData.UserRegistered,
  TeamMemberEnrolled: [
    { field: 'email', subject: (data) => subjectId('user', data.userId), email: true },
    { field: 'displayName', subject: (data) => subjectId('user', data.userId) },
  ],
  InvitationSent: [
    { field: 'email', subject: (data) => subjectId('contact', data.invitationId), email: true },
  ],
  InvitationResent: noPersonalData,
  InvitationRevoked: noPersonalData,
  InvitationAccepted: noPersonalData,
  UserRoleChanged: noPersonalData,
  UserDeactivated: noPersonalData,
  UserReactivated: noPersonalData,
};

/** An account's security facts: ids, counts and dates (no credential ever enters the log). */
export const accountPersonalData: PersonalDataDeclarations<AccountEvent> = {
  UserSignedIn: noPersonalData,
  SignInFailuresRecorded: noPersonalData,
  PasswordChanged: noPersonalData,
  PasswordResetRequested: noPersonalData,
  PasswordReset: noPersonalData,
  OtherSessionsEnded: noPersonalData,
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
  teamPersonalData,
  accountPersonalData,
  trainingPersonalData,
  feedbackPersonalData,
  privacyPersonalData,
  organisationPersonalData,
  mailPersonalData,
  questionnairePersonalData,
  campaignPersonalData,
  campaignAnswerPersonalData,
  retentionPersonalData,
  contactLogPersonalData,
  publicationPersonalData,
  resultsPersonalData,
  complaintPersonalData,
  incidentPersonalData,
  complaintSettingsPersonalData,
  complaintImprovementPersonalData,
  complaintPagePersonalData,
  auditPersonalData,
  nonConformityPersonalData,
  nonConformityActionPersonalData,
  actionPersonalData,
  watchNotePersonalData,
  watchImprovementPersonalData,
  watchSettingsPersonalData,
  disabilityNetworkPersonalData,
  binderExportPersonalData,
  evidenceDocumentPersonalData,
  auditorAccessPersonalData,
  certificationPersonalData,
  mockAuditPersonalData,
  mockAuditFindingActionPersonalData,
  selfAssessmentPersonalData,
) as AllPersonalDataDeclarations;

const user = (data: { userId: string }) => [subjectId('user', data.userId)];

/** What a member's account and the team record about them by id: their role, status, sign-ins, passwords. */
export const accessSubjectReferences: SubjectReferences<TeamEvent | AccountEvent> = {
  InvitationResent: (data) => [subjectId('contact', data.invitationId)],
  InvitationRevoked: (data) => [subjectId('contact', data.invitationId)],
  InvitationAccepted: (data) => [subjectId('contact', data.invitationId), subjectId('user', data.userId)],
  UserRoleChanged: user,
  UserDeactivated: user,
  UserReactivated: user,
  UserSignedIn: user,
  SignInFailuresRecorded: user,
  PasswordChanged: user,
  PasswordResetRequested: user,
  PasswordReset: user,
  OtherSessionsEnded: user,
};

const respondent = (data: { respondentId: string }) => [subjectId('respondent', data.respondentId)];

/** A campaign names its respondents by id when it mails them, and when they answer or opt out. */
export const campaignSubjectReferences: SubjectReferences<CampaignEvent | CampaignAnswerEvent> = {
  CampaignRespondentRemoved: respondent,
  CampaignMessageQueued: respondent,
  CampaignRespondentAnswered: respondent,
  CampaignRespondentOptedOut: respondent,
  CampaignAnswerSubmitted: (data) => (data.respondentId ? [subjectId('respondent', data.respondentId)] : []),
};

/** A review names its reviewer by id (a follow-up's title is already sealed as its requester's). */
export const resultsSubjectReferences: SubjectReferences<ResultsEvent> = {
  AnswerReviewed: (data) => [subjectId('user', data.reviewedBy)],
};

/** An auditor's link names them (the link is their subject) when it is revoked and each time it is used. */
export const auditorAccessSubjectReferences: SubjectReferences<AuditorAccessEvent> = {
  AuditorAccessRevoked: (data) => [subjectId('contact', data.linkId)],
  AuditorAccessUsed: (data) => [subjectId('contact', data.linkId)],
};

/** Every slice's subject references, merged (see SubjectReferences). */
export const allSubjectReferences: AllSubjectReferences = Object.assign(
  {},
  accessSubjectReferences,
  campaignSubjectReferences,
  resultsSubjectReferences,
  complaintSubjectReferences,
  auditorAccessSubjectReferences,
) as AllSubjectReferences;
