import { linkedSignal, type WritableSignal } from '@angular/core';
import type { Wave } from './survey-api';

type ChoosableWave = Pick<Wave, 'id' | 'responses'>;

/**
 * The wave a survey's tab shows (results, indicator preview). At first the wave last answered,
 * else the last one; the reader's choice is then kept while the survey is read again (after a
 * save, a publication, an import) as long as that wave still exists — a new survey object must
 * not send the reader back to the first wave they were shown.
 */
export function waveChoice(waves: () => readonly ChoosableWave[]): WritableSignal<string | null> {
  return linkedSignal<readonly ChoosableWave[], string | null>({
    source: waves,
    computation: (list, previous) =>
      previous?.value && list.some((w) => w.id === previous.value)
        ? previous.value
        : (([...list].reverse().find((w) => w.responses > 0) ?? list.at(-1))?.id ?? null),
  });
}
