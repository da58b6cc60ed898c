import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  resource,
  signal,
} from '@angular/core';
import { SECTORS } from '@quartier/contracts/browser';
import { finestLevelOf, RegistryApi, Session } from '@quartier/portal-data-access';
import {
  ChoiceField,
  followJob,
  labelledTabs,
  progressPercent,
  Loaded,
  PageHeading,
  TableDownload,
  TabList,
  TabPanel,
  type TableRows,
  textChoices,
} from '@quartier/portal-ui';
import { ActorMap, type MapActor } from '../actor-map/actor-map';
import { MeasuresTable, type OmittedNote } from '../measures-table/measures-table';
import { NetworkImport } from '../network-import/network-import';
import { NetworkApi, type WaveMetrics } from '../network-api';
import {
  NetworkDrawing,
  type ColourMode,
  type LayoutMode,
  type SizeMeasure,
} from '../network-drawing/network-drawing';
import { SECTOR_COLOURS, TIE_COLOURS } from '../colours';
import { ACTOR_MEASURES, omittedMeasures } from '../omitted-measures';
import { NetworkTexts, type NetworkTextKey } from '../texts';

type Tab = 'drawing' | 'measures' | 'map' | 'resources' | 'import';

/** The drawing's selects, in the order offered, with their texts. */
const COLOUR_MODES: Readonly<Record<ColourMode, NetworkTextKey>> = {
  sector: 'sector',
  community: 'community',
};
const SIZE_MEASURES: Readonly<Record<SizeMeasure, NetworkTextKey>> = {
  betweenness: 'betweenness',
  degree: 'degree',
  closeness: 'closeness',
  eigenvector: 'eigenvector',
  pagerank: 'pagerank',
};
const LAYOUT_MODES: Readonly<Record<LayoutMode, NetworkTextKey>> = {
  sectors: 'layoutSectors',
  communities: 'layoutCommunities',
};

/**
 * `/networks`: a network of an area or programme, one wave at a time — drawing, measures table,
 * comparison with another wave, actors on the map and the resource map. Large waves whose
 * measures are not cached yet are computed as a background job with a progress bar.
 */
