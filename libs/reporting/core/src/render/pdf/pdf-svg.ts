import type { Pdf } from './pdf-context';

// Draws the SVG our charts (ECharts server-side) and maps produce straight into pdfkit, as PDF
// paths and text in the embedded fonts. svg-to-pdfkit handles any SVG, but builds a DOM with
// style inheritance, CSS lookups and a shape object per path command for it: profiling showed
// it at half of an area profile's render time. Our SVG uses a small part of the language, so
// this reads that part once into a list of drawing steps and gives the rest back: `planSvg`
// returns null for anything it does not know (an element, attribute, unit, colour or paint it
// cannot draw exactly), and the caller draws that figure with svg-to-pdfkit as before. Nothing
// is drawn before the whole figure is understood.
//
// What it draws the way svg-to-pdfkit does (a spec compares the rasterised pages): the viewBox
// fitted with xMidYMid meet and clipped, inherited presentation attributes and `style`
// declarations, transforms, fill/stroke with opacities, even-odd fills, dashes, joins and caps,
// clip paths of one shape, tiling patterns in user space, and text placed by `text-anchor` and
// `dominant-baseline` with svg-to-pdfkit's font metrics (ascent = max(ascender, bbox top)).

/** A font name registered in the document, for a family and style. */
export type FontFor = (family: string, bold: boolean, italic: boolean) => string;

/** The steps that draw one SVG; run them with `drawSvgPlan`. */
export interface SvgPlan {
  width: number;
  height: number;
  steps: Step[];
}

interface Pattern {
  width: number;
  height: number;
  /** patternTransform: pattern space → the user space where the pattern is used. */
  matrix: Matrix;
  steps: Step[];
}

type Rgb = [number, number, number];
type Paint = { color: Rgb; opacity: number } | { pattern: Pattern; opacity: number };
type Matrix = [number, number, number, number, number, number];

type Step =
  | { kind: 'save' }
  | { kind: 'restore' }
  | { kind: 'transform'; matrix: Matrix }
  | { kind: 'clip'; outline: Outline; evenOdd: boolean }
  | { kind: 'shape'; outline: Outline; fill: Paint | null; evenOdd: boolean; stroke: Stroke | null }
  | {
      kind: 'text';
      text: string;
      x: number;
      y: number;
      font: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      baseline: string;
      fill: Paint | null;
      stroke: Stroke | null;
    };

/** A shape's outline as PDF path construction operators (m, l, c, re, h), one per line. */
type Outline = string;

interface Stroke {
  paint: Paint;
  width: number;
  cap: 'butt' | 'round' | 'square';
  join: 'miter' | 'round' | 'bevel';
  miterLimit: number;
  dash: number[] | null;
  dashOffset: number;
}

/** Thrown while planning; planSvg turns it into `null` (draw with svg-to-pdfkit instead). */
class Unsupported extends Error {}

function unsupported(what: string): never {
  throw new Unsupported(what);
}

// ---------------------------------------------------------------------------------------------
// XML: elements, attributes, character data. No DOCTYPE, CDATA or entities beyond XML's own.

interface SvgNode {
  name: string;
  attrs: Record<string, string>;
  children: SvgNode[];
  text: string;
}

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));|&/g;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (match, hex: string, dec: string, named: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    if (named) return NAMED_ENTITIES[named];
    return unsupported(`entity at "${match}"`);
  });
}

function parseXml(source: string): SvgNode {
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

// ---------------------------------------------------------------------------------------------
// Values

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

/** A length in user units (px or none); other units are left to svg-to-pdfkit. */
function length(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const text = value.trim();
  const match = NUMBER.exec(text);
  if (!match || (text.length > match[0].length && text.slice(match[0].length) !== 'px'))
    return unsupported(`length "${value}"`);
  return Number(match[0]);
}

function numbers(value: string): number[] {
  const text = value.trim();
  if (text === '') return [];
  return text.split(/\s*,\s*|\s+/).map((n) => length(n, NaN));
}

const NAMED_COLOURS: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  silver: [192, 192, 192],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
};

