import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import Graph from 'graphology';
import type Sigma from 'sigma';
import type { Actor, MeasuredActor, Tie, WaveComparison } from '../network-api';
import { SECTOR_COLOURS, TIE_COLOURS, communityColour } from '../colours';
import { NetworkTexts } from '../texts';
import { type LabelCandidate, overlappingPairs, placeLabels } from './labels';
import { communityLayout, sectorRingLayout } from './layout';

export type ColourMode = 'sector' | 'community';
export type LayoutMode = 'sectors' | 'communities';
export type SizeMeasure = 'degree' | 'betweenness' | 'closeness' | 'eigenvector' | 'pagerank';

const NEW_TIE = TIE_COLOURS.new;
const LOST_TIE = TIE_COLOURS.lost;
const TIE = TIE_COLOURS.stable;
const FADED = TIE_COLOURS.faded;
/** Sigma's node label: 12 px, the browser's sans-serif. */
const LABEL_FONT = '12px sans-serif';
const LABEL_HEIGHT = 14;
/** Only labels placed by `placeLabels` are drawn (forced visible); sigma's own picks never pass. */
const NO_AUTOMATIC_LABELS = Number.MAX_SAFE_INTEGER;

/**
 * The network drawing: sigma.js (WebGL) over a graphology graph. Colour by sector or community,
 * size by a measure, sector-ring or group layout, search and ego view; with a comparison,
 * appeared ties are drawn black and thicker, disappeared ones dark orange (colours no sector or
 * community has). Names are placed without collisions (labels.ts). Sigma is loaded on demand
 * (it needs WebGL and is only wanted on this page).
 */
