// The network page's colours. Actors are coloured by sector or community, so the ties that
// changed between two waves need colours none of those use: with green and red for new and
// lost ties, a new tie looked like a civil-society actor and a lost one like a welfare actor.
// New ties are black and drawn thicker, lost ones dark orange — apart from every actor colour
// in hue and, for greyscale print, in lightness. Pure, so the separation is unit-tested.
import { rgbChannels } from '@quartier/portal-ui/colours';

/** Sector colours: distinguishable, and each with at least 3:1 contrast against white. */
export const SECTOR_COLOURS: Readonly<Record<string, string>> = {
  'public-administration': '#1f5fa8',
  welfare: '#b3261e',
  'civil-society': '#2e7d32',
  business: '#8a5a00',
  residents: '#6a3d9a',
  none: '#616161',
};

export const COMMUNITY_COLOURS: readonly string[] = [
  '#1f5fa8',
  '#b3261e',
  '#2e7d32',
  '#8a5a00',
  '#6a3d9a',
  '#00838f',
  '#ad1457',
  '#4e6b00',
  '#5d4037',
  '#37474f',
];

export const communityColour = (community: number | undefined): string =>
  community === undefined ? SECTOR_COLOURS['none'] : COMMUNITY_COLOURS[community % COMMUNITY_COLOURS.length];

/** Ties: stable grey, new black, lost dark orange; faded outside an ego network. */
export const TIE_COLOURS = {
  stable: '#9e9e9e',
  new: '#000000',
  lost: '#e65100',
  faded: '#e6e6e6',
} as const;

/** Distance of two colours in the sRGB cube (0 = equal, 441 = black to white). */
export function colourDistance(a: string, b: string): number {
  const [r1, g1, b1] = rgbChannels(a);
  const [r2, g2, b2] = rgbChannels(b);
  return Math.hypot(r1 - r2, g1 - g2, b1 - b2);
}
