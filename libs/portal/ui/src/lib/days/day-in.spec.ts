import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayIn } from './day-in.ts';

describe('dayIn', () => {
  it("is 1 January at 23:30 UTC on New Year's Eve in Berlin, and 31 December in UTC", () => {
    const now = new Date('2026-12-31T23:30:00Z');
    assert.equal(dayIn(now, 'Europe/Berlin'), '2027-01-01');
    assert.equal(dayIn(now, 'UTC'), '2026-12-31');
  });

  it('follows the platform’s zone, whichever it is', () => {
    assert.equal(dayIn(new Date('2027-01-01T04:30:00Z'), 'America/New_York'), '2026-12-31');
    assert.equal(dayIn(new Date('2026-06-30T18:30:00Z'), 'Asia/Kolkata'), '2026-07-01');
  });
});
