import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { exportDecider, subjectDecider } from './decider';

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

describe('export of a data subject', () => {
  const exportSpec = deciderSpec(exportDecider);
  const command = {
    type: 'RecordExport' as const,
    exportId: 'e1',
    subjectIds: ['user:u1', 'contact:c1', 'user:u1'],
    format: 'json' as const,
    exportedBy: 'admin1',
  };

  it('records who exported which subjects in which format, once each, and no personal value', () => {
    exportSpec
      .given([])
      .when(command)
      .thenEmits([
        {
          type: 'PersonalDataExported',
          data: {
            exportId: 'e1',
            subjectIds: ['contact:c1', 'user:u1'],
            format: 'json',
            exportedBy: 'admin1',
          },
        },
      ]);
  });

  it('refuses an export of nobody, and a second record of the same export', () => {
    exportSpec
      .given([])
      .when({ ...command, subjectIds: [] })
      .thenRejects('no_subjects', 400);
    exportSpec
      .given([
        {
          type: 'PersonalDataExported',
          data: { exportId: 'e1', subjectIds: ['user:u1'], format: 'html', exportedBy: 'a' },
        },
      ])
      .when(command)
      .thenRejects('export_already_recorded', 409);
  });
});
