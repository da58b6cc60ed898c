// Colours for print: reports are photocopied and read by people with colour-vision deficiencies,
// so every palette here is ordered by lightness (it survives greyscale) and series are told apart
// by line dash and marker shape as well, never by hue alone.

/** Series colours, dark to light, each clearly apart in lightness (CIE L* ≈ 25, 50, 70, 85). */
export const SERIES_COLOURS = ['#1f3b5a', '#3f7cac', '#86b3d1', '#c7dcea'] as const;
/** Line dash per series, in the same order. */
export const SERIES_DASHES = ['solid', 'dashed', 'dotted', 'dashed'] as const;
/** Marker shape per series, in the same order. */
export const SERIES_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond'] as const;

/** Text, axes and grid lines. */
export const INK = '#1a1a1a';
export const MUTED_INK = '#555555';
export const GRID_LINE = '#d9d9d9';
/** The confidence band behind a line. */
export const BAND_FILL = '#9ab8d3';
/** Areas that are drawn for context (locator maps, the parent around an area). */
export const CONTEXT_FILL = '#eeeeee';
export const CONTEXT_STROKE = '#9a9a9a';
/** The area a map is about. */
export const FOCUS_FILL = '#1f3b5a';
/** Areas without a class (not valid, no data). */
export const NO_DATA_FILL = '#ffffff';

/**
 * Sequential ramps (ColorBrewer OrRd and Blues, 3–7 classes): lightness falls monotonically, so
 * the class order reads in greyscale too. Index 0 is the most favourable class.
 */
const ORANGE_RED: Record<number, readonly string[]> = {
  2: ['#fdd49e', '#d7301f'],
  3: ['#fee8c8', '#fdbb84', '#e34a33'],
  4: ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f'],
  5: ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'],
  6: ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'],
  7: ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#990000'],
};
const BLUES: Record<number, readonly string[]> = {
  2: ['#c6dbef', '#2171b5'],
  3: ['#deebf7', '#9ecae1', '#3182bd'],
  4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
  5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
};

export type RampName = 'need' | 'neutral';

/**
 * `count` class colours, light to dark. `need` (orange-red) for classes where darker means more
 * disadvantage, as the social index; `neutral` (blue) for magnitudes without a judgement.
 * @throws Error for fewer than 2 or more than 7 classes — more cannot be told apart in print.
 */
export function classColours(count: number, ramp: RampName = 'need'): readonly string[] {
  const colours = (ramp === 'need' ? ORANGE_RED : BLUES)[count];
  if (!colours) throw new Error(`a print palette has 2 to 7 classes, not ${count}`);
  return colours;
}

/** Black or white text, whichever reads on `fill` (WCAG relative luminance). */
export function textColourOn(fill: string): string {
  const hex = fill.replace('#', '');
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return luminance > 0.3 ? INK : '#ffffff';
}