/** A colour and the opacity it carries (rgba, transparent); null for "none". */
function colour(value: string): { color: Rgb; alpha: number } | null {
  const text = value.trim().toLowerCase();
  if (text === 'none') return null;
  if (text === 'transparent') return { color: [0, 0, 0], alpha: 0 };
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(text);
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    const n = parseInt(digits, 16);
    return { color: [n >> 16, (n >> 8) & 0xff, n & 0xff], alpha: 1 };
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(text);
  if (fn) {
    const parts = fn[1].split(',').map((p) => p.trim());
    if (parts.length < 3 || parts.length > 4 || parts.slice(0, 3).some((p) => !/^\d+(\.\d+)?$/.test(p)))
      return unsupported(`colour "${value}"`);
    const alpha = parts.length === 4 ? Number(parts[3]) : 1;
    if (!Number.isFinite(alpha)) return unsupported(`colour "${value}"`);
    return { color: parts.slice(0, 3).map((p) => Math.min(255, Number(p))) as Rgb, alpha };
  }
  return NAMED_COLOURS[text] ? { color: NAMED_COLOURS[text], alpha: 1 } : unsupported(`colour "${value}"`);
}

function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const TRANSFORM = /\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)\s*,?/y;

function transform(value: string): Matrix {
  let matrix: Matrix = [1, 0, 0, 1, 0, 0];
  TRANSFORM.lastIndex = 0;
  let consumed = 0;
  for (let m = TRANSFORM.exec(value); m; m = TRANSFORM.exec(value)) {
    consumed = TRANSFORM.lastIndex;
    const a = numbers(m[2]);
    const rad = (deg: number) => (deg * Math.PI) / 180;
    let next: Matrix;
    switch (m[1]) {
      case 'matrix':
        if (a.length !== 6) unsupported(`transform "${value}"`);
        next = a as Matrix;
        break;
      case 'translate':
        next = [1, 0, 0, 1, a[0], a[1] ?? 0];
        break;
      case 'scale':
        next = [a[0], 0, 0, a[1] ?? a[0], 0, 0];
        break;
      case 'rotate': {
        const [c, s] = [Math.cos(rad(a[0])), Math.sin(rad(a[0]))];
        const [cx, cy] = [a[1] ?? 0, a[2] ?? 0];
        next = [c, s, -s, c, cx - c * cx + s * cy, cy - s * cx - c * cy];
        break;
      }
      case 'skewX':
        next = [1, 0, Math.tan(rad(a[0])), 1, 0, 0];
        break;
      default:
        next = [1, Math.tan(rad(a[0])), 0, 1, 0, 0];
    }
    if (next.some((n) => !Number.isFinite(n))) unsupported(`transform "${value}"`);
    matrix = multiply(matrix, next);
  }
  if (value.slice(consumed).trim() !== '') unsupported(`transform "${value}"`);
  return matrix;
}

