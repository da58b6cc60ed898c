import { unsupported } from './svg-model';

// ---------------------------------------------------------------------------------------------
// XML: elements, attributes, character data. No DOCTYPE, CDATA or entities beyond XML's own.

export interface SvgNode {
  name: string;
  attrs: Record<string, string>;
  children: SvgNode[];
  text: string;
}

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));|&/g;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (match, hex: string, dec: string, named: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    if (named) return NAMED_ENTITIES[named];
    return unsupported(`entity at "${match}"`);
  });
}

export function parseXml(source: string): SvgNode {
  const top: SvgNode = { name: '#document', attrs: {}, children: [], text: '' };
  const open = [top];
  let pos = 0;
  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const end = lt < 0 ? source.length : lt;
    if (end > pos) open[open.length - 1].text += source.slice(pos, end);
    if (lt < 0) break;
    if (source.startsWith('<?', lt) || source.startsWith('<!--', lt)) {
      const close = source.indexOf(source[lt + 1] === '?' ? '?>' : '-->', lt);
      if (close < 0) unsupported('unterminated declaration');
      pos = close + (source[lt + 1] === '?' ? 2 : 3);
      continue;
    }
    TAG.lastIndex = lt;
    const tag = TAG.exec(source);
    if (!tag) return unsupported(`markup at ${lt}`);
    pos = TAG.lastIndex;
    const [, closing, name, attributeText, selfClosing] = tag;
    if (closing) {
      if (attributeText || selfClosing || open.pop()?.name !== name) unsupported(`</${name}>`);
      continue;
    }
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const a of attributeText.matchAll(ATTRIBUTE)) attrs[a[1]] = decodeEntities(a[2] ?? a[3]);
    const node: SvgNode = { name, attrs, children: [], text: '' };
    open[open.length - 1].children.push(node);
    if (!selfClosing) open.push(node);
  }
  if (open.length !== 1 || top.children.length !== 1 || top.children[0].name !== 'svg')
    unsupported('not one <svg> element');
  return top.children[0];
}
