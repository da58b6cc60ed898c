import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WAVE_NAME_MAX_LENGTH } from '@quartier/contracts/browser';
import { dictionaryMismatches } from '@quartier/portal-ui/texts';
import { proposedWaveDays, WAVE_TEXTS_DE, WAVE_TEXTS_EN, waveRequest } from './wave-days.ts';

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

describe('waveRequest', () => {
  const draft = { name: ' Welle 1 ', opensOn: '2027-01-01', closesOn: '2027-03-01', invitationOnly: false };

  it('sends the wave with its name trimmed, also one opening and closing on the same day', () => {
    assert.deepEqual(waveRequest(draft), { ok: true, wave: { ...draft, name: 'Welle 1' } });
    assert.equal(waveRequest({ ...draft, closesOn: draft.opensOn }).ok, true);
  });

  it('refuses a wave that closes before it opens, as the survey service does', () => {
    assert.deepEqual(waveRequest({ ...draft, closesOn: '2026-12-31' }), {
      ok: false,
      problem: 'wave.closesBeforeOpens',
    });
  });

  it('refuses a name the service refuses: blank, or longer than its limit once trimmed', () => {
    assert.deepEqual(waveRequest({ ...draft, name: '   ' }), { ok: false, problem: 'wave.nameMissing' });
    const longest = 'x'.repeat(WAVE_NAME_MAX_LENGTH);
    assert.equal(waveRequest({ ...draft, name: ` ${longest} ` }).ok, true);
    assert.deepEqual(waveRequest({ ...draft, name: `${longest}x` }), {
      ok: false,
      problem: 'wave.nameTooLong',
    });
  });

  it('refuses a day left empty', () => {
    assert.deepEqual(waveRequest({ ...draft, closesOn: '' }), { ok: false, problem: 'wave.daysMissing' });
  });

  it('words every refusal in German and English', () => {
    assert.deepEqual(dictionaryMismatches(WAVE_TEXTS_DE, WAVE_TEXTS_EN), []);
    assert.match(WAVE_TEXTS_DE['wave.nameTooLong'], /100 Zeichen/);
  });
});
