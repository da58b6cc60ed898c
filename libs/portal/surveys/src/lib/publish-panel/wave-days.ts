import { WAVE_NAME_MAX_LENGTH } from '@quartier/contracts/browser';
import { dayIn } from '@quartier/portal-ui/days';

/**
 * The days a new wave is proposed to open and close on: today and 60 days on, on the platform's
 * calendar (`timeZone`, which the registry's `/me` tells) — the survey service stores
 * submissions by the platform's days, so the browser's own zone, or the UTC day, would propose
 * yesterday or tomorrow around midnight.
 */
export function proposedWaveDays(now: Date, timeZone: string): { opensOn: string; closesOn: string } {
  return {
    opensOn: dayIn(now, timeZone),
    closesOn: dayIn(new Date(now.getTime() + 60 * 86_400_000), timeZone),
  };
}

/** A new wave as the form holds it. */
export interface WaveDraft {
  readonly name: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly invitationOnly: boolean;
}

export type WaveProblem =
  'wave.nameMissing' | 'wave.nameTooLong' | 'wave.daysMissing' | 'wave.closesBeforeOpens';

/**
 * The wave to send, or why the survey service would refuse it (its `createWaveSchema`: a name of
 * 1…`WAVE_NAME_MAX_LENGTH` characters once trimmed, and `closesOn` not before `opensOn`) — said
 * in the reader's words before sending instead of as a late "invalid input, field closesOn".
 */
export function waveRequest(
  draft: WaveDraft,
): { readonly ok: true; readonly wave: WaveDraft } | { readonly ok: false; readonly problem: WaveProblem } {
  const name = draft.name.trim();
  if (name === '') return { ok: false, problem: 'wave.nameMissing' };
  if (name.length > WAVE_NAME_MAX_LENGTH) return { ok: false, problem: 'wave.nameTooLong' };
  if (!ISO_DAY.test(draft.opensOn) || !ISO_DAY.test(draft.closesOn))
    return { ok: false, problem: 'wave.daysMissing' };
  if (draft.closesOn < draft.opensOn) return { ok: false, problem: 'wave.closesBeforeOpens' };
  return { ok: true, wave: { ...draft, name } };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const WAVE_TEXTS_DE: Readonly<Record<WaveProblem, string>> = {
  'wave.nameMissing': 'Bitte geben Sie der Welle einen Namen.',
  'wave.nameTooLong': `Der Name der Welle darf höchstens ${WAVE_NAME_MAX_LENGTH} Zeichen lang sein.`,
  'wave.daysMissing': 'Bitte geben Sie Beginn und Ende der Welle als Datum an.',
  'wave.closesBeforeOpens': 'Das Ende der Welle darf nicht vor ihrem Beginn liegen.',
};

export const WAVE_TEXTS_EN: Readonly<Record<WaveProblem, string>> = {
  'wave.nameMissing': 'Please give the wave a name.',
  'wave.nameTooLong': `The wave's name may be at most ${WAVE_NAME_MAX_LENGTH} characters long.`,
  'wave.daysMissing': 'Please give the days the wave opens and closes.',
  'wave.closesBeforeOpens': 'The wave cannot close before it opens.',
};
