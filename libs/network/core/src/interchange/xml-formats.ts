import { SaxesParser } from 'saxes';
import { ImportIssues, type RawEdge, type RawGraph, type RawNode } from './raw-graph';

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly line: number;
}

interface XmlHandlers {
  open(element: XmlElement, parents: readonly XmlElement[]): void;
  close(element: XmlElement, text: string, parents: readonly XmlElement[]): void;
}

class XmlAbort extends Error {}

/**
 * Streams an XML document through saxes (a conforming, non-validating parser) and hands each
 * element with its start line to the format's handlers. Namespace prefixes are dropped
 * (`viz:position` → `position`): both formats are read by local names.
 */
function readXml(text: string, file: string, issues: ImportIssues, handlers: XmlHandlers): boolean {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  const texts: string[] = [];
  let startLine = 1;
  parser.on('opentagstart', () => (startLine = parser.line));
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: localName(tag.name),
      attributes: tag.attributes as Record<string, string>,
      line: startLine,
    };
    handlers.open(element, stack);
    stack.push(element);
    texts.push('');
    if (issues.full) throw new XmlAbort();
  });
  const onText = (value: string) => {
    if (texts.length > 0) texts[texts.length - 1] += value;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const element = stack.pop() as XmlElement;
    handlers.close(element, texts.pop() ?? '', stack);
  });
  parser.on('error', (error) => {
    issues.add(
      file,
      parser.line,
      'NotWellFormed',
      `not well-formed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, '')}`,
    );
    throw new XmlAbort();
  });
  try {
    parser.write(text).close();
    return true;
  } catch (error) {
    if (error instanceof XmlAbort) return false;
    throw error;
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/** Reads a `format` document: well-formed XML without its `root` element is the wrong document. */
function readGraphDocument(
  text: string,
  file: string,
  issues: ImportIssues,
  format: string,
  root: string,
  handlers: XmlHandlers,
): void {
  let sawRoot = false;
  const ok = readXml(text, file, issues, {
    open(element, parents) {
      if (element.name === root) sawRoot = true;
      handlers.open(element, parents);
    },
    close: handlers.close,
  });
  if (ok && !sawRoot)
    issues.add(file, 1, 'WrongDocument', `not a ${format} document (root element <${root}> missing)`, {
      format,
    });
}

/** Gephi and graphology show a node without a label by its id: so does Quartier. */
function named(id: string, attributes: Record<string, string>): Record<string, string> {
  return attributes['name'] === undefined ? { ...attributes, name: id } : attributes;
}

function directionOf(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const v = value.toLowerCase();
  if (v === 'directed') return true;
  if (v === 'undirected' || v === 'mutual') return false;
  return null;
}

/** A node or edge whose attributes are being read, up to its closing tag. */
interface OpenItem {
  kind: 'node' | 'edge';
  element: XmlElement;
  attributes: Record<string, string>;
}

/** A node is read from its opening tag; one without an id is reported there. */
function openNode(
  element: XmlElement,
  file: string,
  issues: ImportIssues,
  attributes: Record<string, string>,
): OpenItem {
  if (!element.attributes['id']) issues.add(file, element.line, 'NodeWithoutId', 'node without id');
  return { kind: 'node', element, attributes };
}

/**
 * At its closing tag a node joins the graph if it has an id (a missing one was reported when it
 * opened), an edge if it has both ends; `edgeDirection` reads the format's own per-edge direction.
 */
function addItem(
  item: OpenItem,
  file: string,
  issues: ImportIssues,
  graph: { nodes: RawNode[]; edges: RawEdge[] },
  edgeDirection: (attributes: Record<string, string>) => boolean | null,
): void {
  const a = item.element.attributes;
  const line = item.element.line;
  if (item.kind === 'node') {
    if (a['id']) graph.nodes.push({ file, line, id: a['id'], attributes: named(a['id'], item.attributes) });
  } else if (!a['source'] || !a['target']) {
    issues.add(file, line, 'EdgeWithoutEnds', 'edge without source or target');
  } else {
    graph.edges.push({
      file,
      line,
      source: a['source'],
      target: a['target'],
      directed: edgeDirection(a),
      attributes: item.attributes,
    });
  }
}

/**
 * GEXF 1.1–1.3 (Gephi): node/edge attributes by their declared titles; a node's `label` is its
 * name; an edge's `label` and `kind` (1.3) stay attributes of those names.
 */
export function parseGexf(text: string, file: string, issues: ImportIssues): RawGraph {
  const titles = { node: new Map<string, string>(), edge: new Map<string, string>() };
  const nodes: RawNode[] = [];
  const edges: RawEdge[] = [];
  let directed: boolean | null = null;
  let current: OpenItem | null = null;
  let attributeClass: 'node' | 'edge' | null = null;

  readGraphDocument(text, file, issues, 'GEXF', 'gexf', {
    open(element) {
      const a = element.attributes;
      switch (element.name) {
        case 'graph':
          directed = directionOf(a['defaultedgetype']);
          break;
        case 'attributes':
          attributeClass = a['class'] === 'edge' ? 'edge' : a['class'] === 'node' ? 'node' : null;
          break;
        case 'attribute':
          if (attributeClass && a['id'] !== undefined)
            titles[attributeClass].set(a['id'], (a['title'] ?? a['id']).toLowerCase());
          break;
        case 'node':
          current = openNode(element, file, issues, a['label'] ? { name: a['label'] } : {});
          break;
        case 'edge': {
          const attributes: Record<string, string> = {};
          if (a['weight'] !== undefined) attributes['weight'] = a['weight'];
          // A `label` ("Nice edge") and GEXF 1.3's free-text `kind` ("likes") describe a tie in
          // the file's own words: they are kept as they are and decide the tie type only when
          // the person importing maps them; a declared attribute `type` decides it by itself.
          if (a['kind'] !== undefined) attributes['kind'] = a['kind'];
          if (a['label'] !== undefined) attributes['label'] = a['label'];
          current = { kind: 'edge', element, attributes };
          break;
        }
        case 'attvalue': {
          if (!current) break;
          const key = a['for'] ?? a['id'];
          const title = key === undefined ? undefined : titles[current.kind].get(key);
          if (title === undefined)
            issues.add(
              file,
              element.line,
              'UndeclaredAttribute',
              `attvalue for undeclared ${current.kind} attribute "${key ?? ''}"`,
              { key: key ?? '' },
            );
          else if (a['value'] !== undefined && a['value'] !== '') current.attributes[title] = a['value'];
          break;
        }
      }
    },
    close(element) {
      if (element.name === 'attributes') attributeClass = null;
      if (!current || element !== current.element) return;
      addItem(current, file, issues, { nodes, edges }, (a) => directionOf(a['type']));
      current = null;
    },
  });
  return { directed, nodes, edges };
}

/** GraphML: `<data>` values by the `attr.name` of their `<key>`; `label` or `name` is the name. */
export function parseGraphml(text: string, file: string, issues: ImportIssues): RawGraph {
  const keys = new Map<string, { name: string; for: string }>();
  const nodes: RawNode[] = [];
  const edges: RawEdge[] = [];
  let directed: boolean | null = null;
  let current: OpenItem | null = null;

  readGraphDocument(text, file, issues, 'GraphML', 'graphml', {
    open(element) {
      const a = element.attributes;
      switch (element.name) {
        case 'key':
          if (a['id'] !== undefined)
            keys.set(a['id'], { name: (a['attr.name'] ?? a['id']).toLowerCase(), for: a['for'] ?? 'all' });
          break;
        case 'graph':
          directed = directionOf(a['edgedefault']);
          break;
        case 'node':
          current = openNode(element, file, issues, {});
          break;
        case 'edge':
          current = { kind: 'edge', element, attributes: {} };
          break;
      }
    },
    close(element, text) {
      if (element.name === 'data' && current) {
        const key = keys.get(element.attributes['key'] ?? '');
        if (!key)
          issues.add(
            file,
            element.line,
            'UndeclaredAttribute',
            `data for undeclared key "${element.attributes['key'] ?? ''}"`,
            { key: element.attributes['key'] ?? '' },
          );
        else if (key.for !== 'all' && key.for !== current.kind)
          issues.add(
            file,
            element.line,
            'KeyForOtherElement',
            `key "${element.attributes['key']}" is declared for ${key.for}s, not ${current.kind}s`,
            { key: element.attributes['key'] ?? '' },
          );
        else if (text.trim() !== '')
          current.attributes[key.name === 'label' ? 'name' : key.name] = text.trim();
        return;
      }
      if (!current || element !== current.element) return;
      addItem(current, file, issues, { nodes, edges }, (a) =>
        a['directed'] === undefined ? null : a['directed'] === 'true',
      );
      current = null;
    },
  });
  return { directed, nodes, edges };
}
