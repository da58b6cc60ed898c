import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AreaImportJob } from '@quartier/portal-data-access';
import { featureNumber, importPercent, pollDelayMs } from './import-progress.ts';

const job = (overrides: Partial<AreaImportJob>): AreaImportJob => ({
  id: 'j',
  status: 'running',
  level: 'bezirk',
  processed: 0,
  progress: 0,
  created: 0,
  updated: 0,
  errors: [],
  fileProblem: null,
  message: null,
  createdAt: '2026-12-01T10:00:00Z',
  finishedAt: null,
  ...overrides,
});

describe('import progress', () => {
  it('shows the server’s byte progress of the streamed upload as a percentage', () => {
    assert.equal(importPercent(job({ processed: 40, progress: 0.374 })), 37);
    assert.equal(importPercent(job({ processed: 0, progress: 0 })), 0);
    assert.equal(importPercent(job({ progress: 1.2 })), 100);
    assert.equal(importPercent(job({ progress: -0.1 })), 0);
    assert.equal(importPercent(job({ status: 'succeeded', progress: 0.5 })), 100);
  });

  it('is indeterminate while the progress is not a number', () => {
    assert.equal(importPercent(job({ progress: Number.NaN, processed: 1 })), null);
  });

  it('polls quickly at first, then every two seconds', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 10].map(pollDelayMs), [250, 500, 1000, 2000, 2000, 2000]);
  });

  it('numbers features from one for people', () => {
    assert.equal(featureNumber(0), 1);
    assert.equal(featureNumber(41), 42);
  });
});
