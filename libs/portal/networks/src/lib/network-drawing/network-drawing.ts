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
  viewChild,
} from '@angular/core';
import Graph from 'graphology';
import type Sigma from 'sigma';
import type { Actor, MeasuredActor, Tie, WaveComparison } from '../network-api';
import { NetworkTexts, SECTOR_COLOURS, communityColour } from '../texts';
import { communityLayout, sectorRingLayout } from './layout';

export type ColourMode = 'sector' | 'community';
export type LayoutMode = 'sectors' | 'communities';
export type SizeMeasure = 'degree' | 'betweenness' | 'closeness' | 'eigenvector' | 'pagerank';

const NEW_TIE = '#1b7f3b';
const LOST_TIE = '#c62828';
const TIE = '#9e9e9e';
const FADED = '#e6e6e6';

/**
 * The network drawing: sigma.js (WebGL) over a graphology graph. Colour by sector or community,
 * size by a measure, sector-ring or group layout, search and ego view; with a comparison,
 * appeared ties are drawn green and disappeared ones red. Sigma is loaded on demand (it needs
 * WebGL and is only wanted on this page).
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
    this.texts.t('drawingLabel', { actors: this.actors().length, ties: this.ties().length }),
  );

  private sigma: Sigma | null = null;

  constructor() {
    effect(() => {
      this.rebuild();
    });
    inject(DestroyRef).onDestroy(() => this.sigma?.kill());
  }

  private async rebuild(): Promise<void> {
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
      });
    });
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
      const colour = !inEgo
        ? FADED
        : newTies.has(tieKey(tie.sourceActorId, tie.targetActorId))
          ? NEW_TIE
          : TIE;
      graph.addEdge(tie.sourceActorId, tie.targetActorId, {
        size: Math.min(4, 0.5 + tie.weight * 0.5),
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
        graph.addEdge(lost.source, lost.target, { size: 1.5, color: ego === null ? LOST_TIE : FADED });
      }
    }
    const { default: SigmaClass } = await import('sigma');
    this.sigma?.kill();
    this.sigma = new SigmaClass(graph, this.container().nativeElement, {
      // Sizes in screen pixels (sigma 4 defaults to graph coordinates, where our layouts span ±1).
      settings: { itemSizesReference: 'screen', renderEdgeLabels: false, labelRenderedSizeThreshold: 8 },
    });
    this.sigma.on('clickNode', ({ node }) => this.actorClicked.emit(node));
  }
}
