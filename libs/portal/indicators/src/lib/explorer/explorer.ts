import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  linkedSignal,
  resource,
  signal,
} from '@angular/core';
import { finestLevelOf, RegistryApi, Session } from '@quartier/portal-data-access';
import {
  ChoiceField,
  classOf,
  Loaded,
  loadMapLibre,
  Notice,
  quantileBreaks,
  ScrollRegion,
  TableDownload,
  type TableRows,
} from '@quartier/portal-ui';
import { type LegendClass, valueLegend, valueRange } from '../classes';
import { ClassMap, type MapCell, lazyCell } from '../class-map/class-map';
import { IndicatorApi, type AreaValue, type ValueLayer } from '../indicator-api';
import { SeriesChart, type SeriesLine } from '../series-chart/series-chart';
import { IndicatorTexts } from '../texts';

const MAX_COMPARE = 4;
/** Levels with more areas are drawn from vector tiles rather than one GeoJSON document. */
const TILE_THRESHOLD = 2000;
/**
 * Ranking rows drawn at a time: a city's planning areas (Berlin's 448) in one go, while a level
 * of 50,000 blocks does not make the page lay out a thousand rows before its map can draw.
 */
const RANKING_PAGE = 500;
/**
 * Ranking rows laid out as soon as the ranking arrives; the rest of the page follows when the
 * browser is idle. Laying out 500 rows takes a 50,000-area level's map 50–90 ms of the page's
 * thread in the middle of its first drawing, for rows below the table's fold.
 */
const FIRST_ROWS = 100;

/** When the page's thread is idle (a timer where the browser has no idle callbacks). */
function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 50);
  return () => clearTimeout(id);
}

type Shown = Pick<AreaValue, 'status' | 'value' | 'approximate'> &
  Partial<Pick<AreaValue, 'reason' | 'coverage'>>;

function layerItem(layer: ValueLayer, i: number): Shown {
  const flag = layer.flags[i];
  return flag === 's'
    ? { status: 'suppressed', value: null, approximate: false }
    : flag === 'm' || layer.values[i] === null
      ? { status: 'missing', value: null, approximate: false }
      : { status: 'value', value: layer.values[i], approximate: flag === 'a' };
}

/**
 * Explorer: one indicator, one period, one level — choropleth with a greyscale-safe legend,
 * ranking table (least favourable first), time series of the chosen area and a comparison of
 * up to four areas over every indicator of the period.
 */
