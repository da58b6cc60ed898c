import { SURVEY_K } from '@quartier/contracts/browser';

/**
 * The k of a new survey as typed (a number input gives a number, or null when empty), or null
 * when the survey service would refuse it: a whole number from `SURVEY_K.min` to `SURVEY_K.max`
 * (its `createSurveySchema`). Checked before sending, so the person reads the bounds instead of
 * a late "invalid input, field k" — and an emptied field is not sent as k = 0.
 */
export function surveyK(typed: unknown): number | null {
  const k = typeof typed === 'string' && typed.trim() !== '' ? Number(typed) : typed;
  return typeof k === 'number' && Number.isInteger(k) && k >= SURVEY_K.min && k <= SURVEY_K.max ? k : null;
}

export const SURVEY_K_TEXTS_DE = {
  'k.invalid': `Die Mindestzahl k muss eine ganze Zahl von ${SURVEY_K.min} bis ${SURVEY_K.max} sein.`,
} as const;

export const SURVEY_K_TEXTS_EN: Readonly<Record<keyof typeof SURVEY_K_TEXTS_DE, string>> = {
  'k.invalid': `The minimum k must be a whole number from ${SURVEY_K.min} to ${SURVEY_K.max}.`,
};
