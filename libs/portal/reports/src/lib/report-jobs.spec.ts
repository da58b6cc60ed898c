import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionsOf, jobProblem, pollDelay } from './report-jobs.ts';

describe('report jobs', () => {
  it('offers download and preview only for finished files, preview only for a PDF', () => {
    assert.deepEqual(actionsOf({ status: 'done', contentType: 'application/pdf' }), {
      download: true,
      preview: true,
      cancel: false,
      regenerate: true,
      update: true,
    });
    // A level's profiles are a ZIP: downloadable, no preview.
    assert.equal(actionsOf({ status: 'done', contentType: 'application/zip' }).preview, false);
    assert.equal(actionsOf({ status: 'done', contentType: 'application/zip' }).download, true);
    assert.equal(actionsOf({ status: 'failed', contentType: 'application/pdf' }).download, false);
  });

  it('offers cancel while a job is active and regenerate or update once it has ended', () => {
    for (const status of ['queued', 'running'] as const)
      assert.deepEqual(actionsOf({ status, contentType: 'application/pdf' }), {
        download: false,
        preview: false,
        cancel: true,
        regenerate: false,
        update: false,
      });
    for (const status of ['failed', 'cancelled'] as const) {
      const actions = actionsOf({ status, contentType: 'application/pdf' });
      assert.equal(actions.cancel, false, status);
      assert.equal(actions.regenerate && actions.update, true, status);
    }
  });

  it('asks quickly at first and more slowly the longer a job runs', () => {
    assert.equal(pollDelay(0), 500);
    assert.equal(pollDelay(9), 500);
    assert.equal(pollDelay(10), 1_000);
    assert.equal(pollDelay(39), 1_000);
    assert.equal(pollDelay(40), 3_000);
    assert.equal(pollDelay(10_000), 3_000);
  });

  it('turns a job error into a problem whose code picks the translated sentence', () => {
    assert.deepEqual(
      jobProblem({ code: 'PinnedDataCorrupt', message: 'the pinned data … no longer matches' }),
      {
        status: 409,
        code: 'PinnedDataCorrupt',
        message: null,
        details: [],
      },
    );
    assert.equal(jobProblem({ code: 'RenderFailed', message: 'x' }).status, 500);
    assert.equal(jobProblem({ code: 'InvalidReportData', message: 'x' }).status, 422);
  });
});
