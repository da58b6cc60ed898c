import { unsupported, type Outline } from './svg-model';
import { length, numbers } from './svg-values';
import type { SvgNode } from './svg-xml';

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

/** Where the path's pen is, and what the smooth curves and closepath need to know. */
interface Pen {
  ops: string[];
  x: number;
  y: number;
  startX: number;
  startY: number;
  controlX: number;
  controlY: number;
  /** The kind of the previous segment: C for cubic, Q for quadratic curves, else its command. */
  last: string;
}

function xy(px: number, py: number): string {
  return `${pdfNumber(px)} ${pdfNumber(py)}`;
}

function curve(pen: Pen, c1x: number, c1y: number, c2x: number, c2y: number, ex: number, ey: number): void {
  pen.ops.push(`${xy(c1x, c1y)} ${xy(c2x, c2y)} ${xy(ex, ey)} c`);
  [pen.x, pen.y] = [ex, ey];
}

/** One segment of path data: `upper` is its command in upper case, `a` its arguments. */
function segment(pen: Pen, upper: string, relative: boolean, a: number[]): void {
  const [ox, oy] = relative ? [pen.x, pen.y] : [0, 0];
  switch (upper) {
    case 'Z':
      pen.ops.push('h');
      [pen.x, pen.y] = [pen.startX, pen.startY];
      break;
    case 'M':
      [pen.x, pen.y] = [ox + a[0], oy + a[1]];
      [pen.startX, pen.startY] = [pen.x, pen.y];
      pen.ops.push(`${xy(pen.x, pen.y)} m`);
      break;
    case 'L':
    case 'H':
    case 'V':
      if (upper === 'L') [pen.x, pen.y] = [ox + a[0], oy + a[1]];
      else if (upper === 'H') pen.x = (relative ? pen.x : 0) + a[0];
      else pen.y = (relative ? pen.y : 0) + a[0];
      pen.ops.push(`${xy(pen.x, pen.y)} l`);
      break;
    case 'C':
      curve(pen, ox + a[0], oy + a[1], ox + a[2], oy + a[3], ox + a[4], oy + a[5]);
      [pen.controlX, pen.controlY] = [ox + a[2], oy + a[3]];
      break;
    case 'S': {
      const [c1x, c1y] =
        pen.last === 'C' ? [2 * pen.x - pen.controlX, 2 * pen.y - pen.controlY] : [pen.x, pen.y];
      [pen.controlX, pen.controlY] = [ox + a[0], oy + a[1]];
      curve(pen, c1x, c1y, pen.controlX, pen.controlY, ox + a[2], oy + a[3]);
      break;
    }
    case 'Q':
    case 'T':
      quadratic(pen, upper, ox, oy, a);
      break;
    case 'A':
      arcCurves(pen.ops, [pen.x, pen.y], [a[0], a[1], a[2], a[3], a[4], ox + a[5], oy + a[6]]);
      [pen.x, pen.y] = [ox + a[5], oy + a[6]];
      break;
  }
  // A smooth curve reflects the previous control point only after a curve of its kind.
  pen.last = upper === 'C' || upper === 'S' ? 'C' : upper === 'Q' || upper === 'T' ? 'Q' : upper;
}

/** A quadratic curve (Q, or T reflecting the last control point), raised to a cubic one exactly. */
function quadratic(pen: Pen, upper: string, ox: number, oy: number, a: number[]): void {
  const { x, y } = pen;
  const [qx, qy] =
    upper === 'Q'
      ? [ox + a[0], oy + a[1]]
      : pen.last === 'Q'
        ? [2 * x - pen.controlX, 2 * y - pen.controlY]
        : [x, y];
  const [ex, ey] = upper === 'Q' ? [ox + a[2], oy + a[3]] : [ox + a[0], oy + a[1]];
  curve(
    pen,
    x + (2 / 3) * (qx - x),
    y + (2 / 3) * (qy - y),
    ex + (2 / 3) * (qx - ex),
    ey + (2 / 3) * (qy - ey),
    ex,
    ey,
  );
  [pen.controlX, pen.controlY] = [qx, qy];
}

/** SVG path data as PDF path operators; data it cannot read is left to svg-to-pdfkit. */
export function pathOperators(d: string): Outline {
  const pen: Pen = { ops: [], x: 0, y: 0, startX: 0, startY: 0, controlX: 0, controlY: 0, last: '' };
  let command = '';
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
  const flagAt = (): number => {
    const f = read(PATH_FLAG);
    return f === null ? unsupported('arc flag') : Number(f);
  };
  for (;;) {
    PATH_END.lastIndex = pos;
    if (PATH_END.test(d)) break;
    const letter = read(PATH_COMMAND);
    if (letter !== null) command = letter;
    else if (command === '' || command === 'Z' || command === 'z') unsupported('path data without command');
    const upper = command.toUpperCase();
    const relative = command !== upper;
    const a: number[] = [];
    for (let i = 0; i < ARITY[upper]; i++)
      a.push(upper === 'A' && (i === 3 || i === 4) ? flagAt() : numberAt());
    segment(pen, upper, relative, a);
    // Further pairs after a moveto are linetos.
    if (upper === 'M') command = relative ? 'l' : 'L';
  }
  if (pen.ops.length > 0 && !pen.ops[0].endsWith(' m')) unsupported('path data not starting with a moveto');
  return pen.ops.join('\n');
}

function polylineOperators(points: readonly number[], closed: boolean): Outline {
  const ops = [`${pdfNumber(points[0])} ${pdfNumber(points[1])} m`];
  for (let i = 2; i < points.length; i += 2)
    ops.push(`${pdfNumber(points[i])} ${pdfNumber(points[i + 1])} l`);
  if (closed) ops.push('h');
  return ops.join('\n');
}

export function rectOperators(x: number, y: number, width: number, height: number): Outline {
  return `${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re`;
}

export function outlineOf(node: SvgNode): Outline | null {
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
