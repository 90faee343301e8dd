import { can, type Role } from '../kernel/auth';

/**
 * Whether a role reads an action's free text (title, description, notes): the text may quote the record it came
 * from, so it is read as that record is (a complainant's words with complaint:handle, an incident's with
 * incident:details); the text of other actions, every member. `subject` is the action's (see events.ts).
 */
export const readsActionText = (role: Role, subject: string): boolean => {
  if (subject.startsWith('complainant:')) return can(role, 'complaint:handle');
  if (subject.startsWith('learner:')) return can(role, 'incident:details');
  return true;
};
