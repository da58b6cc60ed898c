import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  resource,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { RegistryApi } from '@quartier/portal-data-access';
import {
  ChoiceField,
  ScrollRegion,
  CreateReportLink,
  Loaded,
  TableDownload,
  type TableRows,
} from '@quartier/portal-ui';
import { classLegend } from '../classes';
import { ClassMap, type MapCell } from '../class-map/class-map';
import { IndicatorApi } from '../indicator-api';
import { IndicatorTexts } from '../texts';

/**
 * The social monitoring index: class map of a stored run (status, dynamics or both combined),
 * the number of areas per class and the areas behind each class, and the movers against an
 * earlier run. Counts follow the map: a planner scoped to a district counts that district's
 * areas, with the city's figures beside them, labelled as the city's. Area names lead to the
 * area's page.
 */
@Component({
  selector: 'q-index-view',
  imports: [ClassMap, CreateReportLink, Loaded, RouterLink, TableDownload, ChoiceField, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './index-view.html',
  styleUrl: '../panel.scss',
})
export class IndexView {
  private readonly api = inject(IndicatorApi);
  private readonly registry = inject(RegistryApi);
  protected readonly texts = inject(IndicatorTexts);
  protected readonly t = this.texts.t;

  protected readonly runs = resource({ loader: () => this.api.runs() });
  protected readonly runId = linkedSignal(() => this.runs.value()?.at(-1)?.id ?? null);
  protected readonly runChoices = computed(() =>
    (this.runs.value() ?? []).map((r) => ({ value: r.id, label: `${r.label} (${r.period})` })),
  );
  protected readonly run = computed(() => this.runs.value()?.find((r) => r.id === this.runId()) ?? null);
  protected readonly indexId = linkedSignal(() => this.run()?.definition.indices[0]?.id ?? null);
  protected readonly previousId = linkedSignal(() => {
    const runs = this.runs.value() ?? [];
    const at = runs.findIndex((r) => r.id === this.runId());
    return at > 0 ? runs[at - 1].id : null;
  });
  protected readonly otherRunChoices = computed(() =>
    (this.runs.value() ?? [])
      .filter((r) => r.id !== this.runId())
      .map((r) => ({ value: r.id, label: r.label })),
  );

  protected readonly geo = resource({
    params: () => this.run()?.level,
    loader: ({ params }) => this.registry.areaGeoJson(params),
  });
  protected readonly classes = resource({
    params: () =>
      this.runId() && this.indexId()
        ? { run: this.runId() as string, index: this.indexId() as string }
        : undefined,
    loader: ({ params }) => this.api.classes(params.run, params.index),
  });
  protected readonly movers = resource({
    params: () =>
      this.runId() && this.previousId() && this.indexId()
        ? { from: this.previousId() as string, to: this.runId() as string, index: this.indexId() as string }
        : undefined,
    loader: ({ params }) => this.api.movers(params.from, params.to, params.index),
  });

  /** The classes of the chosen index with their labels in the reader's language. */
  private readonly layout = computed(() =>
    (this.classes.value()?.classes ?? []).map((c) => ({
      code: c.code,
      label: this.texts.label(c.label, c.labels),
    })),
  );
  private readonly labelByCode = computed(() => new Map(this.layout().map((c) => [c.code, c.label])));
  /** An area's class label in the reader's language (the stored result holds the tenant's). */
  protected classLabel(code: string | null, stored: string | null): string | null {
    return code === null ? null : (this.labelByCode().get(code) ?? stored);
  }
  protected readonly legend = computed(() => classLegend(this.layout()));
  protected readonly cells = computed(() => {
    const map = new Map<string, MapCell>();
    const layout = this.layout();
    const position = new Map(layout.map((c, i) => [c.code, i]));
    for (const item of this.classes.value()?.items ?? []) {
      const cls = item.class === null ? null : (position.get(item.class) ?? null);
      map.set(item.areaId, {
        cls,
        state: item.valid ? 'value' : 'invalid',
        text: item.valid
          ? `${item.class} ${this.classLabel(item.class, item.label)}${item.value === null ? '' : ` (${this.texts.number(item.value, 2)})`}`
          : this.t('invalid'),
      });
    }
    return map;
  });
  protected readonly chosenClass = signal<number | null>(null);
  protected readonly classAreas = computed(() => {
    const chosen = this.chosenClass();
    const layout = this.layout();
    if (chosen === null || !layout[chosen]) return null;
    const code = layout[chosen].code;
    return {
      code,
      label: layout[chosen].label,
      items: (this.classes.value()?.items ?? []).filter((i) => i.class === code),
    };
  });
  /** The areas the map shows (the caller's scope) and how many of them are rated. */
  protected readonly shown = computed(() => {
    const items = this.classes.value()?.items ?? [];
    return { total: items.length, valid: items.filter((i) => i.valid).length };
  });
  /** Whether the caller sees less than the whole city, so city figures need their own column. */
  protected readonly scoped = computed(() => {
    const run = this.run();
    return run !== null && this.classes.hasValue() && this.shown().total < run.areaCount;
  });
  protected readonly counts = computed(() => {
    const run = this.run();
    const index = this.indexId();
    if (!run || !index) return [];
    const inScope = new Map<string, number>();
    for (const item of this.classes.value()?.items ?? [])
      if (item.class !== null) inScope.set(item.class, (inScope.get(item.class) ?? 0) + 1);
    // The run stores the city's counts per index; the combined groups are only counted here.
    const city: Record<string, number> | undefined = run.classCounts[index];
    return this.layout().map((c, i) => ({
      number: i + 1,
      code: c.code,
      label: c.label,
      count: inScope.get(c.code) ?? 0,
      city: city ? (city[c.code] ?? 0) : null,
    }));
  });
  /** The tables as shown, for their CSV/XLSX downloads. */
  protected readonly countRows = computed<TableRows>(() => [
    [
      '#',
      this.t('code'),
      this.t('index'),
      this.scoped() ? this.t('countScope') : 'n',
      ...(this.scoped() ? [this.t('countCity')] : []),
    ],
    ...this.counts().map((c) => [c.number, c.code, c.label, c.count, ...(this.scoped() ? [c.city] : [])]),
  ]);
  protected readonly classAreaRows = computed<TableRows>(() => {
    const chosen = this.classAreas();
    return [
      [this.t('area'), this.t('code'), this.t('index')],
      ...(chosen?.items ?? []).map((a) => [a.name, a.code, a.value]),
    ];
  });
  protected readonly moverRows = computed<TableRows>(() => [
    [this.t('area'), this.t('code'), this.t('from'), this.t('to'), this.t('direction')],
    ...(this.movers.value()?.items ?? []).map((m) => [
      m.name,
      m.code,
      `${m.from.class ?? '–'} ${this.classLabel(m.from.class, m.from.label) ?? this.t('invalid')}`,
      `${m.to.class ?? '–'} ${this.classLabel(m.to.class, m.to.label) ?? this.t('invalid')}`,
      this.t(m.direction),
    ]),
  ]);
  protected readonly downloadName = computed(
    () => `${(this.run()?.label ?? 'index').replace(/\s+/g, '-').toLowerCase()}-${this.indexId() ?? ''}`,
  );

  /** Status × dynamics as one more choice, for definitions with (at least) two indices. */
  protected readonly indexChoices = computed(() => {
    const indices = this.run()?.definition.indices ?? [];
    const choices = indices.map((i) => ({ value: i.id, label: this.indexName(i) }));
    return indices.length >= 2
      ? [...choices, { value: 'combined', label: this.t('combinedIndex') }]
      : choices;
  });
  protected readonly mapLabel = computed(() => `${this.run()?.label ?? ''} · ${this.indexLabel()}`);
  protected readonly indexLabel = computed(
    () => this.indexChoices().find((i) => i.value === this.indexId())?.label ?? this.indexId() ?? '',
  );

  protected indexName(index: { id: string; label?: string; labels?: Record<string, string> }): string {
    return index.label ? this.texts.label(index.label, index.labels) : index.id;
  }
}
