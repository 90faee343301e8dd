import { describe, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { type BinderExportCommand, binderExportDecider } from './decider';
import type { BinderExportCompleted, BinderExportEvent, BinderExportRequested } from './events';

const spec = deciderSpec(binderExportDecider);
const exportId = '00000000-0000-4000-8000-000000000001';

const request = (overrides: Partial<BinderExportRequested['data']> = {}) => ({
  exportId,
  from: '2025-12-01',
  to: '2026-11-30',
  indicators: [31, 30, 31],
  asOfPosition: 120,
  asOfRecordedAt: '2026-11-30T10:00:00.000Z',
  requestedBy: 'user-1',
  ...overrides,
});

const requestCommand = (
  overrides: Partial<BinderExportRequested['data']> = {},
  today = '2026-12-01',
): BinderExportCommand => ({
  type: 'RequestBinderExport',
  request: request(overrides),
  applicable: [1, 2, 30, 31, 32],
  today,
});

const requested: BinderExportEvent = {
  type: 'BinderExportRequested',
  data: { ...request(), indicators: [30, 31] },
};
const result: BinderExportCompleted['data'] = {
  exportId,
  fileName: 'dossier.zip',
  sha256: 'a'.repeat(64),
  bytes: 1000,
  fingerprint: 'SHA256:abc',
  items: 10,
  events: 8,
};

describe('binder export decider', () => {
  it('records a request with its indicators sorted and each once', () => {
    spec.given([]).when(requestCommand()).thenEmits([requested]);
  });

  it('a retried request changes nothing', () => {
    spec.given([requested]).when(requestCommand()).thenNothing();
  });

  it.each([
    ['period_reversed', { from: '2026-11-30', to: '2026-01-01' }, '2026-12-01'],
    ['period_in_future', { to: '2026-12-02' }, '2026-12-01'],
    ['period_too_long', { from: '2022-01-01', to: '2026-11-30' }, '2026-12-01'],
    ['no_indicator', { indicators: [] }, '2026-12-01'],
    ['indicator_not_applicable', { indicators: [31, 7] }, '2026-12-01'],
  ] as const)('refuses %s', (code, overrides, today) => {
    spec
      .given([])
      .when(requestCommand(overrides as Partial<BinderExportRequested['data']>, today))
      .thenRejects(code, 400);
  });

  it('a period ending today and a period of one day are accepted', () => {
    spec
      .given([])
      .when(requestCommand({ from: '2026-12-01', to: '2026-12-01' }, '2026-12-01'))
      .thenMatches([{ type: 'BinderExportRequested' }]);
  });

  it('completes once: the same archive again changes nothing, another archive is a conflict', () => {
    const completed: BinderExportEvent = { type: 'BinderExportCompleted', data: result };
    spec.given([requested]).when({ type: 'CompleteBinderExport', result }).thenEmits([completed]);
    spec.given([requested, completed]).when({ type: 'CompleteBinderExport', result }).thenNothing();
    spec
      .given([requested, completed])
      .when({ type: 'CompleteBinderExport', result: { ...result, sha256: 'b'.repeat(64) } })
      .thenRejects('export_not_running', 409);
  });

  it('cannot complete, fail or discard what was never requested', () => {
    spec.given([]).when({ type: 'CompleteBinderExport', result }).thenRejects('export_not_running', 409);
    spec
      .given([])
      .when({ type: 'FailBinderExport', exportId, reason: 'x' })
      .thenRejects('export_not_running');
    spec
      .given([requested])
      .when({ type: 'DiscardBinderExport', exportId })
      .thenRejects('export_not_completed');
  });

  it('a completed export is discarded once', () => {
    const completed: BinderExportEvent = { type: 'BinderExportCompleted', data: result };
    const discarded: BinderExportEvent = { type: 'BinderExportDiscarded', data: { exportId } };
    spec.given([requested, completed]).when({ type: 'DiscardBinderExport', exportId }).thenEmits([discarded]);
    spec
      .given([requested, completed, discarded])
      .when({ type: 'DiscardBinderExport', exportId })
      .thenNothing();
  });
});
