// The plan an SVG is read into: drawing steps, paints and strokes, and the error that gives a
// figure back to svg-to-pdfkit.

/** A font name registered in the document, for a family and style. */
export type FontFor = (family: string, bold: boolean, italic: boolean) => string;

/** The steps that draw one SVG; run them with `drawSvgPlan`. */
export interface SvgPlan {
  width: number;
  height: number;
  steps: Step[];
}

export interface Pattern {
  width: number;
  height: number;
  /** patternTransform: pattern space → the user space where the pattern is used. */
  matrix: Matrix;
  steps: Step[];
}

export type Rgb = [number, number, number];
export type Paint = { color: Rgb; opacity: number } | { pattern: Pattern; opacity: number };
export type Matrix = [number, number, number, number, number, number];

export type Step =
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
export type Outline = string;

export interface Stroke {
  paint: Paint;
  width: number;
  cap: 'butt' | 'round' | 'square';
  join: 'miter' | 'round' | 'bevel';
  miterLimit: number;
  dash: number[] | null;
  dashOffset: number;
}

/** Thrown while planning; planSvg turns it into `null` (draw with svg-to-pdfkit instead). */
export class Unsupported extends Error {}

export function unsupported(what: string): never {
  throw new Unsupported(what);
}
