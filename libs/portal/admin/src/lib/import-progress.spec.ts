import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AreaImportJob } from '@quartier/portal-data-access';
import {
  featureNumber,
  formatFileSize,
  isFinished,
  pollDelayMs,
  progressPercent,
} from './import-progress.ts';

const job = (overrides: Partial<AreaImportJob>): AreaImportJob => ({
  id: 'j',
  status: 'running',
  processed: 0,
  total: 0,
  created: 0,
  updated: 0,
  errors: [],
  ...overrides,
});

describe('import progress', () => {
  it('is finished once it left the queue and ended: succeeded, failed, cancelled or interrupted', () => {
    assert.equal(isFinished(job({ status: 'queued' })), false);
    assert.equal(isFinished(job({ status: 'running' })), false);
    assert.equal(isFinished(job({ status: 'succeeded' })), true);
    assert.equal(isFinished(job({ status: 'failed' })), true);
    assert.equal(isFinished(job({ status: 'cancelled' })), true);
    assert.equal(isFinished(job({ status: 'interrupted' })), true);
  });

  it('computes a percentage, unknown while the total is not known', () => {
    assert.equal(progressPercent(job({ processed: 0, total: 0 })), null);
    assert.equal(progressPercent(job({ processed: 271, total: 542 })), 50);
    assert.equal(progressPercent(job({ processed: 1, total: 3 })), 33);
    assert.equal(progressPercent(job({ processed: 600, total: 542 })), 100);
    assert.equal(progressPercent(job({ status: 'succeeded', total: 0 })), 100);
    assert.equal(progressPercent(job({ processed: 0, total: undefined })), null);
  });

  it('prefers the server’s byte progress of a streamed upload', () => {
    assert.equal(progressPercent(job({ processed: 40, progress: 0.374 })), 37);
    assert.equal(progressPercent(job({ processed: 40, total: 542, progress: 0.5 })), 50);
    assert.equal(progressPercent(job({ progress: 1.2 })), 100);
    assert.equal(progressPercent(job({ progress: Number.NaN, total: 4, processed: 1 })), 25);
  });

  it('polls quickly at first, then every two seconds', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 10].map(pollDelayMs), [250, 500, 1000, 2000, 2000, 2000]);
  });

  it('numbers features from one for people', () => {
    assert.equal(featureNumber(0), 1);
    assert.equal(featureNumber(41), 42);
  });

  it('formats file sizes in the user’s locale', () => {
    assert.equal(formatFileSize(512, 'de-DE'), '512 B');
    assert.equal(formatFileSize(1_400_000, 'de-DE'), '1,4 MB');
    assert.equal(formatFileSize(1_400_000, 'en-GB'), '1.4 MB');
    assert.equal(formatFileSize(99_500_000_000, 'en-GB'), '99.5 GB');
  });
});