@Component({
  selector: 'q-indicator-explorer',
  imports: [ClassMap, SeriesChart, Loaded, Notice, TableDownload, ChoiceField, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './explorer.html',
  styleUrl: '../panel.scss',
})
export class Explorer {
  private readonly api = inject(IndicatorApi);
  private readonly registry = inject(RegistryApi);
  private readonly session = inject(Session);
  protected readonly texts = inject(IndicatorTexts);
  protected readonly t = this.texts.t;

  protected readonly indicators = resource({ loader: () => this.api.indicators() });
  protected readonly code = linkedSignal(() => {
    const list = this.indicators.value() ?? [];
    return (list.find((i) => i.code === 'S1') ?? list[0])?.code ?? null;
  });
  protected readonly indicator = computed(
    () => this.indicators.value()?.find((i) => i.code === this.code()) ?? null,
  );
  protected readonly indicatorChoices = computed(() =>
    (this.indicators.value() ?? []).map((i) => ({
      value: i.code,
      label: `${i.code} – ${this.texts.name(i.name)}`,
    })),
  );
  protected readonly levels = this.session.levels;
  protected readonly level = linkedSignal(() => finestLevelOf(this.levels()));
  protected readonly levelName = computed(
    () => this.levels().find((l) => l.key === this.level())?.name ?? '',
  );
  protected readonly levelChoices = computed(() =>
    this.levels().map((l) => ({ value: l.key, label: l.name })),
  );

  protected readonly periods = resource({
    params: () => this.code() ?? undefined,
    loader: ({ params }) => this.api.periods(params),
  });
  protected readonly period = linkedSignal(() => this.periods.value()?.periods.at(-1) ?? null);
  protected readonly periodChoices = computed(() =>
    (this.periods.value()?.periods ?? []).map((p) => ({ value: p, label: p })),
  );

  /** The level's tiles; levels of more than TILE_THRESHOLD areas are drawn from them. */
  protected readonly tiles = resource({
    params: () => this.level() ?? undefined,
    loader: ({ params }) => this.registry.areaTiles(params),
  });
  /** Null while undecided; an unreachable tile service means the GeoJSON as before. */
  protected readonly tiled = computed<boolean | null>(() => {
    if (this.tiles.error()) return false;
    const tiles = this.tiles.value();
    return tiles === undefined ? null : tiles.areas > TILE_THRESHOLD;
  });
  protected readonly mapTiles = computed(() => (this.tiled() ? (this.tiles.value() ?? null) : null));
  protected readonly geo = resource({
    params: () => (this.tiled() === false ? (this.level() ?? undefined) : undefined),
    loader: ({ params }) => this.registry.areaGeoJson(params),
  });
  private readonly query = computed(() =>
    this.code() && this.period() && this.level()
      ? { code: this.code() as string, period: this.period() as string, level: this.level() as string }
      : undefined,
  );
  protected readonly data = resource({
    params: () => (this.tiled() === false ? this.query() : undefined),
    loader: ({ params }) => this.api.map(params.code, params.period, params.level),
  });
  /** With tiles, the map's colours come as columns joined to the tiles by area code. */
  protected readonly layer = resource({
    params: () => (this.tiled() ? this.query() : undefined),
    loader: ({ params }) => this.api.layer(params.code, params.period, params.level),
  });
  protected readonly ranking = resource({
    params: () => this.query(),
    loader: ({ params }) => this.api.ranking(params.code, params.period, params.level),
  });

  protected readonly selected = signal<string | null>(null);
  /** The selected area's code: the map's key when it is drawn from tiles. */
  private readonly selectedCode = signal<string | null>(null);
  protected readonly mapSelection = computed(() => (this.tiled() ? this.selectedCode() : this.selected()));
  protected readonly compared = signal<string[]>([]);

  private readonly mapValues = computed(
    () => this.layer.value()?.values ?? (this.data.value()?.items ?? []).map((i) => i.value),
  );
  private readonly breaks = computed(() => quantileBreaks(this.mapValues()));
  protected readonly legend = computed<LegendClass[]>(() =>
    valueLegend(this.breaks(), (n) => this.texts.number(n), valueRange(this.mapValues())),
  );
  /** Areas answered but none with a value: say so instead of an empty map and legend. */
  protected readonly noValues = computed(() => {
    const answered = this.layer.value()?.codes.length ?? this.data.value()?.items.length ?? 0;
    return answered > 0 && valueRange(this.mapValues()) === null;
  });
  protected readonly cells = computed(() => {
    const cells = new Map<string, MapCell>();
    const breaks = this.breaks();
    const layer = this.layer.value();
    if (layer) {
      layer.codes.forEach((code, i) => cells.set(code, this.cellOf(layerItem(layer, i), breaks)));
      return cells;
    }
    for (const item of this.data.value()?.items ?? []) cells.set(item.areaId, this.cellOf(item, breaks));
    return cells;
  });
  /** How many ranking rows are drawn (ranked first, then those without a value). */
  protected readonly rankingLimit = linkedSignal({ source: this.query, computation: () => RANKING_PAGE });
  /** How many of those are laid out yet (see FIRST_ROWS). */
  private readonly rankingDrawn = linkedSignal({ source: this.ranking.value, computation: () => FIRST_ROWS });
  constructor() {
    // The map's library (~1 MB) loads with the page, not once the indicator list has come and
    // the map is laid out: otherwise its download competes with the map's own data.
    loadMapLibre().catch(() => undefined);
    effect((onCleanup) => {
      if (this.rankingDrawn() < this.rankingLimit())
        onCleanup(whenIdle(() => this.rankingDrawn.set(Number.POSITIVE_INFINITY)));
    });
  }

  protected readonly rankingPage = computed(() => {
    const ranking = this.ranking.value();
    const items = ranking?.items ?? [];
    const unranked = ranking?.unranked ?? [];
    const limit = this.rankingLimit();
    const drawn = Math.min(limit, this.rankingDrawn());
    const total = items.length + unranked.length;
    const shown = Math.min(limit, total);
    return {
      items: items.slice(0, drawn),
      unranked: unranked.slice(0, Math.max(0, drawn - items.length)),
      shown,
      total,
      more: Math.min(total - shown, RANKING_PAGE),
    };
  });

  protected showMoreRanking(): void {
    this.rankingLimit.update((limit) => limit + RANKING_PAGE);
  }

  /** The ranking as shown, for its CSV/XLSX download (values as numbers, reasons in words). */
  protected readonly rankingRows = computed<TableRows>(() => {
    const ranking = this.ranking.value();
    const header = [this.t('rank'), this.t('code'), this.t('area'), this.t('value'), this.t('reason')];
    if (!ranking) return [header];
    return [
      header,
      ...ranking.items.map((r) => [r.rank, r.code, r.name, r.value, this.explain(r) || null]),
      ...(ranking.unranked ?? []).map((r) => [
        null,
        r.code,
        r.name,
        null,
        r.status === 'suppressed'
          ? this.t('suppressed')
          : this.explain({ ...r, value: null, approximate: false }),
      ]),
    ];
  });
  protected readonly downloadName = computed(
    () => `${this.t('fileRanking')}-${this.code() ?? ''}-${this.period() ?? ''}-${this.level() ?? ''}`,
  );

  protected readonly mapLabel = computed(() =>
    this.t('mapLabel', {
      indicator: this.indicator() ? this.texts.name(this.indicator()!.name) : '',
      period: this.period() ?? '',
      level: this.levelName(),
    }),
  );

  protected readonly series = resource({
    params: () =>
      this.code() && (this.compared().length > 0 || this.selected())
        ? { code: this.code() as string, areas: this.seriesAreas() }
        : undefined,
    loader: async ({ params }) => Promise.all(params.areas.map((area) => this.api.series(params.code, area))),
  });
  protected readonly seriesLines = computed<SeriesLine[]>(() =>
    (this.series.value() ?? []).map((s) => ({
      name: s.area.name,
      points: s.points.map((p) => ({ period: p.period, value: p.status === 'value' ? p.value : null })),
    })),
  );
  protected readonly comparison = resource({
    params: () => {
      const period = this.period();
      const codes = (this.indicators.value() ?? [])
        .filter((i) => i.sourceKind === 'manual')
        .slice(0, 12)
        .map((i) => i.code);
      return period && this.compared().length > 0 && codes.length > 0
        ? { codes, areas: this.compared(), period }
        : undefined;
    },
    loader: ({ params }) => this.api.compare(params.codes, params.areas, params.period),
  });

  private seriesAreas(): string[] {
    const list = [...this.compared()];
    const selected = this.selected();
    if (selected && !list.includes(selected)) list.unshift(selected);
    return list.slice(0, MAX_COMPARE + 1);
  }

  protected select(areaId: string): void {
    this.selected.set(areaId);
    this.selectedCode.set(this.ranking.value()?.items.find((i) => i.areaId === areaId)?.code ?? null);
  }

  /** A click on the tiled map names the area by code; series and comparison need its id. */
  protected async selectOnMap(key: string): Promise<void> {
    if (!this.tiled()) return this.select(key);
    this.selectedCode.set(key);
    const ranked = this.ranking.value()?.items.find((i) => i.code === key);
    if (ranked) return this.selected.set(ranked.areaId);
    const found = await this.registry.areas({ level: this.level() ?? undefined, q: key, limit: 20 });
    const area = found.items.find((a) => a.code === key);
    if (area && this.selectedCode() === key) this.selected.set(area.id);
  }

  protected toggleCompare(areaId: string): void {
    this.compared.update((list) =>
      list.includes(areaId)
        ? list.filter((id) => id !== areaId)
        : list.length >= MAX_COMPARE
          ? list
          : [...list, areaId],
    );
  }

  protected display(item: Shown): string {
    if (item.status === 'suppressed') return this.t('suppressed');
    if (item.status === 'missing' || item.value === null) return this.t('missing');
    return `${this.texts.number(item.value)}${item.approximate ? ' ≈' : ''}`;
  }

  /** What a value is or why there is none, in words (tooltip and title of table cells). */
  protected explain(item: Shown): string {
    if (item.status === 'missing')
      return item.reason === 'incomplete'
        ? this.t('missingIncomplete')
        : item.reason === 'zero-denominator'
          ? this.t('missingZeroDenominator')
          : this.t('missing');
    if (item.status === 'value' && typeof item.coverage === 'number')
      return this.t('coverage', { share: this.texts.number(item.coverage * 100, 1) });
    if (item.status === 'value' && item.approximate) return this.t('approximate');
    return '';
  }

  /** The cell of an area, its tooltip text written when read (`lazyCell`). */
  private cellOf(item: Shown, breaks: readonly number[]): MapCell {
    if (item.status !== 'value' || item.value === null)
      return lazyCell(null, item.status === 'suppressed' ? 'suppressed' : 'missing', () =>
        item.status === 'missing' ? this.explain(item) : this.display(item),
      );
    const cls = classOf(item.value, breaks);
    return lazyCell(cls, 'value', () => {
      const why = this.explain(item);
      return `${this.display(item)} (${this.t('legendClass', { number: cls + 1 })})${why ? ` – ${why}` : ''}`;
    });
  }
}
