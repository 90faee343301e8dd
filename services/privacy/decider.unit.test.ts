import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { subjectDecider } from './decider';

const spec = deciderSpec(subjectDecider);
const erase = {
  type: 'RecordErasure' as const,
  subjectId: 'user:u1',
  reason: 'subject_request' as const,
  erasedBy: 'admin1',
};

describe('erasure of a data subject', () => {
  it('records who erased which subject and why, and no personal value', () => {
    spec
      .given([])
      .when(erase)
      .thenEmits([
        {
          type: 'PersonalDataErased',
          data: { subjectId: 'user:u1', reason: 'subject_request', erasedBy: 'admin1' },
        },
      ]);
  });

  it('refuses to record a second erasure of the same subject', () => {
    spec
      .given([
        {
          type: 'PersonalDataErased',
          data: { subjectId: 'user:u1', reason: 'subject_request', erasedBy: 'a' },
        },
      ])
      .when(erase)
      .thenRejects('subject_already_erased', 409);
  });
});
