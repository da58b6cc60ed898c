// Bounds of a survey's settings that the survey service's DTOs enforce and the portal's forms
// check before sending, so a person hears about them in their words at once instead of as a
// late "invalid input" naming a field.

/** k-anonymity: a published cell needs at least `min` answers; `default` when none is given. */
export const SURVEY_K = { min: 2, max: 1000, default: 10 } as const;

/** The longest name of a survey wave (shorter than other names: it heads result tables). */
export const WAVE_NAME_MAX_LENGTH = 100;

/**
 * The code a survey item is published under as an indicator (`survey.results.published`'s
 * `indicatorCode`): lowercase letters, digits and _ . -, starting with a letter.
 */
export const SURVEY_INDICATOR_CODE = /^[a-z][a-z0-9_.-]{1,99}$/;