function urlId(value: string): string {
  const match = /^url\(\s*#([^)\s]+)\s*\)$/.exec(value.trim());
  return match ? match[1] : unsupported(`reference "${value}"`);
}

// ---------------------------------------------------------------------------------------------
// Presentation attributes

/** The inherited presentation state, as svg-to-pdfkit starts it. */
interface Style {
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

const INITIAL_STYLE: Style = {
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
const GEOMETRY: Record<string, readonly string[]> = {
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
const SKIPPED = new Set(['title', 'desc', 'metadata']);

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
function styleOf(node: SvgNode, parent: Style): Style {
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
function elementOpacity(node: SvgNode): number {
  const declared = node.attrs['style']
    ? parseStyleAttribute(node.attrs['style']).find(([name]) => name === 'opacity')?.[1]
    : undefined;
  const value = declared ?? node.attrs['opacity'];
  return value === undefined ? 1 : opacity(value);
}

// ---------------------------------------------------------------------------------------------
// Planning

interface Planner {
  ids: Map<string, SvgNode>;
  patterns: Map<string, Pattern>;
  fontFor: FontFor;
}

function paint(planner: Planner, value: string, opacityOf: number): Paint | null {
  if (value.startsWith('url(')) {
    const id = urlId(value);
    return { pattern: patternOf(planner, id), opacity: opacityOf };
  }
  const parsed = colour(value);
  if (!parsed || parsed.alpha * opacityOf <= 0) return null;
  return { color: parsed.color, opacity: parsed.alpha * opacityOf };
}

function patternOf(planner: Planner, id: string): Pattern {
  const known = planner.patterns.get(id);
  if (known) return known;
  const node = planner.ids.get(id);
  if (!node || node.name !== 'pattern') return unsupported(`paint url(#${id})`);
  styleOf(node, INITIAL_STYLE); // only geometry attributes are allowed here
  if ((node.attrs['patternUnits'] ?? 'objectBoundingBox') !== 'userSpaceOnUse') unsupported('pattern units');
  if (length(node.attrs['x'], 0) !== 0 || length(node.attrs['y'], 0) !== 0) unsupported('pattern offset');
  const width = length(node.attrs['width'], 0);
  const height = length(node.attrs['height'], 0);
  if (!(width > 0 && height > 0)) unsupported('empty pattern');
  const matrix =
    node.attrs['patternTransform'] !== undefined ? transform(node.attrs['patternTransform']) : IDENTITY;
  const pattern: Pattern = { width, height, matrix, steps: [] };
  planner.patterns.set(id, pattern);
  // Pattern content inherits from the pattern element, not from where it is used.
  for (const child of node.children) planNode(planner, child, INITIAL_STYLE, pattern.steps, true);
  return pattern;
}

function strokeOf(planner: Planner, style: Style, opacityOf: number): Stroke | null {
  if (!(style.strokeWidth > 0)) return null;
  const strokePaint = paint(planner, style.stroke, style.strokeOpacity * opacityOf);
  if (!strokePaint) return null;
  return {
    paint: strokePaint,
    width: style.strokeWidth,
    cap: style.cap,
    join: style.join,
    miterLimit: style.miterLimit,
    dash: style.dash,
    dashOffset: style.dashOffset,
  };
}

// ---------------------------------------------------------------------------------------------
// Path data → PDF operators, as svg-to-pdfkit converts it (absolute coordinates, quadratic
// curves raised to cubic ones exactly, arcs as cubic curves of at most 60° each). One string
// per shape: pdfkit's own path() writes each operator separately and draws a quadratic curve
// with the wrong first control point.

/** A number as pdfkit writes it (six decimals at most). */
function pdfNumber(n: number): string {
  if (!Number.isFinite(n)) return unsupported('number out of range');
  const rounded = Math.round(n * 1e6) / 1e6;
  return String(rounded === 0 ? 0 : rounded);
}

const PATH_NUMBER = /[\s,]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/y;
const PATH_FLAG = /[\s,]*([01])/y;
const PATH_COMMAND = /[\s,]*([MmLlHhVvCcSsQqTtAaZz])/y;
const PATH_END = /[\s,]*$/y;
const ARITY: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

/** The cubic curves of an elliptical arc, as svg-to-pdfkit computes them (precision 3). */
function arcCurves(ops: string[], from: [number, number], a: number[]): void {
  let [rx, ry] = [Math.abs(a[0]), Math.abs(a[1])];
  const [x0, y0] = from;
  const [x, y] = [a[5], a[6]];
  // SVG: an arc between equal points is left out, one with a zero radius is a straight line.
  if (x0 === x && y0 === y) return;
  if (rx === 0 || ry === 0) {
    ops.push(`${pdfNumber(x)} ${pdfNumber(y)} l`);
    return;
  }
  const fi = (a[2] * Math.PI) / 180;
  const [large, sweep] = [a[3] ? 1 : 0, a[4] ? 1 : 0];
  const [cos, sin] = [Math.cos(fi), Math.sin(fi)];
  const x1 = (cos * (x0 - x)) / 2 + (sin * (y0 - y)) / 2;
  const y1 = (cos * (y0 - y)) / 2 - (sin * (x0 - x)) / 2;
  const lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const r = Math.sqrt(
    Math.max(0, rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1) /
      (rx * rx * y1 * y1 + ry * ry * x1 * x1),
  );
  const x2 = ((large === sweep ? -1 : 1) * r * rx * y1) / ry;
  const y2 = ((large === sweep ? 1 : -1) * r * ry * x1) / rx;
  const cx = cos * x2 - sin * y2 + (x0 + x) / 2;
  const cy = sin * x2 + cos * y2 + (y0 + y) / 2;
  const th1 = Math.atan2((y1 - y2) / ry, (x1 - x2) / rx);
  let th2 = Math.atan2((-y1 - y2) / ry, (-x1 - x2) / rx);
  if (sweep === 0 && th2 - th1 > 0) th2 -= 2 * Math.PI;
  else if (sweep === 1 && th2 - th1 < 0) th2 += 2 * Math.PI;
  const segments = Math.ceil(Math.abs(th2 - th1) / (Math.PI / 3));
  const point = (th: number, along: number, across: number): string => {
    const ex = cx + cos * rx * (Math.cos(th) + along) - sin * ry * (Math.sin(th) + across);
    const ey = cy + sin * rx * (Math.cos(th) + along) + cos * ry * (Math.sin(th) + across);
    return `${pdfNumber(ex)} ${pdfNumber(ey)}`;
  };
  for (let i = 0; i < segments; i++) {
    const th3 = th1 + (i * (th2 - th1)) / segments;
    const th4 = th1 + ((i + 1) * (th2 - th1)) / segments;
    const t = (4 / 3) * Math.tan((th4 - th3) / 4);
    ops.push(
      `${point(th3, -t * Math.sin(th3), t * Math.cos(th3))} ` +
        `${point(th4, t * Math.sin(th4), -t * Math.cos(th4))} ${point(th4, 0, 0)} c`,
    );
  }
}

/** SVG path data as PDF path operators; data it cannot read is left to svg-to-pdfkit. */
export function pathOperators(d: string): Outline {
  const ops: string[] = [];
  let [x, y, startX, startY] = [0, 0, 0, 0];
  let command = '';
  let last = '';
  let [controlX, controlY] = [0, 0];
  let pos = 0;
  const read = (re: RegExp): string | null => {
    re.lastIndex = pos;
    const m = re.exec(d);
    if (!m) return null;
    pos = re.lastIndex;
    return m[1];
  };
  const numberAt = (): number => {
    const n = read(PATH_NUMBER);
    return n === null ? unsupported(`path data "${d.slice(pos, pos + 20)}"`) : Number(n);
  };
  const xy = (px: number, py: number) => `${pdfNumber(px)} ${pdfNumber(py)}`;
  const curve = (c1x: number, c1y: number, c2x: number, c2y: number, ex: number, ey: number) => {
    ops.push(`${xy(c1x, c1y)} ${xy(c2x, c2y)} ${xy(ex, ey)} c`);
    [x, y] = [ex, ey];
  };
  for (;;) {
    PATH_END.lastIndex = pos;
    if (PATH_END.test(d)) break;
    const letter = read(PATH_COMMAND);
    if (letter !== null) command = letter;
    else if (command === '' || command === 'Z' || command === 'z') unsupported('path data without command');
    const upper = command.toUpperCase();
    const relative = command !== upper;
    if (upper === 'Z') {
      ops.push('h');
      [x, y] = [startX, startY];
      last = 'Z';
      continue;
    }
    const a: number[] = [];
    for (let i = 0; i < ARITY[upper]; i++)
      a.push(upper === 'A' && (i === 3 || i === 4) ? flagAt() : numberAt());
    const [ox, oy] = relative ? [x, y] : [0, 0];
    switch (upper) {
      case 'M':
        [x, y] = [ox + a[0], oy + a[1]];
        [startX, startY] = [x, y];
        ops.push(`${xy(x, y)} m`);
        // Further pairs after a moveto are linetos.
        command = relative ? 'l' : 'L';
        break;
      case 'L':
      case 'H':
      case 'V':
        if (upper === 'L') [x, y] = [ox + a[0], oy + a[1]];
        else if (upper === 'H') x = (relative ? x : 0) + a[0];
        else y = (relative ? y : 0) + a[0];
        ops.push(`${xy(x, y)} l`);
        break;
      case 'C':
        curve(ox + a[0], oy + a[1], ox + a[2], oy + a[3], ox + a[4], oy + a[5]);
        [controlX, controlY] = [ox + a[2], oy + a[3]];
        break;
      case 'S': {
        const [c1x, c1y] = last === 'C' ? [2 * x - controlX, 2 * y - controlY] : [x, y];
        [controlX, controlY] = [ox + a[0], oy + a[1]];
        curve(c1x, c1y, controlX, controlY, ox + a[2], oy + a[3]);
        break;
      }
      case 'Q':
      case 'T': {
        const [qx, qy] =
          upper === 'Q'
            ? [ox + a[0], oy + a[1]]
            : last === 'Q'
              ? [2 * x - controlX, 2 * y - controlY]
              : [x, y];
        const [ex, ey] = upper === 'Q' ? [ox + a[2], oy + a[3]] : [ox + a[0], oy + a[1]];
        curve(
          x + (2 / 3) * (qx - x),
          y + (2 / 3) * (qy - y),
          ex + (2 / 3) * (qx - ex),
          ey + (2 / 3) * (qy - ey),
          ex,
          ey,
        );
        [controlX, controlY] = [qx, qy];
        break;
      }
      case 'A':
        arcCurves(ops, [x, y], [a[0], a[1], a[2], a[3], a[4], ox + a[5], oy + a[6]]);
        [x, y] = [ox + a[5], oy + a[6]];
        break;
    }
    // A smooth curve reflects the previous control point only after a curve of its kind.
    last = upper === 'C' || upper === 'S' ? 'C' : upper === 'Q' || upper === 'T' ? 'Q' : upper;
  }
  if (ops.length > 0 && !ops[0].endsWith(' m')) unsupported('path data not starting with a moveto');
  return ops.join('\n');

  function flagAt(): number {
    const f = read(PATH_FLAG);
    return f === null ? unsupported('arc flag') : Number(f);
  }
}

function polylineOperators(points: readonly number[], closed: boolean): Outline {
  const ops = [`${pdfNumber(points[0])} ${pdfNumber(points[1])} m`];
  for (let i = 2; i < points.length; i += 2)
    ops.push(`${pdfNumber(points[i])} ${pdfNumber(points[i + 1])} l`);
  if (closed) ops.push('h');
  return ops.join('\n');
}

function rectOperators(x: number, y: number, width: number, height: number): Outline {
  return `${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re`;
}

function outlineOf(node: SvgNode): Outline | null {
  const a = node.attrs;
  switch (node.name) {
    case 'path': {
      const outline = pathOperators(a['d'] ?? '');
      return outline === '' ? null : outline;
    }
    case 'rect': {
      const width = length(a['width'], 0);
      const height = length(a['height'], 0);
      if (!(width > 0 && height > 0)) return null;
      const [x, y] = [length(a['x'], 0), length(a['y'], 0)];
      const rx = Math.min(length(a['rx'] ?? a['ry'], 0), width / 2);
      const ry = Math.min(length(a['ry'] ?? a['rx'], 0), height / 2);
      if (rx <= 0 || ry <= 0) return rectOperators(x, y, width, height);
      // The outline svg-to-pdfkit draws (and SVG defines): its start decides where dashes fall.
      const arc = `A${rx} ${ry} 0 0 1`;
      return pathOperators(
        `M${x + rx} ${y}L${x + width - rx} ${y}${arc} ${x + width} ${y + ry}` +
          `L${x + width} ${y + height - ry}${arc} ${x + width - rx} ${y + height}` +
          `L${x + rx} ${y + height}${arc} ${x} ${y + height - ry}L${x} ${y + ry}${arc} ${x + rx} ${y}Z`,
      );
    }
    case 'circle':
    case 'ellipse': {
      const rx = length(node.name === 'circle' ? a['r'] : a['rx'], 0);
      const ry = length(node.name === 'circle' ? a['r'] : a['ry'], 0);
      if (!(rx > 0 && ry > 0)) return null;
      const [cx, cy] = [length(a['cx'], 0), length(a['cy'], 0)];
      return pathOperators(
        `M${cx + rx} ${cy}A${rx} ${ry} 0 0 1 ${cx - rx} ${cy}A${rx} ${ry} 0 0 1 ${cx + rx} ${cy}Z`,
      );
    }
    case 'line':
      return polylineOperators(
        [length(a['x1'], 0), length(a['y1'], 0), length(a['x2'], 0), length(a['y2'], 0)],
        false,
      );
    case 'polyline':
    case 'polygon': {
      const points = numbers(a['points'] ?? '');
      if (points.length % 2 || points.some((n) => !Number.isFinite(n))) unsupported('points');
      return points.length < 4 ? null : polylineOperators(points, node.name === 'polygon');
    }
    default:
      return unsupported(`<${node.name}>`);
  }
}

/** The steps that set up an element's transform and clip path; true when something was pushed. */
function enter(planner: Planner, node: SvgNode, steps: Step[]): boolean {
  const matrix = node.attrs['transform'] !== undefined ? transform(node.attrs['transform']) : null;
  const clip = node.attrs['clip-path'];
  const clipped = clip !== undefined && clip.trim() !== 'none';
  if (!matrix && !clipped) return false;
  steps.push({ kind: 'save' });
  if (matrix) steps.push({ kind: 'transform', matrix });
  if (clipped) steps.push(clipStep(planner, urlId(clip)));
  return true;
}

function clipStep(planner: Planner, id: string): Step {
  const node = planner.ids.get(id);
  if (!node || node.name !== 'clipPath') return unsupported(`clip-path url(#${id})`);
  if ((node.attrs['clipPathUnits'] ?? 'userSpaceOnUse') !== 'userSpaceOnUse') unsupported('clip units');
  if (node.attrs['transform'] !== undefined) unsupported('clip path transform');
  const shapes = node.children.filter((c) => !SKIPPED.has(c.name));
  // One shape: a union of several would need them drawn as one path with matching windings.
  if (shapes.length !== 1) unsupported('clip path of several shapes');
  const [shape] = shapes;
  if (shape.attrs['transform'] !== undefined || shape.attrs['clip-path'] !== undefined)
    unsupported('nested clip');
  styleOf(shape, INITIAL_STYLE); // refuses attributes it does not know
  const rule = shape.attrs['clip-rule'] ?? 'nonzero';
  // An empty clip shape hides everything it clips.
  const outline = outlineOf(shape) ?? rectOperators(0, 0, 0, 0);
  return { kind: 'clip', outline, evenOdd: rule.trim() === 'evenodd' };
}

function textContent(node: SvgNode, style: Style): string {
  if (node.children.length > 0) unsupported('text with child elements');
  const raw = decodeEntities(node.text);
  // XML whitespace handling: default drops newlines, turns tabs into spaces, trims and
  // collapses; preserve turns newlines and tabs into spaces.
  return style.preserveSpace
    ? raw.replace(/[\n\r\t]/g, ' ')
    : raw
        .replace(/[\n\r]/g, '')
        .replace(/\t/g, ' ')
        .trim()
        .replace(/ {2,}/g, ' ');
}

/** Plans an element and its children; `inPattern`: text there would need font resources. */
function planNode(planner: Planner, node: SvgNode, parent: Style, steps: Step[], inPattern: boolean): void {
  if (SKIPPED.has(node.name)) return;
  const style = styleOf(node, parent);
  switch (node.name) {
    case 'defs':
    case 'clipPath':
    case 'pattern':
      // Drawn where they are referenced.
      for (const child of node.children)
        if (GEOMETRY[child.name] === undefined && !SKIPPED.has(child.name)) unsupported(`<${child.name}>`);
      return;
    case 'svg':
      return unsupported('nested <svg>');
    case 'g': {
      if (elementOpacity(node) !== 1) unsupported('group opacity');
      const pushed = enter(planner, node, steps);
      for (const child of node.children) planNode(planner, child, style, steps, inPattern);
      if (pushed) steps.push({ kind: 'restore' });
      return;
    }
    case 'text': {
      if (inPattern) unsupported('text in a pattern');
      const content = textContent(node, style);
      const alpha = elementOpacity(node);
      const fill = paint(planner, style.fill, style.fillOpacity * alpha);
      const stroke = strokeOf(planner, style, alpha);
      if (alpha !== 1 && fill && stroke) unsupported('opacity on filled and stroked text');
      if (content === '' || (!fill && !stroke)) return;
      if ((fill && 'pattern' in fill) || (stroke && 'pattern' in stroke.paint)) unsupported('patterned text');
      const pushed = enter(planner, node, steps);
      steps.push({
        kind: 'text',
        text: content,
        x: length(node.attrs['x'], 0),
        y: length(node.attrs['y'], 0),
        font: planner.fontFor(style.fontFamily, style.bold, style.italic),
        size: style.fontSize,
        anchor: style.anchor,
        baseline: style.baseline,
        fill,
        stroke,
      });
      if (pushed) steps.push({ kind: 'restore' });
      return;
    }
    default: {
      if (node.children.some((c) => !SKIPPED.has(c.name))) unsupported(`children of <${node.name}>`);
      const outline = outlineOf(node);
      const alpha = elementOpacity(node);
      // A line has no inside; every other shape is filled as SVG says.
      const fill = node.name === 'line' ? null : paint(planner, style.fill, style.fillOpacity * alpha);
      const stroke = strokeOf(planner, style, alpha);
      if (alpha !== 1 && fill && stroke) unsupported('opacity on filled and stroked shape');
      if (!outline || (!fill && !stroke)) return;
      const pushed = enter(planner, node, steps);
      steps.push({ kind: 'shape', outline, fill, evenOdd: style.fillRule === 'evenodd', stroke });
      if (pushed) steps.push({ kind: 'restore' });
    }
  }
}

function collectIds(node: SvgNode, ids: Map<string, SvgNode>): void {
  const id = node.attrs['id'];
  if (id !== undefined) ids.set(id, node);
  for (const child of node.children) collectIds(child, ids);
}

/**
 * Reads an SVG into drawing steps, or returns null when it uses anything this drawer does not
 * draw exactly (the caller then uses svg-to-pdfkit); `refused` hears what that was.
 */
export function planSvg(svg: string, fontFor: FontFor, refused?: (reason: string) => void): SvgPlan | null {
  try {
    const root = parseXml(svg);
    const ids = new Map<string, SvgNode>();
    collectIds(root, ids);
    const planner: Planner = { ids, patterns: new Map(), fontFor };
    const style = styleOf(root, INITIAL_STYLE);
    const width = length(root.attrs['width'], NaN);
    const height = length(root.attrs['height'], NaN);
    if (!(width > 0 && height > 0)) unsupported('svg size');
    const box = root.attrs['viewBox'] !== undefined ? numbers(root.attrs['viewBox']) : [0, 0, width, height];
    if (box.length !== 4 || !(box[2] > 0 && box[3] > 0)) unsupported('viewBox');
    const aspect = (root.attrs['preserveAspectRatio'] ?? 'xMidYMid meet').trim();
    if (aspect !== 'xMidYMid meet' && aspect !== 'xMidYMid') unsupported('preserveAspectRatio');
    // The viewport is the svg's own size; the viewBox is fitted into it (meet, centred) and
    // what lies outside the viewport is cut off, as a browser shows it.
    const scale = Math.min(width / box[2], height / box[3]);
    const steps: Step[] = [
      { kind: 'save' },
      { kind: 'clip', outline: rectOperators(0, 0, width, height), evenOdd: false },
      {
        kind: 'transform',
        matrix: [
          scale,
          0,
          0,
          scale,
          (width - box[2] * scale) / 2 - box[0] * scale,
          (height - box[3] * scale) / 2 - box[1] * scale,
        ],
      },
    ];
    if (root.attrs['transform'] !== undefined || root.attrs['clip-path'] !== undefined)
      unsupported('transform on <svg>');
    for (const child of root.children) planNode(planner, child, style, steps, false);
    steps.push({ kind: 'restore' });
    return { width, height, steps };
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    refused?.(error.message);
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Drawing

/** pdfkit internals the text placement needs (svg-to-pdfkit reads the same). */
interface FontInternals {
  ascender: number;
  descender: number;
  xHeight: number;
  scale?: number;
  bbox: { minY: number; maxY: number };
}

/** Where svg-to-pdfkit puts the alphabetic baseline below `y` for a `dominant-baseline`. */
function baselineShift(doc: Pdf, baseline: string, size: number): number {
  const font = (doc as unknown as { _font: FontInternals })._font;
  const scale = font.scale ?? 1;
  const ascent = (Math.max(font.ascender, font.bbox.maxY * scale) * size) / 1000;
  const descent = (Math.min(font.descender, font.bbox.minY * scale) * size) / 1000;
  switch (baseline) {
    case 'middle':
      return (0.5 * (font.xHeight || 0.5 * (font.ascender - font.descender)) * size) / 1000;
    case 'central':
      return 0.5 * (descent + ascent);
    case 'after-edge':
    case 'text-after-edge':
      return descent;
    case 'mathematical':
      return 0.5 * ascent;
    case 'hanging':
      return 0.8 * ascent;
    case 'before-edge':
    case 'text-before-edge':
      return ascent;
    default:
      return 0;
  }
}

function outline(doc: Pdf, shape: Outline): void {
  (doc as unknown as PdfInternals).addContent(shape);
}

interface PdfInternals {
  page: {
    write(data: string): void;
    ext_gstates: Record<string, unknown>;
    patterns: Record<string, unknown>;
    fonts: Record<string, unknown>;
    xobjects: Record<string, unknown>;
  };
  _ctm: Matrix;
  ref(data?: Record<string, unknown>): {
    write(data: string): void;
    end(): void;
    data: Record<string, unknown>;
  };
  addContent(data: string): void;
}

/**
 * A coloured tiling pattern (PaintType 1) whose cell is the pattern's own steps, placed in the
 * user space where it is used (as SVG's userSpaceOnUse says and svg-to-pdfkit does).
 */
function applyPattern(doc: Pdf, pattern: Pattern, opacityOf: number, stroke: boolean): void {
  const pdf = doc as unknown as PdfInternals;
  const page = pdf.page;
  const ctm = pdf._ctm;
  let content = '';
  const cell = {
    write: (data: string) => void (content += `${data}\n`),
    ext_gstates: {} as Record<string, unknown>,
    patterns: {},
    fonts: {},
    xobjects: {},
  };
  pdf.page = { ...page, ...cell };
  pdf._ctm = [1, 0, 0, 1, 0, 0];
  try {
    runSteps(doc, pattern.steps);
  } finally {
    pdf.page = page;
    pdf._ctm = ctm;
  }
  const name = `QP${(patternCount.get(doc) ?? 0) + 1}`;
  patternCount.set(doc, (patternCount.get(doc) ?? 0) + 1);
  const ref = pdf.ref({
    Type: 'Pattern',
    PatternType: 1,
    PaintType: 1,
    TilingType: 2,
    BBox: [0, 0, pattern.width, pattern.height],
    XStep: pattern.width,
    YStep: pattern.height,
    Matrix: multiply(ctm, pattern.matrix).map((v) => +v.toFixed(5)),
    Resources: Object.keys(cell.ext_gstates).length > 0 ? { ExtGState: cell.ext_gstates } : {},
  });
  ref.write(content);
  ref.end();
  page.patterns[name] = ref;
  if (stroke) doc.strokeOpacity(opacityOf);
  else doc.fillOpacity(opacityOf);
  pdf.addContent(stroke ? '/Pattern CS' : '/Pattern cs');
  pdf.addContent(`/${name} ${stroke ? 'SCN' : 'scn'}`);
}

const patternCount = new WeakMap<Pdf, number>();

function setPaint(doc: Pdf, p: Paint, stroke: boolean): void {
  if ('pattern' in p) return applyPattern(doc, p.pattern, p.opacity, stroke);
  const alpha = p.opacity < 1 ? p.opacity : undefined;
  if (stroke) doc.strokeColor(p.color, alpha);
  else doc.fillColor(p.color, alpha);
}

function setStroke(doc: Pdf, stroke: Stroke): void {
  setPaint(doc, stroke.paint, true);
  doc.lineWidth(stroke.width).lineCap(stroke.cap).lineJoin(stroke.join).miterLimit(stroke.miterLimit);
  // pdfkit takes a dash array too (its types name only a single length).
  if (stroke.dash) doc.dash(stroke.dash as unknown as number, { phase: stroke.dashOffset });
}

function runSteps(doc: Pdf, steps: readonly Step[]): void {
  for (const step of steps) {
    switch (step.kind) {
      case 'save':
        doc.save();
        break;
      case 'restore':
        doc.restore();
        break;
      case 'transform':
        doc.transform(...step.matrix);
        break;
      case 'clip':
        outline(doc, step.outline);
        doc.clip(step.evenOdd ? 'even-odd' : 'non-zero');
        break;
      case 'shape': {
        const own = step.fill !== null || step.stroke !== null;
        if (!own) break;
        doc.save();
        if (step.fill) setPaint(doc, step.fill, false);
        if (step.stroke) setStroke(doc, step.stroke);
        outline(doc, step.outline);
        const rule = step.evenOdd ? 'even-odd' : 'non-zero';
        if (step.fill && step.stroke) doc.fillAndStroke(rule);
        else if (step.fill) doc.fill(rule);
        else doc.stroke();
        doc.restore();
        break;
      }
      case 'text': {
        doc.save();
        doc.font(step.font).fontSize(step.size);
        if (step.fill) setPaint(doc, step.fill, false);
        if (step.stroke) setStroke(doc, step.stroke);
        const width = step.anchor === 'start' ? 0 : doc.widthOfString(step.text);
        const x = step.x - (step.anchor === 'middle' ? width / 2 : step.anchor === 'end' ? width : 0);
        doc.text(step.text, x, step.y, {
          lineBreak: false,
          baseline: -baselineShift(doc, step.baseline, step.size),
          fill: step.fill !== null,
          stroke: step.stroke !== null,
        } as PDFKit.Mixins.TextOptions);
        doc.restore();
        break;
      }
    }
  }
}

/**
 * Draws a planned SVG with its top-left corner at (x, y), `scale` pt per SVG px. Leaves the
 * document's graphics state, font and cursor as they were.
 */
export function drawSvgPlan(doc: Pdf, plan: SvgPlan, x: number, y: number, scale: number): void {
  const { x: cursorX, y: cursorY } = doc;
  const internals = doc as unknown as { _font: unknown; _fontSize: number; _fillColor: unknown };
  const [font, fontSize, fillColor] = [internals._font, internals._fontSize, internals._fillColor];
  doc.save();
  doc.translate(x, y).scale(scale);
  try {
    runSteps(doc, plan.steps);
  } finally {
    doc.restore();
    Object.assign(internals, { _font: font, _fontSize: fontSize, _fillColor: fillColor });
    doc.x = cursorX;
    doc.y = cursorY;
  }
}
