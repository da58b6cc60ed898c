import {
  Unsupported,
  unsupported,
  type FontFor,
  type Paint,
  type Pattern,
  type Step,
  type Stroke,
  type SvgPlan,
} from './svg-model';
import { outlineOf, rectOperators } from './svg-outline';
import { elementOpacity, GEOMETRY, INITIAL_STYLE, SKIPPED, styleOf, type Style } from './svg-style';
import { colour, IDENTITY, length, numbers, transform, urlId } from './svg-values';
import { decodeEntities, parseXml, type SvgNode } from './svg-xml';

// Reading an SVG into drawing steps: every element, paint and clip path either planned exactly or
// refused (planSvg then returns null).

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
