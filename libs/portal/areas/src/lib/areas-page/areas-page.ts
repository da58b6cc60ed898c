import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  resource,
  viewChild,
} from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { type AreaSummary, RegistryApi, Session, problemFrom } from '@quartier/portal-data-access';
import { I18n, KEEP_FOCUS_STATE, Notice, PageHeading, describeProblem } from '@quartier/portal-ui';
import { AreaDetail } from '../area-detail/area-detail';
import { AreaMap } from '../area-map/area-map';
import { AreaTree } from '../area-tree/area-tree';

/**
 * `/areas?area=<id>&level=<key>`: tree, map and detail of the tenant's areas. Selection and map
 * level live in the query string, so the page is linkable and the component survives selection
 * changes (a path parameter would recreate it — and the map — on every click).
 */
@Component({
  selector: 'q-areas-page',
  imports: [MatButtonToggleModule, MatProgressBarModule, Notice, PageHeading, AreaTree, AreaMap, AreaDetail],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './areas-page.html',
  styleUrl: './areas-page.scss',
})
export class AreasPage {
  private readonly api = inject(RegistryApi);
  private readonly router = inject(Router);
  private readonly session = inject(Session);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly formatNumber = this.i18n.formatNumber;

  /** Query parameters (router component input binding). */
  readonly area = input<string>();
  readonly level = input<string>();

  private readonly tree = viewChild(AreaTree);
  protected readonly levels = this.session.levels;
  protected readonly sessionFailed = this.session.failed;
  protected readonly mapLevel = computed(() => {
    const levels = this.levels();
    const requested = this.level();
    return levels.find((l) => l.key === requested)?.key ?? levels[0]?.key ?? null;
  });
  protected readonly mapLevelName = computed(
    () => this.levels().find((l) => l.key === this.mapLevel())?.name ?? '',
  );

  protected readonly geojson = resource({
    params: () => this.mapLevel() ?? undefined,
    loader: ({ params }) => this.api.areaGeoJson(params),
  });
  protected readonly detail = resource({
    params: () => this.area() || undefined,
    loader: ({ params }) => this.api.area(params),
  });
  protected readonly geojsonError = computed(() => {
    const error = this.geojson.error();
    return error ? describeProblem(problemFrom(error), this.t) : null;
  });
  /**
   * The registry may hide an area's detail outside the caller's area scope (403) while still
   * listing it. That is a permission, not a failure: show what the tree knows and say why.
   */
  protected readonly detailRestricted = computed(() => {
    const error = this.detail.error();
    if (!error || problemFrom(error).status !== 403) return null;
    const id = this.area();
    return { summary: id ? (this.tree()?.summaryOf(id) ?? null) : null };
  });
  protected readonly detailError = computed(() => {
    const error = this.detail.error();
    return error && !this.detailRestricted() ? describeProblem(problemFrom(error), this.t) : null;
  });
  protected readonly revealPath = computed(() =>
    this.detail.hasValue() ? this.detail.value().ancestors.map((a) => a.id) : [],
  );

  constructor() {
    void this.session.load();
  }

  protected selectLevel(level: string): void {
    void this.router.navigate([], {
      queryParams: { level },
      queryParamsHandling: 'merge',
      state: KEEP_FOCUS_STATE,
    });
  }

  protected selectArea(id: string): void {
    void this.router.navigate([], {
      queryParams: { area: id },
      queryParamsHandling: 'merge',
      state: KEEP_FOCUS_STATE,
    });
  }

  protected onSaved(updated: AreaSummary): void {
    this.tree()?.updateArea(updated);
    this.detail.reload();
    this.geojson.reload();
  }
}
