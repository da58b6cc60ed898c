import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Loaded } from '@quartier/portal-ui';
import { type MapArea, ProgrammeMap } from '../area-map/area-map';
import { budgetAxes, totals } from '../money';
import { type Programme, ProgrammeWorkspace } from '../programme-workspace';
import { ProgrammeTexts } from '../texts';

const MONEY = ['planned', 'committed', 'proposed', 'spent', 'remaining'] as const;
const STATUSES = ['proposed', 'approved', 'running', 'completed', 'rejected', 'cancelled'] as const;

/** The programme office's overview: budget per year × line, measures by status and field, areas on the map. */
@Component({
  selector: 'q-overview-panel',
  imports: [Loaded, ProgrammeMap],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './overview-panel.html',
  styleUrl: '../programme.scss',
})
export class OverviewPanel {
  private readonly workspace = inject(ProgrammeWorkspace);
  protected readonly texts = inject(ProgrammeTexts);
  protected readonly t = this.texts.t;
  readonly programme = input.required<Programme>();
  protected readonly money = MONEY;

  protected readonly dashboard = this.workspace.part(this.programme, 'dashboard');
  protected readonly problem = this.workspace.problem;

  protected readonly rows = computed(() => {
    const d = this.dashboard.value();
    if (!d) return [];
    const { years, lines } = budgetAxes(
      d.budget.cells,
      d.budgetLines.map((l) => l.key),
    );
    const labels = new Map(d.budgetLines.map((l) => [l.key, l.label]));
    return years.flatMap((year) =>
      lines.flatMap((line) => {
        const cell = d.budget.cells.find((c) => c.year === year && c.line === line);
        return cell ? [{ ...cell, label: labels.get(line) ?? line }] : [];
      }),
    );
  });
  protected readonly total = computed(() => totals(this.rows(), MONEY));

  /** The measures counted by status (every status, in workflow order) and by field of action. */
  protected readonly counts = computed(() => {
    const d = this.dashboard.value();
    if (!d) return [];
    const labels = new Map(d.fieldsOfAction.map((f) => [f.key, f.label]));
    const byStatus = STATUSES.map((key) => ({
      key,
      label: this.texts.tk('measure', key),
      count: d.measuresByStatus[key] ?? 0,
    }));
    const byField = Object.entries(d.measuresByField).map(([key, count]) => ({
      key,
      label: key === '' ? this.t('noField') : (labels.get(key) ?? key),
      count,
    }));
    return [
      { heading: 'byStatus', column: 'status', testId: 'measures-by-status', rows: byStatus },
      { heading: 'byField', column: 'filterField', testId: null, rows: byField },
    ] as const;
  });

  protected readonly geometry = this.workspace.geometryOf(
    () => this.dashboard.value()?.areas.map((a) => a.id) ?? [],
  );

  protected readonly mapAreas = computed(() => {
    const map = new Map<string, MapArea>();
    for (const area of this.dashboard.value()?.areas ?? [])
      map.set(area.id, {
        color: area.measures > 0 ? '#2b6cb0' : '#9ec5ea',
        text: `${area.measures} ${this.t('measures')}, ${this.texts.euros(area.budgetCents)}`,
        highlighted: true,
      });
    return map;
  });
}
