import type { Pdf } from '../pdf-context';
import type { Matrix, Outline, Paint, Pattern, Step, Stroke, SvgPlan } from './svg-model';
import { multiply } from './svg-values';

// Running planned steps on a pdfkit document: paths written as content, tiling patterns as
// pattern resources, text placed with svg-to-pdfkit's baseline metrics.

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
