import type { HighlightMapArea } from '../highlight-map/highlight-map';

/** One area of a level with its outline, as the registry's geometry collection gives it. */
export interface OutlinedArea {
  readonly geometry: HighlightMapArea['geometry'];
  readonly properties: { readonly id: string; readonly code: string; readonly name: string };
}

/** How a page draws one area: its fill, what the hover says about it, and its outline. */
export interface AreaHighlight {
  readonly color: string;
  /** Follows the area's code and name in the hover text. */
  readonly text: string;
  readonly highlighted?: boolean;
  readonly focus?: boolean;
}

/**
 * The areas of a geometry collection as a `q-highlight-map` draws them, each styled by the page
 * (null leaves the area off the map). The hover names every area the same way on every map:
 * code, name, then what the page says about it.
 */
export function highlightAreas(
  collection: { readonly features: readonly OutlinedArea[] },
  highlight: (area: OutlinedArea['properties']) => AreaHighlight | null,
): HighlightMapArea[] {
  return collection.features.flatMap((feature) => {
    const style = highlight(feature.properties);
    if (!style) return [];
    const { code, name } = feature.properties;
    return [
      {
        geometry: feature.geometry,
        color: style.color,
        text: `${code} ${name}: ${style.text}`,
        highlighted: style.highlighted === true,
        focus: style.focus === true,
      },
    ];
  });
}
