import { allPersonalData, allSubjectReferences } from '../../services/privacy/registry';
import type { ReadSlice } from '../read-slice';
import { subjectAccessProjection } from './projection';

/** Subject access: where each person's data sits in the log, the addresses that find them, the requests made. */
export const subjectAccessReadSlice: ReadSlice = {
  name: 'subject-access',
  projections: [subjectAccessProjection(allPersonalData, allSubjectReferences)],
};
