import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signal } from '@angular/core';
import { waveChoice } from './wave-choice.ts';

const wave = (id: string, responses: number) => ({ id, responses });

describe('waveChoice', () => {
  it('shows at first the wave last answered, else the last wave, else none', () => {
    assert.equal(waveChoice(() => [wave('w1', 4), wave('w2', 7), wave('w3', 0)])(), 'w2');
    assert.equal(waveChoice(() => [wave('w1', 0), wave('w2', 0)])(), 'w2');
    assert.equal(waveChoice(() => [])(), null);
  });

  it('keeps the reader’s wave when the survey is read again, even where another was answered since', () => {
    const waves = signal([wave('w1', 4), wave('w2', 7)]);
    const chosen = waveChoice(waves);
    assert.equal(chosen(), 'w2');
    chosen.set('w1');
    // The survey as the service answers it after a release or a save: new objects, new counts.
    waves.set([wave('w1', 4), wave('w2', 9), wave('w3', 1)]);
    assert.equal(chosen(), 'w1');
  });

  it('goes back to the wave last answered when the chosen one is gone', () => {
    const waves = signal([wave('w1', 4), wave('w2', 7), wave('w3', 0)]);
    const chosen = waveChoice(waves);
    chosen.set('w3');
    waves.set([wave('w1', 4), wave('w2', 7)]);
    assert.equal(chosen(), 'w2');
  });
});
