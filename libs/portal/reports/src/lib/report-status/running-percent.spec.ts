import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runningPercent } from './running-percent.ts';

describe('report status', () => {
  it('shows the progress of a queued or running job in whole percent', () => {
    assert.equal(runningPercent({ status: 'running', progress: 0.424 }), 42);
    assert.equal(runningPercent({ status: 'queued', progress: 0 }), 0);
  });

  it('shows no progress once the job has ended, whatever its last number', () => {
    assert.equal(runningPercent({ status: 'done', progress: 1 }), null);
    assert.equal(runningPercent({ status: 'failed', progress: 0.5 }), null);
    assert.equal(runningPercent({ status: 'cancelled', progress: 0.2 }), null);
  });
});
