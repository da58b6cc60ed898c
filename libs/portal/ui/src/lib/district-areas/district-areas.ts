import { type ResourceRef, resource } from '@angular/core';

/**
 * The areas of the tenant's two top levels (its districts and their parent, in Berlin Bezirke
 * and Prognoseräume), which a rule or a survey may be limited to, with those `keep` admits. The
 * tenant's levels arrive with the session: the list loads once they are known, and again when
 * they change. Call it where `resource` may be created (a field of a component).
 */
export function districtAreas<A>(
  levels: () => readonly { readonly key: string }[],
  areasOf: (level: string) => Promise<{ readonly items: readonly A[] }>,
  keep: (area: A) => boolean = () => true,
): ResourceRef<A[] | undefined> {
  return resource({
    // The levels' keys as one string: the same levels do not reload the list.
    params: () =>
      levels()
        .slice(0, 2)
        .map((level) => level.key)
        .join(',') || undefined,
    loader: async ({ params }) => {
      const pages = await Promise.all(params.split(',').map(areasOf));
      return pages.flatMap((page) => page.items).filter(keep);
    },
  });
}
