import { JobFailure } from './job.types';
import { isTerminal, outcomeOf, reportOf } from './job-outcome';

describe('job outcome at the job boundary', () => {
  it('a returned result is done, cleaned for storage', () => {
    expect(outcomeOf({ ok: true, result: { note: 'a\u0000' } }, null, 1, 0)).toEqual({
      status: 'done',
      result: { note: 'a\uFFFD' },
    });
    expect(outcomeOf({ ok: true, result: undefined }, null, 1, 0)).toEqual({ status: 'done', result: null });
  });

  it('a failure fails, or goes back to the queue while the kind has retries left', () => {
    const error = new Error('timeout');
    expect(outcomeOf({ ok: false, error }, null, 1, 0)).toMatchObject({ status: 'failed' });
    expect(outcomeOf({ ok: false, error }, null, 1, 2)).toMatchObject({ status: 'queued' });
    expect(outcomeOf({ ok: false, error }, null, 2, 2)).toMatchObject({ status: 'queued' });
    expect(outcomeOf({ ok: false, error }, null, 3, 2)).toMatchObject({
      status: 'failed',
      error: { code: 'JobFailed', message: 'timeout' },
    });
  });

  it('a stop wins over the error it caused, not over work the handler completed', () => {
    expect(outcomeOf({ ok: false, error: new Error('aborted') }, 'cancel', 1, 3)).toMatchObject({
      status: 'cancelled',
      error: { code: 'Cancelled' },
    });
    expect(outcomeOf({ ok: true, result: 1 }, 'shutdown', 1, 0)).toEqual({ status: 'done', result: 1 });
    expect(outcomeOf({ ok: false, error: new Error('x') }, 'shutdown', 1, 0)).toMatchObject({
      status: 'interrupted',
      error: { code: 'Interrupted' },
    });
    expect(outcomeOf({ ok: false, error: 'x' }, 'claim-lost', 1, 0)).toMatchObject({ status: 'interrupted' });
  });

  it('reports codes, messages and details of whatever was thrown, always storable', () => {
    expect(
      reportOf(new JobFailure('InvalidRows', '2 rows\u0000', { errors: [{ line: 2, message: '1\u0000' }] })),
    ).toEqual({
      code: 'InvalidRows',
      message: '2 rows\uFFFD',
      details: { errors: [{ line: 2, message: '1\uFFFD' }] },
    });
    expect(reportOf(Object.assign(new Error('bad'), { code: 'InvalidAreaImport' }))).toEqual({
      code: 'InvalidAreaImport',
      message: 'bad',
    });
    expect(reportOf(Object.assign(new Error('pg'), { code: '23505' }))).toEqual({
      code: 'JobFailed',
      message: 'pg',
    });
    expect(reportOf(undefined)).toEqual({ code: 'JobFailed', message: 'undefined' });
    expect(reportOf(Object.create(null))).toEqual({ code: 'JobFailed', message: '{}' });
  });

  it('knows which states are ends', () => {
    expect(
      ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'].map((s) => isTerminal(s as never)),
    ).toEqual([false, false, true, true, true, true]);
  });
});
