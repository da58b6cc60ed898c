import type { JobView } from '@quartier/service-kit';
import { toValueImportJob, type ValueImportPayload, type ValueImportResult } from './value-import.job';

const base: JobView<ValueImportPayload, ValueImportResult> = {
  id: 'j1',
  kind: 'value-import',
  tenantId: 't',
  createdBy: 'admin',
  status: 'running',
  progress: 0.4,
  message: null,
  rows: 120,
  detail: { bytesRead: 400, observations: 119 },
  payload: { format: 'csv', fileName: 'werte.csv', file: '/tmp/x', bytesTotal: 1000, sha256: null },
  result: null,
  error: null,
  attempts: 1,
  createdAt: '2030-01-01T00:00:00.000Z',
  startedAt: '2030-01-01T00:00:01.000Z',
  finishedAt: null,
  heartbeatAt: null,
};

describe('value import as the API shows it', () => {
  it('shows a running import with the bytes and rows read so far', () => {
    expect(toValueImportJob(base)).toMatchObject({
      status: 'running',
      progress: 0.4,
      bytesTotal: 1000,
      bytesRead: 400,
      rowsRead: 120,
      observations: 119,
      errors: [],
      message: null,
    });
  });

  it('calls a done job succeeded, with its result', () => {
    const job = toValueImportJob({
      ...base,
      status: 'done',
      progress: 1,
      result: { observations: 500, rowsRead: 501, indicators: ['S1'], message: '500 value(s) imported' },
      finishedAt: '2030-01-01T00:01:00.000Z',
    });
    expect(job).toMatchObject({
      status: 'succeeded',
      progress: 1,
      bytesRead: 1000,
      rowsRead: 501,
      observations: 500,
      indicators: ['S1'],
      message: '500 value(s) imported',
    });
  });

  it('shows every bad row of a failed import and nothing imported', () => {
    const errors = [{ line: 2, column: 'value', reason: 'invalid', message: 'not a number' }];
    const job = toValueImportJob({
      ...base,
      status: 'failed',
      error: {
        code: 'InvalidValueImport',
        message: '1 invalid row(s); nothing was imported',
        details: { errors, errorCount: 1 },
      },
    });
    expect(job).toMatchObject({ status: 'failed', progress: 1, observations: 0, errorCount: 1, errors });
  });

  it('keeps the rows an interrupted import reached, with the reason', () => {
    const job = toValueImportJob({
      ...base,
      status: 'interrupted',
      error: {
        code: 'Interrupted',
        message: 'the service stopped while this job was running (120 rows reached)',
      },
    });
    expect(job).toMatchObject({ status: 'interrupted', progress: 0.4, rowsRead: 120, observations: 0 });
    expect(job.message).toContain('120 rows');
  });
});
