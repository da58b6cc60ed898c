import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proposedWaveDays } from './wave-days.ts';

describe('proposedWaveDays', () => {
  it("proposes 1 January at 23:30 UTC on New Year's Eve in Berlin, and 31 December in UTC", () => {
    const now = new Date('2026-12-31T23:30:00Z');
    assert.deepEqual(proposedWaveDays(now, 'Europe/Berlin'), {
      opensOn: '2027-01-01',
      closesOn: '2027-03-02',
    });
    assert.deepEqual(proposedWaveDays(now, 'UTC'), { opensOn: '2026-12-31', closesOn: '2027-03-01' });
  });

  it('follows the platform’s zone, whichever it is', () => {
    assert.deepEqual(proposedWaveDays(new Date('2027-01-01T04:30:00Z'), 'America/New_York'), {
      opensOn: '2026-12-31',
      closesOn: '2027-03-01',
    });
  });
});
