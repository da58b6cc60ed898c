import { unsupported, type Matrix, type Rgb } from './svg-model';

// ---------------------------------------------------------------------------------------------
// Values

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

/** A length in user units (px or none); other units are left to svg-to-pdfkit. */
export function length(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const text = value.trim();
  const match = NUMBER.exec(text);
  if (!match || (text.length > match[0].length && text.slice(match[0].length) !== 'px'))
    return unsupported(`length "${value}"`);
  return Number(match[0]);
}

export function numbers(value: string): number[] {
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
export function colour(value: string): { color: Rgb; alpha: number } | null {
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

export function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
}

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const TRANSFORM = /\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)\s*,?/y;

export function transform(value: string): Matrix {
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

export function urlId(value: string): string {
  const match = /^url\(\s*#([^)\s]+)\s*\)$/.exec(value.trim());
  return match ? match[1] : unsupported(`reference "${value}"`);
}
