import type { ImpactModel, ImpactNode, ImpactNodeType } from './model';
import { escapeXml } from '@quartier/contracts';
import { parseImpactModel } from './validate';

// The Wirkungstreppe figure: seven stairs rising left to right (outputs 1–3, outcomes 4–6,
// impact 7), each node stacked on its stair, inputs on the ground to the left, edges as arrows.
// A pure string, so the API serves it, reports embed it and tests read it. Labels come from the
// caller (German or English); `<title>`/`<desc>` and per-node titles make it readable without
// sight.

export interface WirkungstreppeLabels {
  readonly figureTitle: string;
  /** Word before a step number ("Stufe 3"). */
  readonly step: string;
  /** The seven step texts, step 1 first. */
  readonly steps: readonly string[];
  readonly types: Readonly<Record<ImpactNodeType, string>>;
  /** Heading of the column left of the stairs. */
  readonly inputsColumn: string;
  /** Shown in a node with evidence: "{count} evidence". */
  readonly evidence: string;
  readonly assumptions: string;
  readonly risks: string;
  /** Opening of the `<desc>`, with `{title}`, `{nodes}` and `{edges}` filled in. */
  readonly description: string;
  /** Joins an edge in the description: "A leads to B". */
  readonly leadsTo: string;
}

export const WIRKUNGSTREPPE_LABELS_DE: WirkungstreppeLabels = {
  figureTitle: 'Wirkungstreppe',
  step: 'Stufe',
  steps: [
    'Aktivitäten finden wie geplant statt',
    'Zielgruppen werden erreicht',
    'Zielgruppen akzeptieren Angebote',
    'Zielgruppen verändern Bewusstsein bzw. Fähigkeiten',
    'Zielgruppen ändern ihr Handeln',
    'Lebenslage der Zielgruppen ändert sich',
    'Gesellschaft bzw. Quartier verändert sich',
  ],
  types: { input: 'Input', activity: 'Aktivität', output: 'Output', outcome: 'Outcome', impact: 'Impact' },
  inputsColumn: 'Ressourcen',
  evidence: 'Evidenz: {count}',
  assumptions: 'Annahmen',
  risks: 'Risiken',
  description: 'Wirkungsmodell „{title}“ mit {nodes} Elementen und {edges} Verbindungen.',
  leadsTo: 'führt zu',
};

export const WIRKUNGSTREPPE_LABELS_EN: WirkungstreppeLabels = {
  figureTitle: 'Impact staircase (Wirkungstreppe)',
  step: 'Step',
  steps: [
    'Activities take place as planned',
    'Target groups are reached',
    'Target groups accept the offer',
    'Awareness and skills change',
    'Behaviour changes',
    'Living situation changes',
    'Society and the area change',
  ],
  types: { input: 'Input', activity: 'Activity', output: 'Output', outcome: 'Outcome', impact: 'Impact' },
  inputsColumn: 'Resources',
  evidence: 'evidence: {count}',
  assumptions: 'Assumptions',
  risks: 'Risks',
  description: 'Impact model “{title}” with {nodes} elements and {edges} links.',
  leadsTo: 'leads to',
};

export interface WirkungstreppeSvgOptions {
  readonly labels: WirkungstreppeLabels;
  /** Prefix for element ids, so several figures can share one page. */
  readonly idPrefix?: string;
}

const MARGIN = 16;
const COLUMN = 150;
const BOX = COLUMN - 16;
const GAP = 8;
const RISER = 34;
const HEADER = 56;
const FOOT = 64;
const LINE = 14;
const FILL: Readonly<Record<ImpactNodeType, string>> = {
  input: '#eceff1',
  activity: '#e3f2fd',
  output: '#bbdefb',
  outcome: '#c8e6c9',
  impact: '#ffe0b2',
};
const STAIR_FILL = ['#e3f2fd', '#e3f2fd', '#e3f2fd', '#e8f5e9', '#e8f5e9', '#e8f5e9', '#fff3e0'];

interface Box {
  readonly node: ImpactNode;
  readonly x: number;
  readonly y: number;
  readonly height: number;
  readonly lines: readonly string[];
}

