import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Submission } from './submission.ts';

describe('Submission', () => {
  it('is busy while the request runs and clears the previous error', async () => {
    const submission = new Submission(() => 'failed');
    submission.error.set('old');
    let busyDuring: boolean | null = null;
    await submission.run(async () => {
      busyDuring = submission.busy();
      assert.equal(submission.error(), null);
    });
    assert.equal(busyDuring, true);
    assert.equal(submission.busy(), false);
    assert.equal(submission.error(), null);
  });

  it('turns a failure into the described error and is no longer busy', async () => {
    const submission = new Submission((error) => `described: ${(error as Error).message}`);
    await submission.run(async () => {
      throw new Error('409');
    });
    assert.equal(submission.error(), 'described: 409');
    assert.equal(submission.busy(), false);
  });
});
