import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { followJob, jobActive, progressPercent } from './follow-job.ts';

interface Job {
  readonly id: string;
  readonly status: string;
  readonly progress: number;
}

/** A job that answers queued, running …, then the given end. */
function answers(...statuses: string[]): { ask: (job: Job) => Promise<Job>; asked: () => number } {
  let asked = 0;
  return {
    ask: async (job) => ({ ...job, status: statuses[asked++], progress: asked / statuses.length }),
    asked: () => asked,
  };
}

describe('followJob', () => {
  it('asks until the job has ended and passes every answer on, the end included', async () => {
    const job = answers('running', 'running', 'succeeded');
    const seen: string[] = [];
    const ended = await followJob({ id: 'j', status: 'queued', progress: 0 }, job.ask, {
      delay: () => 0,
      seen: (j) => seen.push(j.status),
    });
    assert.equal(ended?.status, 'succeeded');
    assert.deepEqual(seen, ['running', 'running', 'succeeded']);
    assert.equal(job.asked(), 3);
  });

  it('does not ask about a job that has already ended', async () => {
    const job = answers('succeeded');
    const ended = await followJob({ id: 'j', status: 'failed', progress: 1 }, job.ask, { delay: () => 0 });
    assert.equal(ended?.status, 'failed');
    assert.equal(job.asked(), 0);
  });

  it('waits the delay of each attempt, counted from 0', async () => {
    const attempts: number[] = [];
    const job = answers('running', 'cancelled');
    await followJob({ id: 'j', status: 'running', progress: 0 }, job.ask, {
      delay: (attempt) => {
        attempts.push(attempt);
        return 0;
      },
    });
    assert.deepEqual(attempts, [0, 1]);
  });

  it('stops without asking again once stopped, and passes nothing on after it', async () => {
    const stop = new AbortController();
    const seen: string[] = [];
    const job = answers('running', 'running', 'succeeded');
    const following = followJob({ id: 'j', status: 'queued', progress: 0 }, job.ask, {
      delay: (attempt) => (attempt === 0 ? 0 : 60_000),
      seen: (j) => seen.push(j.status),
      stop: stop.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    stop.abort();
    assert.equal(await following, null);
    assert.deepEqual(seen, ['running']);
    assert.equal(job.asked(), 1);
  });

  it('rejects with the failure of a request', async () => {
    await assert.rejects(
      followJob({ id: 'j', status: 'queued', progress: 0 }, async () => Promise.reject(new Error('gone')), {
        delay: () => 0,
      }),
      /gone/,
    );
  });

  it('counts queued and running as not yet ended', () => {
    assert.deepEqual(
      ['queued', 'running', 'succeeded', 'done', 'failed', 'cancelled', 'interrupted'].map(jobActive),
      [true, true, false, false, false, false, false],
    );
  });

  it('shows progress as a whole percentage within 0…100, 0 without a number', () => {
    assert.deepEqual(
      [0, 0.054, 0.374, 0.995, 1.2, -0.1, Number.NaN, null].map(progressPercent),
      [0, 5, 37, 100, 100, 0, 0, 0],
    );
  });
});