@Component({
  selector: 'q-network-drawing',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div
    #container
    class="drawing"
    role="img"
    [attr.aria-label]="label()"
    data-testid="network-drawing"
    [attr.data-labels]="labelCount()"
    [attr.data-label-overlaps]="labelOverlaps()"
  ></div>`,
  styles: `
    .drawing {
      width: 100%;
      height: 560px;
      border: 1px solid #c4c4c4;
      border-radius: 4px;
      background: #fff;
    }
  `,
})
export class NetworkDrawing {
  private readonly texts = inject(NetworkTexts);
  private readonly container = viewChild.required<ElementRef<HTMLDivElement>>('container');

  readonly actors = input.required<Actor[]>();
  readonly ties = input.required<Tie[]>();
  readonly measures = input<MeasuredActor[]>([]);
  readonly comparison = input<WaveComparison | null>(null);
  readonly colourBy = input<ColourMode>('sector');
  readonly sizeBy = input<SizeMeasure>('degree');
  readonly layout = input<LayoutMode>('sectors');
  readonly search = input<string>('');
  readonly ego = input<string | null>(null);
  readonly actorClicked = output<string>();

  protected readonly label = computed(() =>
    this.texts.t('drawingLabel', {
      actors: this.texts.count(this.actors().length),
      ties: this.texts.count(this.ties().length),
    }),
  );

  private sigma: Sigma | null = null;
  /** Names shown and pairs of them that overlap, as drawn (the browser test reads them). */
  protected readonly labelCount = signal<number | null>(null);
  protected readonly labelOverlaps = signal<number | null>(null);
  private measureContext: CanvasRenderingContext2D | null = null;
  private readonly labelWidths = new Map<string, number>();

  constructor() {
    effect(() => {
      this.rebuild();
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.sigma?.kill();
    });
  }

  private destroyed = false;
  private generation = 0;

  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    const actors = this.actors();
    const ties = this.ties();
    const comparison = this.comparison();
    const measureById = new Map(this.measures().map((m) => [m.id, m]));
    const sizeBy = this.sizeBy();
    const colourBy = this.colourBy();
    const layout = this.layout();
    const needle = this.search().trim().toLocaleLowerCase();
    const ego = this.ego();

    const values = actors.map((a) => measureById.get(a.id)?.[sizeBy] ?? 0);
    const max = Math.max(1e-12, ...values);
    const nodes = actors.map((a, i) => ({
      id: a.id,
      sector: a.sector,
      community: measureById.get(a.id)?.community,
      centrality: values[i] / max,
    }));
    const positions = layout === 'sectors' ? sectorRingLayout(nodes) : communityLayout(nodes);

    const graph = new Graph({ type: 'undirected', multi: false });
    const egoMembers = new Set<string>();
    if (ego) {
      egoMembers.add(ego);
      for (const tie of ties) {
        if (tie.sourceActorId === ego) egoMembers.add(tie.targetActorId);
        if (tie.targetActorId === ego) egoMembers.add(tie.sourceActorId);
      }
    }
    actors.forEach((actor, i) => {
      const position = positions.get(actor.id) ?? { x: 0, y: 0 };
      const matches = needle !== '' && actor.name.toLocaleLowerCase().includes(needle);
      const faded = (ego !== null && !egoMembers.has(actor.id)) || (needle !== '' && !matches);
      const colour =
        colourBy === 'sector'
          ? SECTOR_COLOURS[actor.sector ?? 'none']
          : communityColour(measureById.get(actor.id)?.community);
      graph.addNode(actor.id, {
        x: position.x,
        y: position.y,
        size: 4 + 14 * Math.sqrt(values[i] / max),
        color: faded ? FADED : colour,
        label: faded ? '' : actor.name,
        zIndex: matches ? 2 : faded ? 0 : 1,
        // Search hits and the ego are named first, then the larger nodes.
        labelPriority: (matches || actor.id === ego ? 1000 : 0) + values[i] / max,
      });
    });
    addTies(graph, ties, comparison, ego, egoMembers);
    const { default: SigmaClass } = await import('sigma');
    // Sigma loads asynchronously: by now the tab may have changed (no container to draw in) or
    // a newer rebuild may have started; drawing then would fail or show stale data.
    const container = this.container().nativeElement;
    if (this.destroyed || generation !== this.generation || !container.isConnected) return;
    this.sigma?.kill();
    const sigma = new SigmaClass(graph, container, {
      // Sizes in screen pixels (sigma 4 defaults to graph coordinates, where our layouts span ±1).
      settings: {
        itemSizesReference: 'screen',
        renderEdgeLabels: false,
        labelRenderedSizeThreshold: NO_AUTOMATIC_LABELS,
      },
      // A hovered node keeps sigma's own label with backdrop; placed names are forced visible.
      nodeReducer: (_key, _data, attributes) =>
        attributes['showLabel'] ? { labelVisibility: 'visible' as const } : {},
    });
    this.sigma = sigma;
    sigma.on('clickNode', ({ node }) => this.actorClicked.emit(node));
    let pending = false;
    const relabel = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        if (this.sigma === sigma) this.placeNames(sigma, graph);
      });
    };
    sigma.getCamera().on('updated', relabel);
    sigma.on('afterRender', () => this.countNames(sigma, graph));
    this.placeNames(sigma, graph);
  }

  private candidates(sigma: Sigma, graph: Graph): LabelCandidate[] {
    this.measureContext ??= document.createElement('canvas').getContext('2d');
    const context = this.measureContext;
    if (context) context.font = LABEL_FONT;
    const list: LabelCandidate[] = [];
    graph.forEachNode((id, attributes) => {
      const label = attributes['label'] as string;
      if (!label) return;
      const point = sigma.graphToViewport({ x: attributes['x'] as number, y: attributes['y'] as number });
      list.push({
        id,
        x: point.x,
        y: point.y,
        radius: sigma.scaleSize(attributes['size'] as number),
        width: this.labelWidth(context, label),
        height: LABEL_HEIGHT,
        priority: attributes['labelPriority'] as number,
      });
    });
    return list;
  }

  private labelWidth(context: CanvasRenderingContext2D | null, label: string): number {
    let width = this.labelWidths.get(label);
    if (width === undefined) {
      width = context ? context.measureText(label).width : label.length * 7.5;
      this.labelWidths.set(label, width);
    }
    return width;
  }

  /** Shows the names that fit without touching another (labels.ts), for the current camera. */
  private placeNames(sigma: Sigma, graph: Graph): void {
    const { width, height } = sigma.getDimensions();
    const shown = placeLabels(this.candidates(sigma, graph), { width, height });
    graph.updateEachNodeAttributes((id, attributes) => ({ ...attributes, showLabel: shown.has(id) }), {
      attributes: ['showLabel'],
    });
  }

  private countNames(sigma: Sigma, graph: Graph): void {
    const displayed = sigma.getNodeDisplayedLabels();
    this.labelCount.set(displayed.size);
    this.labelOverlaps.set(overlappingPairs(this.candidates(sigma, graph), displayed));
  }
}

/**
 * The ties between drawn actors (new ones since the earlier wave highlighted), then the earlier
 * wave's lost ties; outside the ego network everything is faded.
 */
function addTies(
  graph: Graph,
  ties: readonly Tie[],
  comparison: WaveComparison | null,
  ego: string | null,
  egoMembers: ReadonlySet<string>,
): void {
  const tieKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);
  const newTies = new Set((comparison?.ties.new ?? []).map((t) => tieKey(t.source, t.target)));
  for (const tie of ties) {
    if (
      !graph.hasNode(tie.sourceActorId) ||
      !graph.hasNode(tie.targetActorId) ||
      graph.hasEdge(tie.sourceActorId, tie.targetActorId)
    )
      continue;
    const inEgo = ego === null || (egoMembers.has(tie.sourceActorId) && egoMembers.has(tie.targetActorId));
    const colour = !inEgo ? FADED : newTies.has(tieKey(tie.sourceActorId, tie.targetActorId)) ? NEW_TIE : TIE;
    graph.addEdge(tie.sourceActorId, tie.targetActorId, {
      size: Math.min(4, 0.5 + tie.weight * 0.5) + (colour === NEW_TIE ? 1 : 0),
      color: colour,
    });
  }
  // Ties of the earlier wave that are gone: drawn in red between actors still present.
  for (const lost of comparison?.ties.lost ?? []) {
    if (
      graph.hasNode(lost.source) &&
      graph.hasNode(lost.target) &&
      !graph.hasEdge(lost.source, lost.target)
    ) {
      graph.addEdge(lost.source, lost.target, { size: 2, color: ego === null ? LOST_TIE : FADED });
    }
  }
}