@Component({
  selector: 'q-networks-page',
  imports: [
    PageHeading,
    TabList,
    TabPanel,
    NetworkDrawing,
    MeasuresTable,
    ActorMap,
    NetworkImport,
    TableDownload,
    ChoiceField,
    Loaded,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './networks-page.html',
  styleUrl: './networks-page.scss',
})
export class NetworksPage {
  private readonly api = inject(NetworkApi);
  private readonly registry = inject(RegistryApi);
  private readonly session = inject(Session);
  protected readonly texts = inject(NetworkTexts);
  protected readonly t = this.texts.t;
  protected readonly sectors = SECTORS;
  protected readonly sectorColours = SECTOR_COLOURS;
  protected readonly tieColours = TIE_COLOURS;

  protected readonly networks = resource({ loader: () => this.api.networks() });
  protected readonly networkId = linkedSignal(() => this.networks.value()?.items[0]?.id ?? null);
  protected readonly network = computed(
    () => this.networks.value()?.items.find((n) => n.id === this.networkId()) ?? null,
  );
  protected readonly waveId = linkedSignal(() => this.network()?.waves.at(-1)?.id ?? null);
  protected readonly wave = computed(() => this.network()?.waves.find((w) => w.id === this.waveId()) ?? null);
  protected readonly compareWith = linkedSignal<string | null, string | null>({
    source: this.waveId,
    computation: () => null,
  });
  protected readonly networkChoices = computed(() =>
    (this.networks.value()?.items ?? []).map((n) => ({
      value: n.id,
      label: n.area ? `${n.name} – ${n.area.name}` : n.name,
    })),
  );
  protected readonly waveChoices = computed(() =>
    (this.network()?.waves ?? []).map((w) => ({ value: w.id, label: w.label })),
  );
  protected readonly compareChoices = computed(() =>
    this.waveChoices().filter((w) => w.value !== this.waveId()),
  );

  protected readonly tab = signal<Tab>('drawing');
  private readonly viewTabs: readonly {
    key: Tab;
    label: 'tabDrawing' | 'tabMeasures' | 'tabMap' | 'tabResources' | 'tabImport';
  }[] = [
    { key: 'drawing', label: 'tabDrawing' },
    { key: 'measures', label: 'tabMeasures' },
    { key: 'map', label: 'tabMap' },
    { key: 'resources', label: 'tabResources' },
  ];
  /** Import only where the caller may edit the network. */
  protected readonly tabs = computed(() =>
    this.network()?.editable
      ? [...this.viewTabs, { key: 'import' as const, label: 'tabImport' as const }]
      : this.viewTabs,
  );
  protected readonly tabItems = labelledTabs(this.tabs, this.t);
  protected readonly colourBy = signal<ColourMode>('sector');
  protected readonly sizeBy = signal<SizeMeasure>('betweenness');
  protected readonly layout = signal<LayoutMode>('sectors');
  protected readonly colourChoices = textChoices(COLOUR_MODES, this.t);
  protected readonly sizeChoices = textChoices(SIZE_MEASURES, this.t);
  protected readonly layoutChoices = textChoices(LAYOUT_MODES, this.t);
  protected readonly search = signal('');
  protected readonly ego = linkedSignal<string | null, string | null>({
    source: this.waveId,
    computation: () => null,
  });
  protected readonly jobProgress = signal<number | null>(null);
  protected readonly progressPercent = progressPercent;

  /** The chosen network and wave, once both are chosen: what the wave's data and measures load for. */
  private readonly chosenWave = computed(() => {
    const networkId = this.networkId();
    const waveId = this.waveId();
    return networkId && waveId ? { networkId, waveId } : undefined;
  });

  protected readonly waveData = resource({
    params: () => this.chosenWave(),
    loader: async ({ params }) => {
      const [actors, ties] = await Promise.all([
        this.api.actors(params.networkId, params.waveId),
        this.api.ties(params.networkId, params.waveId),
      ]);
      return { actors: actors.items, ties: ties.items };
    },
  });

  protected readonly metrics = resource({
    params: () => this.chosenWave(),
    loader: ({ params }) => this.loadMetrics(params.networkId, params.waveId),
  });

  protected readonly comparison = resource({
    params: () =>
      this.networkId() && this.waveId() && this.compareWith()
        ? {
            networkId: this.networkId() as string,
            from: this.compareWith() as string,
            to: this.waveId() as string,
          }
        : undefined,
    loader: ({ params }) => this.api.compare(params.networkId, params.from, params.to),
  });

  protected readonly resources = resource({
    params: () => this.networkId() ?? undefined,
    loader: ({ params }) => this.api.resources(params),
  });

  protected readonly areaOutlines = resource({
    params: () => {
      const level = finestLevelOf(this.session.levels());
      const area = this.network()?.areaId;
      return area && level && (this.tab() === 'map' || this.tab() === 'resources')
        ? { level, parent: area }
        : undefined;
    },
    loader: ({ params }) => this.registry.areaGeoJson(params.level, params.parent),
  });

  protected readonly egoName = computed(
    () => this.waveData.value()?.actors.find((a) => a.id === this.ego())?.name ?? '',
  );
  protected readonly compareLabel = computed(
    () => this.network()?.waves.find((w) => w.id === this.compareWith())?.label ?? '',
  );
  protected readonly mapActors = computed<MapActor[]>(() =>
    (this.waveData.value()?.actors ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      sector: a.sector,
      point: a.point,
    })),
  );
  protected readonly resourceActors = computed<MapActor[]>(() =>
    (this.resources.value()?.items ?? []).map((i) => ({
      id: i.actorId,
      name: i.name,
      sector: i.sector,
      point: i.point,
      emphasised: true,
    })),
  );
  protected readonly summary = computed(() => this.metrics.value()?.graph ?? null);
  /** The whole network's figures above the tabs, each with its label. */
  protected readonly summaryFigures = computed(() => {
    const g = this.summary();
    if (!g) return null;
    return [
      { label: this.t('actors'), value: String(g.nodes) },
      { label: this.t('ties'), value: String(g.edges) },
      { label: this.t('density'), value: this.texts.number(g.density) },
      { label: this.t('components'), value: String(g.components) },
      { label: this.t('isolates'), value: String(g.isolates?.length ?? '–') },
      { label: this.t('crossSector'), value: this.texts.percent(g.eiIndex?.graph?.crossSectorShare) },
      { label: this.t('modularity'), value: this.texts.number(g.modularity) },
    ];
  });
  /** Measures the service left out for this wave, with the reason in the reader's words. */
  protected readonly omitted = computed<OmittedNote[]>(() => {
    const graph = this.summary();
    return omittedMeasures(graph?.omitted, ACTOR_MEASURES).map(({ measure, reason }) => ({
      measure,
      text: this.t(`omitted.${reason}` as NetworkTextKey, {
        measure: this.t(measure as NetworkTextKey),
        components: graph?.components ?? '',
      }),
    }));
  });
  /** The note for the measure the drawing is sized by, when it was left out. */
  protected readonly sizeNote = computed(
    () => this.omitted().find((note) => note.measure === this.sizeBy())?.text ?? null,
  );
  protected readonly fileName = computed(
    () =>
      `${this.t('fileMeasures')}-${(this.network()?.name ?? this.t('fileNetwork')).toLowerCase().replace(/[^a-z0-9äöüß]+/g, '-')}-${this.wave()?.observedOn ?? ''}`,
  );

  /** The resource table as shown, for its CSV/XLSX download. */
  protected readonly resourceRows = computed<TableRows>(() => [
    [this.t('area'), this.t('actors'), this.t('offerings'), this.t('field')],
    ...(this.resources.value()?.areas ?? []).map((entry) => [
      entry.area ? `${entry.area.name} (${entry.area.code})` : this.t('withoutArea'),
      entry.actors,
      this.entries(entry.byType)
        .map(([type, n]) => `${this.texts.offering(type)}: ${n}`)
        .join('; '),
      this.entries(entry.byField)
        .map(([field, n]) => `${field}: ${n}`)
        .join('; '),
    ]),
  ]);

  /** After an import the wave's actors, ties and measures are read again. */
  protected reload(): void {
    this.networks.reload();
    this.waveData.reload();
    this.metrics.reload();
  }

  protected entries(record: Record<string, number>): [string, number][] {
    return Object.entries(record).sort(([, a], [, b]) => b - a);
  }

  /** Measures from the service; if the wave is too large to compute on request, via a job. */
  private async loadMetrics(networkId: string, waveId: string): Promise<WaveMetrics> {
    this.jobProgress.set(null);
    try {
      return await this.api.metrics(networkId, waveId);
    } catch (error) {
      if (!(error instanceof HttpErrorResponse) || error.status !== 409) throw error;
    }
    const started = await this.api.startMetricsJob(networkId, waveId);
    this.jobProgress.set(started.progress);
    const job = await followJob(started, (j) => this.api.metricsJob(j.id), {
      delay: () => 1000,
      seen: (j) => this.jobProgress.set(j.progress),
    });
    this.jobProgress.set(null);
    if (job?.status === 'failed') throw new Error(this.t('computeFailed', { message: job.message ?? '' }));
    return this.api.metrics(networkId, waveId);
  }
}
