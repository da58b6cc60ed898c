// What a GEXF or GraphML file says about its ties, read in the browser before the upload: the
// edge attributes that could hold the tie type and their values, so the person can map them to
// Quartier's tie types (labels such as "Nice edge" are never taken as types by themselves).

export interface TieAttribute {
  /** Attribute name as the service reads it (lower-cased title / attr.name, or `label`/`kind`). */
  readonly name: string;
  /** Distinct values in file order (at most `MAX_VALUES`). */
  readonly values: readonly string[];
  /** More distinct values than listed. */
  readonly more: boolean;
}

export interface TieSummary {
  readonly format: 'gexf' | 'graphml';
  readonly edges: number;
  readonly attributes: readonly TieAttribute[];
}

export const MAX_VALUES = 40;

function collect(values: Map<string, Set<string>>, name: string, value: string | null): void {
  if (value === null || value.trim() === '') return;
  const set = values.get(name) ?? new Set<string>();
  values.set(name, set);
  if (set.size <= MAX_VALUES) set.add(value.trim());
}

function byLocalName(root: Document | Element, name: string): Element[] {
  return Array.from(root.getElementsByTagNameNS('*', name));
}

/** The tie attributes of a GEXF/GraphML document; null when it is neither (the service will say why). */
export function tieSummary(text: string, format: 'gexf' | 'graphml'): TieSummary | null {
  const document = new DOMParser().parseFromString(text, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) return null;
  const values = new Map<string, Set<string>>();
  const edges = byLocalName(document, 'edge');
  if (format === 'gexf') {
    const titles = new Map<string, string>();
    for (const block of byLocalName(document, 'attributes'))
      if (block.getAttribute('class') === 'edge')
        for (const attribute of byLocalName(block, 'attribute'))
          titles.set(
            attribute.getAttribute('id') ?? '',
            (attribute.getAttribute('title') ?? attribute.getAttribute('id') ?? '').toLowerCase(),
          );
    for (const edge of edges) {
      collect(values, 'label', edge.getAttribute('label'));
      collect(values, 'kind', edge.getAttribute('kind'));
      for (const attvalue of byLocalName(edge, 'attvalue')) {
        const title = titles.get(attvalue.getAttribute('for') ?? attvalue.getAttribute('id') ?? '');
        if (title) collect(values, title, attvalue.getAttribute('value'));
      }
    }
  } else {
    const keys = new Map<string, string>();
    for (const key of byLocalName(document, 'key'))
      if (key.getAttribute('for') === 'edge' || key.getAttribute('for') === 'all')
        keys.set(
          key.getAttribute('id') ?? '',
          (key.getAttribute('attr.name') ?? key.getAttribute('id') ?? '').toLowerCase(),
        );
    for (const edge of edges)
      for (const data of byLocalName(edge, 'data')) {
        const name = keys.get(data.getAttribute('key') ?? '');
        if (name && name !== 'weight') collect(values, name, data.textContent);
      }
  }
  values.delete('weight');
  return {
    format,
    edges: edges.length,
    attributes: [...values.entries()].map(([name, set]) => {
      const list = [...set];
      return { name, values: list.slice(0, MAX_VALUES), more: list.length > MAX_VALUES };
    }),
  };
}
