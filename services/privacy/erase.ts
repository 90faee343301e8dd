import { type CommandContext, type CommandResult, runCommand } from '../kernel/command';
import type { SliceDeps } from '../slice';
import { subjectDecider } from './decider';
import { type ErasureReason, type PrivacyEvent, privacySubjectStream } from './events';

/** What erasing a subject needs: the vault, every slice's scrubbing outside the log. */
export type EraseDeps = Pick<SliceDeps, 'vault' | 'eraseOutsideLog'>;

/**
 * Erases one data subject, the one sequence behind the admin's erasure and the retention reactor: the key goes
 * first (a failed record is retried, and the deletion never waits on it), then what slices keep outside the log,
 * then `PersonalDataErased` on the subject's stream — refused (409 `subject_already_erased`) when it is already
 * recorded, so a repeat erases again harmlessly and records nothing twice.
 */
export const eraseSubject = async (
  deps: EraseDeps,
  context: CommandContext,
  erasure: { subjectId: string; reason: ErasureReason; erasedBy: string },
): Promise<CommandResult<PrivacyEvent>> => {
  await deps.vault.erase(erasure.subjectId);
  await deps.eraseOutsideLog(erasure.subjectId);
  return runCommand(context, subjectDecider, privacySubjectStream(erasure.subjectId), {
    type: 'RecordErasure',
    ...erasure,
  });
};