/** The figure as a standalone SVG document (UTF-8 text). */
export function renderWirkungstreppeSvg(model: ImpactModel, options: WirkungstreppeSvgOptions): string {
  const valid = parseImpactModel(model);
  const { labels } = options;
  const prefix = options.idPrefix ?? 'wirkungstreppe';
  const columns = Array.from({ length: 8 }, (_, column) =>
    valid.nodes.filter((n) => (n.step ?? 0) === column),
  );
  const heights = columns.map((nodes) => nodes.map((n) => boxHeight(n)));
  const stacks = heights.map((hs) => hs.reduce((s, h) => s + h, 0) + GAP * Math.max(0, hs.length - 1));
  const ground = Math.max(
    HEADER + 7 * RISER + 40,
    ...stacks.map((stack, column) => HEADER + stack + GAP + column * RISER),
  );
  const width = MARGIN * 2 + 8 * COLUMN;
  const height = ground + FOOT + 28 + MARGIN;

  const boxes = new Map<string, Box>();
  columns.forEach((nodes, column) => {
    let bottom = ground - column * RISER - GAP;
    nodes.forEach((node, i) => {
      const h = heights[column][i];
      boxes.set(node.id, {
        node,
        x: columnX(column) + 8,
        y: bottom - h,
        height: h,
        lines: wrap(node.title, 20, 4),
      });
      bottom -= h + GAP;
    });
  });

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${prefix}-title ${prefix}-desc" font-family="DejaVu Sans, Verdana, Arial, sans-serif">`,
    `<title id="${prefix}-title">${escapeXml(`${labels.figureTitle}: ${valid.title}`)}</title>`,
    `<desc id="${prefix}-desc">${escapeXml(describe(valid, labels))}</desc>`,
    `<defs><marker id="${prefix}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#455a64"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 16}" font-size="16" font-weight="bold" fill="#212121">${escapeXml(`${labels.figureTitle}: ${valid.title}`)}</text>`,
    ...stairs(ground, labels),
    ...valid.edges.map((e) => edge(boxes.get(e.from) as Box, boxes.get(e.to) as Box, prefix)),
    ...[...boxes.values()].map((box) => node(box, labels)),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

function columnX(column: number): number {
  return MARGIN + column * COLUMN;
}

function boxHeight(node: ImpactNode): number {
  const lines = wrap(node.title, 20, 4).length;
  return 12 + LINE /* type line */ + lines * LINE + (node.bindings.length > 0 ? LINE : 0);
}

function stairs(ground: number, labels: WirkungstreppeLabels): string[] {
  const out: string[] = [
    `<text x="${columnX(0) + 8}" y="${ground + 18}" font-size="11" font-weight="bold" fill="#37474f">${escapeXml(labels.inputsColumn)}</text>`,
    `<line x1="${columnX(0)}" y1="${ground}" x2="${columnX(8)}" y2="${ground}" stroke="#90a4ae"/>`,
  ];
  for (let step = 1; step <= 7; step++) {
    const x = columnX(step);
    const top = ground - step * RISER;
    out.push(
      `<rect x="${x}" y="${top}" width="${COLUMN}" height="${ground - top + FOOT}" fill="${STAIR_FILL[step - 1]}" stroke="#90a4ae"/>`,
      `<text x="${x + 8}" y="${top + 16}" font-size="11" font-weight="bold" fill="#263238">${escapeXml(`${labels.step} ${step}`)}</text>`,
      ...wrap(labels.steps[step - 1] ?? '', 24, 3).map(
        (line, i) =>
          `<text x="${x + 8}" y="${top + 31 + i * 13}" font-size="10" fill="#263238">${escapeXml(line)}</text>`,
      ),
    );
  }
  const groups: [ImpactNodeType, number, number][] = [
    ['output', 1, 3],
    ['outcome', 4, 6],
    ['impact', 7, 7],
  ];
  for (const [type, first, last] of groups) {
    const x1 = columnX(first);
    const x2 = columnX(last + 1);
    out.push(
      `<text x="${(x1 + x2) / 2}" y="${ground + FOOT + 18}" font-size="12" font-weight="bold" text-anchor="middle" fill="#263238">${escapeXml(labels.types[type])}</text>`,
    );
  }
  return out;
}

function node(box: Box, labels: WirkungstreppeLabels): string {
  const { node: n, x, y } = box;
  const tooltip = [
    `${labels.types[n.type]}${n.step !== null ? `, ${labels.step} ${n.step}` : ''}: ${n.title}`,
    n.description,
    n.assumptions.length > 0 ? `${labels.assumptions}: ${n.assumptions.join('; ')}` : undefined,
    n.risks.length > 0 ? `${labels.risks}: ${n.risks.join('; ')}` : undefined,
  ]
    .filter((line): line is string => !!line)
    .join('\n');
  const text = [
    `<text x="${x + 6}" y="${y + 6 + 11}" font-size="9" font-style="italic" fill="#37474f">${escapeXml(labels.types[n.type])}</text>`,
    ...box.lines.map(
      (line, i) =>
        `<text x="${x + 6}" y="${y + 6 + LINE + 11 + i * LINE}" font-size="11" fill="#212121">${escapeXml(line)}</text>`,
    ),
  ];
  if (n.bindings.length > 0)
    text.push(
      `<text x="${x + 6}" y="${y + 6 + LINE + 11 + box.lines.length * LINE}" font-size="9" fill="#1b5e20">${escapeXml(labels.evidence.replace('{count}', String(n.bindings.length)))}</text>`,
    );
  return [
    `<g>`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<rect x="${x}" y="${y}" width="${BOX}" height="${box.height}" rx="4" fill="${FILL[n.type]}" stroke="#455a64"/>`,
    ...text,
    `</g>`,
  ].join('\n');
}

/** A straight arrow between the borders of two boxes (centre to centre, clipped). */
function edge(from: Box, to: Box, prefix: string): string {
  const a = centre(from);
  const b = centre(to);
  const start = border(from, b.x - a.x, b.y - a.y);
  const end = border(to, a.x - b.x, a.y - b.y);
  return `<line x1="${round(start.x)}" y1="${round(start.y)}" x2="${round(end.x)}" y2="${round(end.y)}" stroke="#455a64" stroke-width="1.2" marker-end="url(#${prefix}-arrow)"/>`;
}

function centre(box: Box) {
  return { x: box.x + BOX / 2, y: box.y + box.height / 2 };
}

/** Where the ray from the box centre in direction (dx, dy) leaves the box. */
function border(box: Box, dx: number, dy: number) {
  const c = centre(box);
  const tx = dx === 0 ? Infinity : BOX / 2 / Math.abs(dx);
  const ty = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const t = Math.min(tx, ty);
  return { x: c.x + dx * t, y: c.y + dy * t };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function describe(model: ImpactModel, labels: WirkungstreppeLabels): string {
  const titles = new Map(model.nodes.map((n) => [n.id, n.title]));
  const opening = labels.description
    .replace('{title}', model.title)
    .replace('{nodes}', String(model.nodes.length))
    .replace('{edges}', String(model.edges.length));
  const inputs = model.nodes.filter((n) => n.step === null);
  const lines = [opening];
  if (inputs.length > 0) lines.push(`${labels.inputsColumn}: ${inputs.map((n) => n.title).join('; ')}.`);
  for (let step = 1; step <= 7; step++) {
    const on = model.nodes.filter((n) => n.step === step);
    if (on.length > 0)
      lines.push(
        `${labels.step} ${step} (${labels.steps[step - 1]}): ${on.map((n) => `${n.title} (${labels.types[n.type]})`).join('; ')}.`,
      );
  }
  for (const e of model.edges) lines.push(`${titles.get(e.from)} ${labels.leadsTo} ${titles.get(e.to)}.`);
  return lines.join('\n');
}

/** Greedy word wrap to `width` characters, at most `maxLines` (the last ends in "…" if cut). */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.trim().split(/\s+/)) {
    const pieces =
      word.length > width ? (word.match(new RegExp(`.{1,${width - 1}}`, 'gu')) ?? [word]) : [word];
    pieces.forEach((piece, i) => {
      const part = i < pieces.length - 1 ? `${piece}-` : piece;
      if (current === '') current = part;
      else if (current.length + 1 + part.length <= width && i === 0) current = `${current} ${part}`;
      else {
        lines.push(current);
        current = part;
      }
    });
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, width - 1)}…`;
  return kept;
}
