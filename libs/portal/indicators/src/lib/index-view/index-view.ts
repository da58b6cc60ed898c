import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  resource,
  signal,
} from '@angular/core';
import { RegistryApi } from '@quartier/portal-data-access';
import { CreateReportLink } from '@quartier/portal-ui';
import { classLegend } from '../classes';
import { ClassMap, type MapCell } from '../class-map/class-map';
import { IndicatorApi } from '../indicator-api';
import { IndicatorTexts } from '../texts';

/**
 * The social monitoring index: class map of a stored run (status or dynamics), the number of
 * areas per class and the areas behind each class, and the movers against an earlier run.
 */
@Component({
  selector: 'q-index-view',
  imports: [ClassMap, CreateReportLink],
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
  protected readonly run = computed(() => this.runs.value()?.find((r) => r.id === this.runId()) ?? null);
  protected readonly indexId = linkedSignal(() => this.run()?.definition.indices[0]?.id ?? null);
  protected readonly previousId = linkedSignal(() => {
    const runs = this.runs.value() ?? [];
    const at = runs.findIndex((r) => r.id === this.runId());
    return at > 0 ? runs[at - 1].id : null;
  });
  protected readonly otherRuns = computed(() =>
    (this.runs.value() ?? []).filter((r) => r.id !== this.runId()),
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

  protected readonly legend = computed(() => classLegend(this.classes.value()?.classes ?? []));
  protected readonly cells = computed(() => {
    const map = new Map<string, MapCell>();
    const layout = this.classes.value()?.classes ?? [];
    const position = new Map(layout.map((c, i) => [c.code, i]));
    for (const item of this.classes.value()?.items ?? []) {
      const cls = item.class === null ? null : (position.get(item.class) ?? null);
      map.set(item.areaId, {
        cls,
        state: item.valid ? 'value' : 'invalid',
        text: item.valid
          ? `${item.class} ${item.label} (${this.texts.number(item.value, 2)})`
          : this.t('invalid'),
      });
    }
    return map;
  });
  protected readonly chosenClass = signal<number | null>(null);
  protected readonly classAreas = computed(() => {
    const chosen = this.chosenClass();
    const layout = this.classes.value()?.classes ?? [];
    if (chosen === null || !layout[chosen]) return null;
    const code = layout[chosen].code;
    return {
      code,
      label: layout[chosen].label,
      items: (this.classes.value()?.items ?? []).filter((i) => i.class === code),
    };
  });
  protected readonly counts = computed(() => {
    const run = this.run();
    const index = this.indexId();
    if (!run || !index) return [];
    const counts = run.classCounts[index] ?? {};
    return (this.classes.value()?.classes ?? []).map((c, i) => ({
      number: i + 1,
      code: c.code,
      label: c.label,
      count: counts[c.code] ?? 0,
    }));
  });
  protected readonly mapLabel = computed(() => `${this.run()?.label ?? ''} · ${this.indexLabel()}`);
  protected readonly indexLabel = computed(
    () => this.run()?.definition.indices.find((i) => i.id === this.indexId())?.label ?? this.indexId() ?? '',
  );
}
