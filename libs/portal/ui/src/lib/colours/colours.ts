// Measures of #rrggbb colours that the portal's palettes are checked against (WCAG 2): how light
// a colour stays in greyscale print and how far two colours stand apart for a reader with low
// vision. Each feature that picks colours (network sectors, evaluation map roles, indicator
// classes) asserts its palette with these in its unit tests.

/** The red, green and blue channels (0…255) of a #rrggbb colour. */
export function rgbChannels(hex: string): [number, number, number] {
  const value = parseInt(hex.slice(1, 7), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** WCAG relative luminance (0 black … 1 white): what remains of a colour in greyscale. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = rgbChannels(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 … 21), whichever is lighter. */
export function contrast(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((p, q) => q - p);
  return (lighter + 0.05) / (darker + 0.05);
}
