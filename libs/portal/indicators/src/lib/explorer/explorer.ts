import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  resource,
  signal,
} from '@angular/core';
import { RegistryApi, Session } from '@quartier/portal-data-access';
import { type LegendClass, classOf, quantileBreaks, valueLegend } from '../classes';
import { ClassMap, type MapCell } from '../class-map/class-map';
import { IndicatorApi, type AreaValue } from '../indicator-api';
import { SeriesChart, type SeriesLine } from '../series-chart/series-chart';
import { IndicatorTexts } from '../texts';

const MAX_COMPARE = 4;

/**
 * Explorer: one indicator, one period, one level — choropleth with a greyscale-safe legend,
 * ranking table (least favourable first), time series of the chosen area and a comparison of
 * up to four areas over every indicator of the period.
 */
@Component({
  selector: 'q-indicator-explorer',
  imports: [ClassMap, SeriesChart],
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
  protected readonly levels = this.session.levels;
  protected readonly level = linkedSignal(() => this.levels().at(-1)?.key ?? null);
  protected readonly levelName = computed(
    () => this.levels().find((l) => l.key === this.level())?.name ?? '',
  );

  protected readonly periods = resource({
    params: () => this.code() ?? undefined,
    loader: ({ params }) => this.api.periods(params),
  });
  protected readonly period = linkedSignal(() => this.periods.value()?.periods.at(-1) ?? null);

  protected readonly geo = resource({
    params: () => this.level() ?? undefined,
    loader: ({ params }) => this.registry.areaGeoJson(params),
  });
  private readonly query = computed(() =>
    this.code() && this.period() && this.level()
      ? { code: this.code() as string, period: this.period() as string, level: this.level() as string }
      : undefined,
  );
  protected readonly data = resource({
    params: () => this.query(),
    loader: ({ params }) => this.api.map(params.code, params.period, params.level),
  });
  protected readonly ranking = resource({
    params: () => this.query(),
    loader: ({ params }) => this.api.ranking(params.code, params.period, params.level),
  });

  protected readonly selected = signal<string | null>(null);
  protected readonly compared = signal<string[]>([]);

  private readonly breaks = computed(() =>
    quantileBreaks((this.data.value()?.items ?? []).map((i) => i.value)),
  );
  protected readonly legend = computed<LegendClass[]>(() =>
    valueLegend(this.breaks(), (n) => this.texts.number(n)),
  );
  protected readonly cells = computed(() => {
    const cells = new Map<string, MapCell>();
    const breaks = this.breaks();
    for (const item of this.data.value()?.items ?? []) cells.set(item.areaId, this.cellOf(item, breaks));
    return cells;
  });
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

  protected display(item: Pick<AreaValue, 'status' | 'value' | 'approximate'>): string {
    if (item.status === 'suppressed') return this.t('suppressed');
    if (item.status === 'missing' || item.value === null) return this.t('missing');
    return `${this.texts.number(item.value)}${item.approximate ? ' ≈' : ''}`;
  }

  private cellOf(item: AreaValue, breaks: readonly number[]): MapCell {
    if (item.status !== 'value' || item.value === null)
      return {
        cls: null,
        state: item.status === 'suppressed' ? 'suppressed' : 'missing',
        text: this.display(item),
      };
    const cls = classOf(item.value, breaks);
    return {
      cls,
      state: 'value',
      text: `${this.display(item)} (${this.t('legendClass', { number: cls + 1 })})`,
    };
  }
}
