import { unsupported, type Stroke } from './svg-model';
import { length, numbers } from './svg-values';
import type { SvgNode } from './svg-xml';

// ---------------------------------------------------------------------------------------------
// Presentation attributes

/** The inherited presentation state, as svg-to-pdfkit starts it. */
export interface Style {
  fill: string;
  fillOpacity: number;
  fillRule: string;
  stroke: string;
  strokeOpacity: number;
  strokeWidth: number;
  cap: Stroke['cap'];
  join: Stroke['join'];
  miterLimit: number;
  dash: number[] | null;
  dashOffset: number;
  fontFamily: string;
  fontSize: number;
  bold: boolean;
  italic: boolean;
  anchor: 'start' | 'middle' | 'end';
  baseline: string;
  preserveSpace: boolean;
}

export const INITIAL_STYLE: Style = {
  fill: 'black',
  fillOpacity: 1,
  fillRule: 'nonzero',
  stroke: 'none',
  strokeOpacity: 1,
  strokeWidth: 1,
  cap: 'butt',
  join: 'miter',
  miterLimit: 4,
  dash: null,
  dashOffset: 0,
  fontFamily: 'sans-serif',
  fontSize: 16,
  bold: false,
  italic: false,
  anchor: 'start',
  baseline: 'baseline',
  preserveSpace: false,
};

const BASELINES = new Set([
  'auto',
  'baseline',
  'alphabetic',
  'central',
  'middle',
  'after-edge',
  'text-after-edge',
  'before-edge',
  'text-before-edge',
  'mathematical',
  'hanging',
]);

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : unsupported(`${what} "${value}"`);
}

function opacity(value: string): number {
  const n = length(value, NaN);
  return Math.max(0, Math.min(1, n));
}

