/**
 * A TileJSON tile URL template made absolute against `base`. `new URL()` percent-encodes `{`
 * and `}`, and MapLibre does not substitute `%7Bz%7D`: every tile request then asks for the
 * literal template (400) and a tiled map is never drawn. The placeholders are put back after
 * resolving; anything else in the template stays encoded as the URL parser left it.
 */
export function absoluteTileUrl(template: string, base: string): string {
  return new URL(template, base).href.replace(/%7B(z|x|y)%7D/gi, '{$1}');
}