/** Applies one presentation property to `style` (a copy of the parent's). */
function applyProperty(style: Style, name: string, raw: string): boolean {
  const value = raw.trim();
  if (value === 'inherit') return true;
  switch (name) {
    case 'fill':
      style.fill = value;
      return true;
    case 'stroke':
      style.stroke = value;
      return true;
    case 'fill-opacity':
      style.fillOpacity = opacity(value);
      return true;
    case 'stroke-opacity':
      style.strokeOpacity = opacity(value);
      return true;
    case 'fill-rule':
    case 'clip-rule':
      if (name === 'fill-rule') style.fillRule = oneOf(value, ['nonzero', 'evenodd'], name);
      else oneOf(value, ['nonzero', 'evenodd'], name);
      return true;
    case 'stroke-width':
      style.strokeWidth = length(value, NaN);
      return true;
    case 'stroke-linecap':
      style.cap = oneOf(value, ['butt', 'round', 'square'], name);
      return true;
    case 'stroke-linejoin':
      style.join = oneOf(value, ['miter', 'round', 'bevel'], name);
      return true;
    case 'stroke-miterlimit':
      style.miterLimit = length(value, NaN);
      return true;
    case 'stroke-dasharray': {
      if (value === 'none') {
        style.dash = null;
        return true;
      }
      const dash = numbers(value);
      // All zeros is a solid line; a zero among others (dots of round caps) pdfkit refuses.
      if (dash.every((d) => d === 0)) style.dash = null;
      else if (dash.some((d) => !(d > 0))) unsupported(`${name} "${value}"`);
      // An odd list repeats.
      else style.dash = dash.length % 2 ? [...dash, ...dash] : dash;
      return true;
    }
    case 'stroke-dashoffset':
      style.dashOffset = length(value, NaN);
      return true;
    case 'font-family':
      style.fontFamily = value.replace(/^['"]|['"]$/g, '');
      return true;
    case 'font-size':
      style.fontSize = length(value, NaN);
      return true;
    case 'font-weight':
      if (value === 'bold' || value === 'bolder') style.bold = true;
      else if (value === 'normal' || value === 'lighter') style.bold = false;
      else if (/^\d+$/.test(value)) style.bold = Number(value) >= 600;
      else unsupported(`${name} "${value}"`);
      return true;
    case 'font-style':
      style.italic = oneOf(value, ['normal', 'italic', 'oblique'], name) !== 'normal';
      return true;
    case 'text-anchor':
      style.anchor = oneOf(value, ['start', 'middle', 'end'], name);
      return true;
    case 'dominant-baseline':
    case 'alignment-baseline':
      if (!BASELINES.has(value)) unsupported(`${name} "${value}"`);
      style.baseline = value;
      return true;
    case 'xml:space':
      style.preserveSpace = oneOf(value, ['default', 'preserve'], name) === 'preserve';
      return true;
    default:
      return false;
  }
}

/** Attributes that do not change what is drawn. */
function ignorable(name: string): boolean {
  return (
    name === 'id' ||
    name === 'class' ||
    name === 'version' ||
    name === 'baseProfile' ||
    name === 'pointer-events' ||
    name.startsWith('xmlns') ||
    name.startsWith('ecmeta_') ||
    name.startsWith('data-') ||
    name.startsWith('aria-')
  );
}

/** The geometry attributes each element may carry (the rest must be presentation attributes). */
export const GEOMETRY: Record<string, readonly string[]> = {
  svg: ['width', 'height', 'viewBox', 'preserveAspectRatio', 'x', 'y'],
  g: ['transform', 'clip-path', 'opacity'],
  defs: [],
  clipPath: ['clipPathUnits', 'transform'],
  pattern: ['width', 'height', 'x', 'y', 'patternUnits', 'patternTransform'],
  rect: ['x', 'y', 'width', 'height', 'rx', 'ry', 'transform', 'clip-path', 'opacity'],
  path: ['d', 'transform', 'clip-path', 'opacity'],
  circle: ['cx', 'cy', 'r', 'transform', 'clip-path', 'opacity'],
  ellipse: ['cx', 'cy', 'rx', 'ry', 'transform', 'clip-path', 'opacity'],
  line: ['x1', 'y1', 'x2', 'y2', 'transform', 'clip-path', 'opacity'],
  polyline: ['points', 'transform', 'clip-path', 'opacity'],
  polygon: ['points', 'transform', 'clip-path', 'opacity'],
  text: ['x', 'y', 'transform', 'clip-path', 'opacity'],
};

/** Elements that carry no drawing. */
export const SKIPPED = new Set(['title', 'desc', 'metadata']);

function parseStyleAttribute(value: string): [string, string][] {
  return value
    .split(';')
    .map((declaration) => declaration.trim())
    .filter((declaration) => declaration !== '')
    .map((declaration) => {
      const colon = declaration.indexOf(':');
      if (colon < 0) return unsupported(`style "${value}"`);
      return [declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim()];
    });
}

/** The element's style: its parent's, then its attributes, then its `style` declarations. */
export function styleOf(node: SvgNode, parent: Style): Style {
  const style = { ...parent };
  const geometry = GEOMETRY[node.name] ?? unsupported(`<${node.name}>`);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (name === 'style' || ignorable(name) || geometry.includes(name)) continue;
    if (!applyProperty(style, name, value)) unsupported(`attribute ${name} on <${node.name}>`);
  }
  if (node.attrs['style'] !== undefined)
    for (const [name, value] of parseStyleAttribute(node.attrs['style']))
      if (!applyProperty(style, name, value) && !(name === 'opacity' && geometry.includes('opacity')))
        unsupported(`style ${name}`);
  return style;
}

/** `opacity` of a shape or text (from the attribute or the style declaration). */
export function elementOpacity(node: SvgNode): number {
  const declared = node.attrs['style']
    ? parseStyleAttribute(node.attrs['style']).find(([name]) => name === 'opacity')?.[1]
    : undefined;
  const value = declared ?? node.attrs['opacity'];
  return value === undefined ? 1 : opacity(value);
}
